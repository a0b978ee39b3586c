package io.telerisk.agent.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Detects episodes where a signal stays above a threshold for a minimum duration. Each value covers the
 * interval since the previous one (10 ms at 100 Hz, 1 s for GNSS-derived values), so the episode starts at the
 * beginning of its first interval. Not thread-safe.
 */
final class SustainedThreshold {
    /** A completed episode: first interval start, last sample time, peak value. */
    record Episode(Instant start, Instant end, double peak) {
        Duration duration() {
            return Duration.between(start, end);
        }
    }

    private final double threshold;
    private final Duration minDuration;
    private Instant start;
    private Instant last;
    private double peak;

    SustainedThreshold(double threshold, Duration minDuration) {
        this.threshold = threshold;
        this.minDuration = minDuration;
    }

    /** Feeds a value; returns the episode that just ended, if it lasted long enough. */
    Optional<Episode> update(Instant t, double value, Duration interval) {
        if (value > threshold) {
            if (start == null) {
                start = t.minus(interval);
                peak = value;
            }
            peak = Math.max(peak, value);
            last = t;
            return Optional.empty();
        }
        return end();
    }

    /** Ends an episode in progress (signal lost). */
    Optional<Episode> end() {
        if (start == null) return Optional.empty();
        Episode e = new Episode(start, last, peak);
        start = null;
        return e.duration().compareTo(minDuration) >= 0 ? Optional.of(e) : Optional.empty();
    }

    boolean active() {
        return start != null;
    }
}
