package io.telerisk.hub.store;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.VehicleSample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A vehicle's newest GNSS fix before a moment, read through {@link TelemetryStore#raw} (every backend has it): first
 * in a short window, which holds a fix for any vehicle that reports its position every few seconds, then in a longer
 * one. A window that holds more samples than a page is read page by page from its start, so the fix found is the
 * newest one in the window, up to {@link #MAX_PAGES} pages; past that (a vehicle sending hundreds of samples a
 * second without a fix) the newest fix of the pages read is returned.
 */
public final class LastFix {
    /** Windows before the moment, shortest first. */
    static final List<Duration> WINDOWS = List.of(Duration.ofSeconds(15), Duration.ofMinutes(10));
    static final int PAGE = 2000;
    static final int MAX_PAGES = 5;

    private final TelemetryStore store;

    public LastFix(TelemetryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The start of the range {@link #before} searches: with {@code before}, what the location access log records. */
    public static Instant windowStart(Instant before) {
        return before.minus(WINDOWS.get(WINDOWS.size() - 1));
    }

    /** The vehicle's newest sample with a position in [before − 10 min, before), or empty. */
    public Optional<VehicleSample> before(DeviceKey vehicle, Instant before) {
        for (Duration window : WINDOWS) {
            Optional<VehicleSample> fix = newestIn(vehicle, before.minus(window), before);
            if (fix.isPresent()) return fix;
        }
        return Optional.empty();
    }

    private Optional<VehicleSample> newestIn(DeviceKey vehicle, Instant from, Instant to) {
        VehicleSample newest = null;
        Instant start = from;
        for (int page = 0; page < MAX_PAGES; page++) {
            List<StoredSample> samples = store.raw(vehicle, start, to, PAGE);
            for (StoredSample s : samples) {
                if (s.sample() instanceof VehicleSample v && v.position() != null) newest = v;
            }
            if (samples.size() < PAGE) break;
            // sample times are unique per device (a sample's identity is device and time): the next page starts after
            start = samples.get(samples.size() - 1).sample().time().plusNanos(1);
        }
        return Optional.ofNullable(newest);
    }
}
