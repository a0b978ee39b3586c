package io.telerisk.hub.privacy;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.Objects;

/**
 * One read of raw positions, as kept in the location access log.
 *
 * @param accessedAt when
 * @param username   who
 * @param role       the role that allowed it (operator, or adjuster under a claim)
 * @param device     whose positions
 * @param from       start of the range read
 * @param to         end of the range read (exclusive)
 * @param claimId    the claim that allowed it, or {@code null}
 * @param resource   what was read, e.g. {@code telemetry}, {@code events}, {@code series}
 */
public record LocationAccess(Instant accessedAt, String username, Role role, DeviceKey device, Instant from,
                             Instant to, String claimId, String resource) {
    public LocationAccess {
        Objects.requireNonNull(accessedAt, "accessedAt");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(resource, "resource");
    }
}
