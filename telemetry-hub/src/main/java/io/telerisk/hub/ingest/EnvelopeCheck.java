package io.telerisk.hub.ingest;

import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Decoded;

/**
 * Semantic validation of a decoded envelope (ranges, timestamps, schema version). The hub adapts the model's
 * {@code EnvelopeValidator} to this; tests may pass their own.
 */
@FunctionalInterface
public interface EnvelopeCheck {
    /** {@link Decoded.Ok} to accept, {@link Decoded.Rejected} with the reason otherwise. Never throws. */
    Decoded check(Envelope envelope);
}
