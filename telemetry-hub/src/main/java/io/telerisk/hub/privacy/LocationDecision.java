package io.telerisk.hub.privacy;

import io.telerisk.hub.auth.Role;

/** What a caller may see of a device's data, as {@link LocationPolicy} decides. */
public sealed interface LocationDecision {

    /** Everything, positions included; the read must be logged as {@code role} (under {@code claimId}, if any). */
    record Full(Role role, String claimId) implements LocationDecision {
    }

    /** Everything except positions (and raw health windows). */
    record Stripped() implements LocationDecision {
    }

    /**
     * Raw health data (a wearable's samples, event windows or series), no positions: served as is, and the read must
     * be logged as {@code role} (resource {@code health-…}), as position reads are.
     */
    record RawHealth(Role role) implements LocationDecision {
    }

    /** The data has no positions for this device type: serve as is, nothing to log. */
    record NoLocation() implements LocationDecision {
    }

    /** Not allowed at all, with a reason the caller can act on. */
    record Denied(String reason) implements LocationDecision {
    }
}
