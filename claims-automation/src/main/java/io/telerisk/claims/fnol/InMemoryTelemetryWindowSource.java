package io.telerisk.claims.fnol;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.Sample;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Thread-safe in-memory {@link TelemetryWindowSource}. */
public final class InMemoryTelemetryWindowSource implements TelemetryWindowSource {
    private final ConcurrentHashMap<DeviceKey, CopyOnWriteArrayList<Sample>> samples = new ConcurrentHashMap<>();

    public void add(DeviceKey device, Collection<? extends Sample> s) {
        samples.computeIfAbsent(device, k -> new CopyOnWriteArrayList<>()).addAll(s);
    }

    @Override
    public List<Sample> window(DeviceKey device, Instant from, Instant to) {
        return samples.getOrDefault(device, new CopyOnWriteArrayList<>()).stream()
                .filter(s -> !s.time().isBefore(from) && s.time().isBefore(to)).toList();
    }
}
