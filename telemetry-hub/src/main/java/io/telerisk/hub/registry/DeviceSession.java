package io.telerisk.hub.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection of a device to a hub's built-in MQTT endpoint, as far as its online status is concerned: every
 * status the connection carries (the hub's connect and disconnect, the device's own status messages, its last will)
 * is about this session, so that an offline from a session the device has already left (on another hub, say) can be
 * told apart from an offline of its current one.
 *
 * @param id        unique across hubs and restarts: a random run id of the hub process and a counter
 * @param startedAt when the hub accepted the connection (the hub's clock); kept to the microsecond, as the database
 *                  keeps it, so that the session read back compares equal
 */
public record DeviceSession(String id, Instant startedAt) {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 13);
    private static final AtomicLong NEXT = new AtomicLong();

    public DeviceSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        if (id.length() > 64) throw new IllegalArgumentException("session id longer than 64 characters: " + id);
        startedAt = startedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** A new session of this process, started now. */
    public static DeviceSession begin(Instant startedAt) {
        return new DeviceSession(RUN + "-" + NEXT.incrementAndGet(), startedAt);
    }
}
