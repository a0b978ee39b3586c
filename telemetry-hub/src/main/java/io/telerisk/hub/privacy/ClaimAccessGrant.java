package io.telerisk.hub.privacy;

import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.Objects;

/**
 * Permission, given by a claim, to read one device's raw positions within [from, to). The claims workflow
 * creates these; an adjuster names the claim when reading.
 */
public record ClaimAccessGrant(String claimId, DeviceKey device, Instant from, Instant to) {
    public ClaimAccessGrant {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) throw new IllegalArgumentException("grant window must end after it starts: " + from + " .. " + to);
    }

    /** Whether [from, to) lies inside the grant's window. */
    public boolean covers(Instant rangeFrom, Instant rangeTo) {
        return !rangeFrom.isBefore(from) && !rangeTo.isAfter(to);
    }
}
