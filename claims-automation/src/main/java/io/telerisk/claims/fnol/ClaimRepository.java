package io.telerisk.claims.fnol;

import java.util.List;
import java.util.Optional;

/** Port: where claims live (the hub implements it on PostgreSQL). Implementations are thread-safe. */
public interface ClaimRepository {
    /** Stores a new claim unless one with its id exists; returns the existing one in that case. */
    Optional<Claim> insertIfAbsent(Claim claim);

    /** Replaces a stored claim (same id). */
    void update(Claim claim);

    Optional<Claim> find(String claimId);

    /** Claims of a policy, any state. */
    List<Claim> byPolicy(String policyId);

    /** Claims in any of the given states. */
    List<Claim> byStatus(ClaimStatus... statuses);
}
