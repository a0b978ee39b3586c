package io.telerisk.hub.work;

import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.JsonEnvelopeCodec;
import io.telerisk.model.validation.Limits;

import java.nio.charset.StandardCharsets;

/** Envelopes as work-item payloads: the platform's JSON wire format, without ingest's size limits (ingest applied them). */
public final class QueuedEnvelopes {
    private static final JsonEnvelopeCodec CODEC = Codecs.withLimits(Limits.DEFAULT.withMaxPayloadBytes(Integer.MAX_VALUE)
            .withMaxSamplesPerBatch(Integer.MAX_VALUE).withMaxEventsPerBatch(Integer.MAX_VALUE)).jsonCodec();

    private QueuedEnvelopes() {
    }

    /** The payload of an item carrying this envelope. */
    public static String encode(Envelope envelope) {
        return new String(CODEC.encode(envelope), StandardCharsets.UTF_8);
    }

    /** The envelope an item carries; an unreadable payload throws (the item is retried and its error recorded). */
    public static Envelope decode(WorkQueue.Item item) {
        Decoded d = CODEC.decode(item.payload().getBytes(StandardCharsets.UTF_8));
        if (d instanceof Decoded.Ok ok) return ok.envelope();
        throw new IllegalStateException("unreadable queued envelope " + item.key() + ": " + d);
    }
}
