package io.telerisk.hub.retention;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How long one tenant's telemetry is kept, and the zone its calendar days are counted in.
 *
 * @param raw    raw samples and events
 * @param hourly hourly rollups
 * @param daily  daily rollups
 * @param zone   the tenant's zone for day boundaries of summaries (rollups stay UTC-aligned)
 */
public record RetentionPolicy(Duration raw, Duration hourly, Duration daily, ZoneId zone) {
    /** Raw 30 days, hourly one year, daily five years, UTC. */
    public static final RetentionPolicy DEFAULT =
            new RetentionPolicy(Duration.ofDays(30), Duration.ofDays(366), Duration.ofDays(5 * 366), ZoneId.of("UTC"));

    public RetentionPolicy {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(hourly, "hourly");
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(zone, "zone");
        // rollups are computed from raw data of closed days, so raw must outlive at least two days
        if (raw.compareTo(Duration.ofDays(2)) < 0) throw new IllegalArgumentException("raw retention below 2 days: " + raw);
        if (hourly.compareTo(raw) < 0) throw new IllegalArgumentException("hourly retention " + hourly + " shorter than raw " + raw);
        if (daily.compareTo(hourly) < 0) throw new IllegalArgumentException("daily retention " + daily + " shorter than hourly " + hourly);
    }

    /** Retention of rollups of this resolution. */
    public Duration of(Resolution resolution) {
        return resolution == Resolution.HOURLY ? hourly : daily;
    }
}
