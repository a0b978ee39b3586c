package io.telerisk.hub.claims;

import io.telerisk.claims.fnol.TelemetryWindowSource;
import io.telerisk.hub.store.StoredSample;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.Sample;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link TelemetryWindowSource} over the hub's telemetry store (JDBC or InfluxDB): the raw samples of a device in a
 * range, capped at {@code maxSamples} (a reported loss is cross-checked against ±2 h, which at 1 Hz is 14,400
 * samples; a 100 Hz accelerometer stream stored in full would be more, and the cap keeps one claim from reading
 * millions of rows).
 */
public final class StoreTelemetryWindows implements TelemetryWindowSource {
    private final TelemetryStore store;
    private final int maxSamples;

    public StoreTelemetryWindows(TelemetryStore store, int maxSamples) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxSamples < 1) throw new IllegalArgumentException("maxSamples must be positive");
        this.maxSamples = maxSamples;
    }

    @Override
    public List<Sample> window(DeviceKey device, Instant from, Instant to) {
        return store.raw(device, from, to, maxSamples).stream().map(StoredSample::sample).toList();
    }
}
