package io.telerisk.claims.fnol;

import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Thread-safe in-memory {@link ClaimRepository}. */
public final class InMemoryClaimRepository implements ClaimRepository {
    private final ConcurrentHashMap<String, Claim> claims = new ConcurrentHashMap<>();

    @Override
    public Optional<Claim> insertIfAbsent(Claim claim) {
        return Optional.ofNullable(claims.putIfAbsent(claim.claimId(), claim.withVersion(0)));
    }

    @Override
    public Claim update(Claim before, Claim after) {
        Claim stored = claims.computeIfPresent(after.claimId(), (id, current) -> {
            if (current.version() != before.version()) throw new StaleClaimException(id, before.version(), current.version());
            return after.withVersion(current.version() + 1);
        });
        if (stored == null) throw new IllegalArgumentException("no claim " + after.claimId());
        return stored;
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
    public List<Claim> byDevice(DeviceKey device, Instant from, Instant to) {
        return claims.values().stream().filter(c -> device.equals(c.device()) && !c.lossTime().isBefore(from) && c.lossTime().isBefore(to)).toList();
    }

    @Override
    public List<Claim> byStatus(ClaimStatus... statuses) {
        Set<ClaimStatus> s = Set.of(statuses);
        return claims.values().stream().filter(c -> s.contains(c.status())).toList();
    }
}
