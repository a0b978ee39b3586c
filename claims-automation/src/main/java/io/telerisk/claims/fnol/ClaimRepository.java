package io.telerisk.claims.fnol;

import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where claims live (the hub implements it on its system of record). Writes join the caller's transaction
 * ({@link io.telerisk.claims.tx.Transactions}), so a claim and its ledger entry are stored together. Implementations
 * are thread-safe.
 */
public interface ClaimRepository {
    /** Stores a new claim (version 0) unless one with its id exists; returns the existing one in that case. */
    Optional<Claim> insertIfAbsent(Claim claim);

    /**
     * Replaces the stored claim with {@code after} if it is still at {@code before}'s version, and returns it at the
     * next version.
     *
     * @throws StaleClaimException when the stored claim is at another version (someone changed it meanwhile)
     */
    Claim update(Claim before, Claim after);

    Optional<Claim> find(String claimId);

    /** Claims of a policy, any state. */
    List<Claim> byPolicy(String policyId);

    /**
     * Loss times of a policy's claims, any state, without their documents: what the "repeated claims" fraud signal
     * needs for every new claim. Stores that keep whole documents should override it with a narrow query.
     */
    default List<LossTime> lossTimes(String policyId) {
        return byPolicy(policyId).stream().map(c -> new LossTime(c.claimId(), c.lossTime())).toList();
    }

    /** One claim's loss time. */
    record LossTime(String claimId, Instant lossTime) {
    }

    /** Claims of a device whose loss time is in {@code [from, to)}. */
    List<Claim> byDevice(DeviceKey device, Instant from, Instant to);

    /** Claims in any of the given states. */
    List<Claim> byStatus(ClaimStatus... statuses);
}
