package io.telerisk.hub.registry;

import java.time.Instant;

/**
 * A device's connection state as the hub last heard it.
 *
 * @param online    whether its last status message (or MQTT session) said online
 * @param lastSeen  when the hub last received anything from it, or {@code null} if never
 * @param changedAt when {@code online} last changed
 */
public record DeviceStatus(boolean online, Instant lastSeen, Instant changedAt) {
}
