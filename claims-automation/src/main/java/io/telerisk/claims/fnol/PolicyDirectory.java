package io.telerisk.claims.fnol;

import io.telerisk.model.DeviceKey;

import java.util.Optional;
import java.time.Instant;

/** Port: which policy covers a device at a time (the hub implements it from the policy administration system). */
public interface PolicyDirectory {
    /** The policy in force for the device at {@code at}, if any. */
    Optional<Policy> policyFor(DeviceKey device, Instant at);
}
