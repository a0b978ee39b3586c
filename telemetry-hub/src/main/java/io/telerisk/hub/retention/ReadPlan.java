package io.telerisk.hub.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a downsampled read into a part served from rollups (older than the raw retention) and a part served
 * from raw samples. Buckets are aligned to the epoch, so the split point is a bucket boundary and the two parts
 * concatenate without a partial bucket.
 */
public final class ReadPlan {

    /**
     * One part of a read.
     *
     * @param resolution rollup resolution, or {@code null} for raw samples
     */
    public record Segment(Resolution resolution, Instant from, Instant to) {
        public boolean raw() {
            return resolution == null;
        }
    }

    private ReadPlan() {
    }

    /**
     * Plans a read of [from, to) in buckets of {@code bucket} for a tenant with this policy at time {@code now}.
     * Rollups serve the range before the raw cutoff only when the bucket is a whole number of hours; daily rollups
     * when it is a whole number of days.
     */
    public static List<Segment> plan(RetentionPolicy policy, Instant now, Instant from, Instant to, Duration bucket) {
        List<Segment> out = new ArrayList<>();
        if (!from.isBefore(to)) return out;
        Instant rawCutoff = now.minus(policy.raw());
        long bucketNs = bucket.toNanos();
        Resolution res = bucketNs % Resolution.DAILY.bucketNanos() == 0 ? Resolution.DAILY
                : bucketNs % Resolution.HOURLY.bucketNanos() == 0 ? Resolution.HOURLY : null;
        if (res == null || !from.isBefore(rawCutoff)) {
            out.add(new Segment(null, from, to));
            return out;
        }
        Instant split = ceil(rawCutoff, bucket);
        if (!split.isBefore(to)) {
            out.add(new Segment(res, from, to));
        } else {
            out.add(new Segment(res, from, split));
            out.add(new Segment(null, split, to));
        }
        return out;
    }

    /** The first epoch-aligned bucket boundary at or after t. */
    public static Instant ceil(Instant t, Duration bucket) {
        Instant f = floor(t, bucket);
        return f.equals(t) ? t : f.plus(bucket);
    }

    /** The epoch-aligned bucket start containing t. */
    public static Instant floor(Instant t, Duration bucket) {
        long ms = bucket.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
    }
}
