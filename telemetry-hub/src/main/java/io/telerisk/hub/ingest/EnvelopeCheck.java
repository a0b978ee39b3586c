package io.telerisk.hub.ingest;

import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.validation.EnvelopeValidator;

import java.time.Clock;
import java.time.Instant;

/**
 * Semantic validation of a decoded envelope (ranges, timestamps, schema version). The hub adapts the model's
 * {@code EnvelopeValidator} to this; tests may pass their own.
 */
@FunctionalInterface
public interface EnvelopeCheck {
    /**
     * {@link Decoded.Ok} to accept, {@link Decoded.Rejected} with the reason otherwise. Never throws.
     *
     * @param registeredAtOrNull when the device was registered, if known
     */
    Decoded check(Envelope envelope, Instant registeredAtOrNull);

    /** The model's validator against this clock. */
    static EnvelopeCheck of(EnvelopeValidator validator, Clock clock) {
        return (e, registeredAt) -> validator.validate(e, clock.instant(), registeredAt);
    }
}
