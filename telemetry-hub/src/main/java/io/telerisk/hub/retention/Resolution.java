package io.telerisk.hub.retention;

import java.time.Duration;

/** Rollup resolutions. Buckets are aligned to the UTC epoch (hours and UTC days), like InfluxQL's GROUP BY time(). */
public enum Resolution {
    HOURLY(Duration.ofHours(1), "1h"),
    DAILY(Duration.ofDays(1), "1d");

    private final Duration bucket;
    private final String suffix;

    Resolution(Duration bucket, String suffix) {
        this.bucket = bucket;
        this.suffix = suffix;
    }

    /** Bucket length. */
    public Duration bucket() {
        return bucket;
    }

    /** Short name used in measurement names and the resolution column, {@code 1h} or {@code 1d}. */
    public String suffix() {
        return suffix;
    }

    /** Bucket length in nanoseconds. */
    public long bucketNanos() {
        return bucket.toNanos();
    }
}
