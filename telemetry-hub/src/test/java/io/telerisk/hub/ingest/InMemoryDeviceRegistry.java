package io.telerisk.hub.ingest;

import io.telerisk.hub.registry.DeviceRegistry;
import io.telerisk.hub.registry.DeviceState;
import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Test double of OUR DeviceRegistry port: devices with tokens, registered at a fixed instant. */
public final class InMemoryDeviceRegistry implements DeviceRegistry {
    public static final Instant REGISTERED_AT = Instant.parse("2024-01-01T00:00:00Z");
    private final Map<DeviceKey, String> tokens = new ConcurrentHashMap<>();
    private final Map<DeviceKey, DeviceState> states = new ConcurrentHashMap<>();

    public InMemoryDeviceRegistry add(DeviceKey key, String token) {
        tokens.put(key, token);
        return this;
    }

    /** Sets a registered device's state (active unless set). */
    public InMemoryDeviceRegistry state(DeviceKey key, DeviceState state) {
        states.put(key, state);
        return this;
    }

    @Override
    public Optional<RegisteredDevice> find(DeviceKey key) {
        return tokens.containsKey(key)
                ? Optional.of(new RegisteredDevice(key, REGISTERED_AT, key.deviceId(), states.getOrDefault(key, DeviceState.ACTIVE)))
                : Optional.empty();
    }

    @Override
    public Optional<RegisteredDevice> authenticate(String username, String password) {
        if (username == null || password == null) return Optional.empty();
        for (var e : tokens.entrySet()) {
            DeviceKey k = e.getKey();
            if ((k.tenant() + "/" + k.deviceId()).equals(username) && e.getValue().equals(password)) return find(k);
        }
        return Optional.empty();
    }
}
