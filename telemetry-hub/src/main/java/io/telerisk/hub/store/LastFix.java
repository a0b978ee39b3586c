package io.telerisk.hub.store;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.VehicleSample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A vehicle's newest GNSS fix before a moment, its last known position however old, read through
 * {@link TelemetryStore#raw} and {@link TelemetryStore#rawCount} (every backend has them): first in a short window,
 * which holds a fix for any vehicle that reports its position every few seconds, then in ever longer ones, up to
 * {@link #LONGEST}. A device that delivers old data (a replay of past days, an agent catching up from its buffer) has
 * its newest fixes stamped long before the hub last heard from it; the longer windows find them. Each window is read
 * from its end, newest page first, up to {@link #MAX_PAGES} pages; past that (a vehicle sending hundreds of samples a
 * second without a fix) the next window is tried.
 */
public final class LastFix {
    /** Windows before the moment, shortest first. */
    static final List<Duration> WINDOWS = List.of(Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofDays(1),
            Duration.ofDays(31));
    /** How far back a last known position is looked for. */
    public static final Duration LONGEST = WINDOWS.get(WINDOWS.size() - 1);
    static final int PAGE = 2000;
    static final int MAX_PAGES = 5;

    private final TelemetryStore store;

    public LastFix(TelemetryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The start of the range {@link #before} searches: with {@code before}, what the location access log records. */
    public static Instant windowStart(Instant before) {
        return before.minus(LONGEST);
    }

    /** The vehicle's newest sample with a position in [before − {@link #LONGEST}, before), or empty. */
    public Optional<VehicleSample> before(DeviceKey vehicle, Instant before) {
        for (Duration window : WINDOWS) {
            Optional<VehicleSample> fix = newestIn(vehicle, before.minus(window), before);
            if (fix.isPresent()) return fix;
        }
        return Optional.empty();
    }

    private Optional<VehicleSample> newestIn(DeviceKey vehicle, Instant from, Instant to) {
        long count = store.rawCount(vehicle, from, to);
        // newest page first: raw() pages oldest first, so the last page starts at count − PAGE
        for (int page = 0; page < MAX_PAGES && count > (long) page * PAGE; page++) {
            long end = count - (long) page * PAGE;
            long offset = Math.max(0, end - PAGE);
            List<StoredSample> samples = store.raw(vehicle, from, to, (int) offset, (int) (end - offset));
            for (int i = samples.size() - 1; i >= 0; i--) {
                if (samples.get(i).sample() instanceof VehicleSample v && v.position() != null) return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
