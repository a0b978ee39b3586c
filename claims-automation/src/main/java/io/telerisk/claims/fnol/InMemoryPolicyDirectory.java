package io.telerisk.claims.fnol;

import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Thread-safe in-memory {@link PolicyDirectory}. */
public final class InMemoryPolicyDirectory implements PolicyDirectory {
    private final ConcurrentHashMap<DeviceKey, List<Policy>> byDevice = new ConcurrentHashMap<>();

    public InMemoryPolicyDirectory add(Policy p) {
        byDevice.computeIfAbsent(p.device(), k -> new CopyOnWriteArrayList<>()).add(p);
        return this;
    }

    @Override
    public Optional<Policy> policyFor(DeviceKey device, Instant at) {
        return byDevice.getOrDefault(device, List.of()).stream().filter(p -> p.inForceAt(at)).findFirst();
    }
}
