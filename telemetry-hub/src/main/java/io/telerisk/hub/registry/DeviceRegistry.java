package io.telerisk.hub.registry;

import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.Optional;

/**
 * The devices the hub knows, and their MQTT credentials. The ingest pipeline asks it who a connecting client
 * is; the REST API provisions devices and credentials through it. Implementations are thread-safe and cache
 * what the ingest path reads, since it is asked on every connect.
 */
public interface DeviceRegistry {

    /** A registered device and where it is in its life. */
    record RegisteredDevice(DeviceKey key, Instant registeredAt, String displayName, DeviceState state) {
        public RegisteredDevice {
            state = state == null ? DeviceState.ACTIVE : state;
        }

        /** An active device. */
        public RegisteredDevice(DeviceKey key, Instant registeredAt, String displayName) {
            this(key, registeredAt, displayName, DeviceState.ACTIVE);
        }
    }

    /** The device with this key, if registered. */
    Optional<RegisteredDevice> find(DeviceKey key);

    /**
     * Checks MQTT credentials. The username is {@code tenant/deviceId} (the type comes from the registry);
     * the password is the device token.
     *
     * @return the device when the credentials are right, empty otherwise
     */
    Optional<RegisteredDevice> authenticate(String username, String password);

    /** Where an MQTT endpoint reports the logins it refused; by default nowhere (they are only counted). */
    default RefusedLogins refusedLogins() {
        return RefusedLogins.NOWHERE;
    }
}
