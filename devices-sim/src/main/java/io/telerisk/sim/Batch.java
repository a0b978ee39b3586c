package io.telerisk.sim;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.Sample;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one simulated device produced in one window of simulated time: samples for the telemetry channel and
 * edge-detected events for the events channel. {@code readyAt} is when the device would send it (end of window).
 */
public record Batch(Instant readyAt, List<Sample> samples, List<DeviceEvent> events) {
    public Batch {
        Objects.requireNonNull(readyAt, "readyAt");
        samples = List.copyOf(samples);
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return samples.isEmpty() && events.isEmpty();
    }
}
