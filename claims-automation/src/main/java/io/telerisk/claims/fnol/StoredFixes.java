package io.telerisk.claims.fnol;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Completes a device's crash window with the GNSS fixes (speed, position) the hub stored around it: an edge agent or
 * simulator often sends only the accelerometer burst, and a crash judged without the speed before and after it would
 * take a kerb strike while parking for a collision, while the same impulse reported by a person (judged on the stored
 * telemetry) would not be. Fixes are added as GNSS-only samples (no acceleration), never at an instant the window
 * already has.
 */
final class StoredFixes {
    /** Stored telemetry read on each side of the window: covers the analyser's look-before and look-after times. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private StoredFixes() {
    }

    static List<Sample> complete(TelemetryWindowSource telemetry, DeviceKey device, List<Sample> window) {
        if (window.isEmpty() || window.stream().anyMatch(s -> s instanceof VehicleSample v && v.speedMps() != null)) return window;
        Instant first = window.get(0).time(), last = first;
        Set<Instant> times = new HashSet<>();
        for (Sample s : window) {
            if (s.time().isBefore(first)) first = s.time();
            if (s.time().isAfter(last)) last = s.time();
            times.add(s.time());
        }
        List<Sample> out = new ArrayList<>(window);
        for (Sample s : telemetry.window(device, first.minus(MARGIN), last.plus(MARGIN).plusNanos(1))) {
            if (s instanceof VehicleSample v && (v.speedMps() != null || v.position() != null) && times.add(v.time())) {
                out.add(new VehicleSample(v.time(), v.position(), v.speedMps(), v.headingDeg(), null, null, null));
            }
        }
        return out;
    }
}
