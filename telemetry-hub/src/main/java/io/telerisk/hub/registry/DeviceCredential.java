package io.telerisk.hub.registry;

import io.telerisk.model.DeviceKey;

import java.time.Instant;

/**
 * A freshly issued MQTT credential. The token is shown to the caller once and never stored; issuing a new
 * one replaces (revokes) the previous one.
 *
 * @param device   the device
 * @param username MQTT username, {@code tenant/deviceId}
 * @param token    MQTT password
 * @param issuedAt when it was issued
 */
public record DeviceCredential(DeviceKey device, String username, String token, Instant issuedAt) {
    @Override
    public String toString() {
        return "DeviceCredential[" + username + ", issuedAt=" + issuedAt + ", token=<redacted>]";
    }
}
