package io.telerisk.agent.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Detects episodes where a signal stays above a threshold for a minimum duration. Each value covers the
 * interval it stands for (10 ms at 100 Hz, 1 s for GNSS-derived values), so a single sample lasts one interval.
 * Not thread-safe.
 */
final class SustainedThreshold {
    /**
     * A completed episode: first and last sample above the threshold, the interval the first sample covers
     * (so one sample alone lasts one interval), and the peak value.
     */
    record Episode(Instant start, Instant end, Duration firstInterval, double peak) {
        Duration duration() {
            return Duration.between(start, end).plus(firstInterval);
        }
    }

    private final double threshold;
    private final Duration minDuration;
    private final Duration maxDuration;
    private Instant start;
    private Instant last;
    private Duration firstInterval;
    private double peak;

    /** Episodes shorter than {@code minDuration} or longer than {@code maxDuration} (an offset, not an event) are not reported. */
    SustainedThreshold(double threshold, Duration minDuration, Duration maxDuration) {
        this.threshold = threshold;
        this.minDuration = minDuration;
        this.maxDuration = maxDuration;
    }

    /** Feeds a value; returns the episode that just ended, if it lasted long enough. */
    Optional<Episode> update(Instant t, double value, Duration interval) {
        if (value > threshold) {
            if (start == null) {
                start = t;
                firstInterval = interval;
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
        Episode e = new Episode(start, last, firstInterval, peak);
        start = null;
        return e.duration().compareTo(minDuration) >= 0 && e.duration().compareTo(maxDuration) <= 0 ? Optional.of(e) : Optional.empty();
    }

    boolean active() {
        return start != null;
    }

    /** Whether an episode in progress started before {@code t - max}: too long to be a driving manoeuvre. */
    boolean activeLongerThan(Instant t, Duration max) {
        return start != null && Duration.between(start, t).compareTo(max) > 0;
    }

}
