package io.telerisk.model.codec;

import io.telerisk.model.Envelope;

/**
 * Encodes and decodes envelopes in one wire format. Implementations are thread-safe and never throw on bad
 * input: {@link #decode(byte[])} returns a {@link Decoded.Rejected} instead.
 */
public interface EnvelopeCodec {
    /** The MQTT 5 content type that selects this codec. */
    String contentType();

    /** Encodes an envelope. */
    byte[] encode(Envelope envelope);

    /** Decodes a payload; structural problems only (range checks are the validator's job). */
    Decoded decode(byte[] payload);
}
