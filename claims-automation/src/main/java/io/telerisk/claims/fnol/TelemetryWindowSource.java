package io.telerisk.claims.fnol;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.Sample;

import java.time.Instant;
import java.util.List;

/** Port: a device's stored samples in a time range (the hub implements it on InfluxDB). */
public interface TelemetryWindowSource {
    /** Samples with {@code from ≤ time < to}, any order; empty when none are stored. */
    List<Sample> window(DeviceKey device, Instant from, Instant to);
}
