package io.telerisk.claims.fnol;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Thread-safe in-memory {@link ClaimRepository}. */
public final class InMemoryClaimRepository implements ClaimRepository {
    private final ConcurrentHashMap<String, Claim> claims = new ConcurrentHashMap<>();

    @Override
    public Optional<Claim> insertIfAbsent(Claim claim) {
        return Optional.ofNullable(claims.putIfAbsent(claim.claimId(), claim));
    }

    @Override
    public void update(Claim claim) {
        if (claims.replace(claim.claimId(), claim) == null) throw new IllegalArgumentException("no claim " + claim.claimId());
    }

    @Override
    public Optional<Claim> find(String claimId) {
        return Optional.ofNullable(claims.get(claimId));
    }

    @Override
    public List<Claim> byPolicy(String policyId) {
        return claims.values().stream().filter(c -> c.policyId().equals(policyId)).toList();
    }

    @Override
    public List<Claim> byStatus(ClaimStatus... statuses) {
        Set<ClaimStatus> s = Set.of(statuses);
        return claims.values().stream().filter(c -> s.contains(c.status())).toList();
    }
}
