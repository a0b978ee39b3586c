package io.telerisk.hub.registry;

import io.telerisk.model.DeviceType;

import java.time.Instant;
import java.util.Objects;

/**
 * Which of a tenant's devices to list; null filters match everything.
 *
 * @param online     true: online now; false: offline or never seen
 * @param seenBefore last seen before this instant, or never
 * @param seenSince  last seen at or after this instant
 * @param text       a substring of the device id or display name, case-insensitive
 */
public record DeviceQuery(String tenant, DeviceType type, DeviceState state, Boolean online, Instant seenBefore,
                          Instant seenSince, String text, int offset, int limit) {
    public DeviceQuery {
        Objects.requireNonNull(tenant, "tenant");
        if (offset < 0 || limit < 1) throw new IllegalArgumentException("offset >= 0 and limit >= 1");
        text = text == null || text.isBlank() ? null : text.strip();
    }
}
