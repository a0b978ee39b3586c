package io.telerisk.hub.claims;

import io.telerisk.claims.fnol.TelemetryWindowSource;
import io.telerisk.hub.store.StoredEvent;
import io.telerisk.hub.store.StoredSample;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.EventTypes;
import io.telerisk.model.Sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link TelemetryWindowSource} over the hub's telemetry store (JDBC or InfluxDB): the raw samples of a device in a
 * range plus the accelerometer bursts its stored {@code crash_candidate} events carry (a device that sends its burst
 * only with the event has it nowhere else, and a reported loss must be judged on the same impulse the device path
 * judged), at most one sample per instant (raw first), capped at {@code maxSamples} (a reported loss is cross-checked
 * against ±2 h, which at 1 Hz is 14,400 samples; the cap keeps one claim from reading millions of rows).
 */
public final class StoreTelemetryWindows implements TelemetryWindowSource {
    /** Most crash events read for one window. */
    private static final int MAX_EVENTS = 100;
    private final TelemetryStore store;
    private final int maxSamples;

    public StoreTelemetryWindows(TelemetryStore store, int maxSamples) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxSamples < 1) throw new IllegalArgumentException("maxSamples must be positive");
        this.maxSamples = maxSamples;
    }

    @Override
    public List<Sample> window(DeviceKey device, Instant from, Instant to) {
        List<Sample> out = new ArrayList<>();
        Set<Instant> times = new HashSet<>();
        for (StoredSample s : store.raw(device, from, to, maxSamples)) {
            if (times.add(s.sample().time())) out.add(s.sample());
        }
        for (StoredEvent e : store.events(device, from, to, MAX_EVENTS)) {
            if (!EventTypes.CRASH_CANDIDATE.equals(e.event().type())) continue;
            for (Sample s : e.event().window()) {
                if (out.size() >= maxSamples) return out;
                if (!s.time().isBefore(from) && s.time().isBefore(to) && times.add(s.time())) out.add(s);
            }
        }
        return out;
    }
}
