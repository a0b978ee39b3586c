package io.telerisk.model.validation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Bounds applied to incoming envelopes. Codecs enforce the size bounds while decoding (so an oversized payload is
 * rejected before it is materialised); {@link EnvelopeValidator} enforces the time bounds and re-checks sizes.
 *
 * @param maxPayloadBytes    largest encoded payload accepted, bytes
 * @param maxSamplesPerBatch most samples in one envelope, counting {@code samples} and all event windows together
 * @param maxEventsPerBatch  most events in one envelope
 * @param maxFutureSkew      how far ahead of the receiver's clock a timestamp may be; also the grace allowed before
 *                           a device's registration time (device clocks drift both ways)
 * @param earliestPlausible  no timestamp may be earlier than this, whatever the registration time says
 */
public record Limits(int maxPayloadBytes, int maxSamplesPerBatch, int maxEventsPerBatch, Duration maxFutureSkew,
                     Instant earliestPlausible) {

    /** 4 MiB, 10,000 samples, 1,000 events, 5 minutes of skew, nothing before 2020-01-01T00:00:00Z. */
    public static final Limits DEFAULT = new Limits(4 * 1024 * 1024, 10_000, 1_000, Duration.ofMinutes(5),
            Instant.parse("2020-01-01T00:00:00Z"));

    public Limits {
        if (maxPayloadBytes < 1 || maxSamplesPerBatch < 1 || maxEventsPerBatch < 0) {
            throw new IllegalArgumentException("limits must be positive: payload " + maxPayloadBytes
                    + " bytes, samples " + maxSamplesPerBatch + ", events " + maxEventsPerBatch);
        }
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(earliestPlausible, "earliestPlausible");
        if (maxFutureSkew.isNegative()) throw new IllegalArgumentException("maxFutureSkew is negative: " + maxFutureSkew);
    }

    /** A copy with another payload bound. */
    public Limits withMaxPayloadBytes(int bytes) {
        return new Limits(bytes, maxSamplesPerBatch, maxEventsPerBatch, maxFutureSkew, earliestPlausible);
    }

    /** A copy with another sample bound. */
    public Limits withMaxSamplesPerBatch(int samples) {
        return new Limits(maxPayloadBytes, samples, maxEventsPerBatch, maxFutureSkew, earliestPlausible);
    }

    /** A copy with another event bound. */
    public Limits withMaxEventsPerBatch(int events) {
        return new Limits(maxPayloadBytes, maxSamplesPerBatch, events, maxFutureSkew, earliestPlausible);
    }

    /** A copy with another clock skew tolerance. */
    public Limits withMaxFutureSkew(Duration skew) {
        return new Limits(maxPayloadBytes, maxSamplesPerBatch, maxEventsPerBatch, skew, earliestPlausible);
    }
}
