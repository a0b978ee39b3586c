package io.telerisk.model;

import java.util.Objects;

/** A device's identity across the platform: tenant, type and id. */
public record DeviceKey(String tenant, DeviceType type, String deviceId) {
    public DeviceKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(deviceId, "deviceId");
    }

    @Override
    public String toString() {
        return tenant + "/" + type.wireName() + "/" + deviceId;
    }
}
