package io.telerisk.claims.fnol;

import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy as claims needs it.
 *
 * @param policyId  policy id
 * @param holder    policyholder's name or id
 * @param device    the device that reports for the insured vehicle or field
 * @param inception cover starts (inclusive)
 * @param expiry    cover ends (exclusive)
 * @param coverages covers
 */
public record Policy(String policyId, String holder, DeviceKey device, Instant inception, Instant expiry, List<Coverage> coverages) {
    public Policy {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(inception, "inception");
        Objects.requireNonNull(expiry, "expiry");
        if (!expiry.isAfter(inception)) throw new IllegalArgumentException("policy " + policyId + " expires before it starts");
        coverages = List.copyOf(coverages);
    }

    public boolean inForceAt(Instant t) {
        return !t.isBefore(inception) && t.isBefore(expiry);
    }

    public Optional<Coverage> coverage(String code) {
        return coverages.stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
