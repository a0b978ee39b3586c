package io.telerisk.claims.fnol;

import io.telerisk.claims.ledger.AuditLedger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place claims change state: stores the new value and appends the change to the audit ledger. Changes of one
 * claim are serialised by a lock striped on its id; different claims proceed in parallel.
 */
public final class ClaimJournal {
    private final ClaimRepository repository;
    private final AuditLedger ledger;
    private final Object[] locks = new Object[64];

    public ClaimJournal(ClaimRepository repository, AuditLedger ledger) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
    }

    public ClaimRepository repository() {
        return repository;
    }

    public AuditLedger ledger() {
        return ledger;
    }

    /** Lock guarding changes of a claim (callers that read-modify-write a claim hold it). */
    public Object lockOf(String claimId) {
        return locks[Math.floorMod(claimId.hashCode(), locks.length)];
    }

    /**
     * Opens a new claim; if the id exists already (a redelivered event) nothing changes and the existing claim is returned
     * as {@code Optional.of(existing)}; otherwise empty.
     */
    public Optional<Claim> open(Claim claim, String actor, String detail) {
        synchronized (lockOf(claim.claimId())) {
            Optional<Claim> existing = repository.insertIfAbsent(claim);
            if (existing.isPresent()) return existing;
            ledger.append(claim.claimId(), claim.openedAt(), null, claim.status().name(), actor, claim.source().name(), claim.amount(), detail);
            return Optional.empty();
        }
    }

    /** Records a change from {@code before} to {@code after} (same claim id). */
    public Claim change(Claim before, Claim after, Instant at, String actor, String reasonCode, String detail) {
        if (!before.claimId().equals(after.claimId())) throw new IllegalArgumentException("claim id changed");
        synchronized (lockOf(after.claimId())) {
            repository.update(after);
            ledger.append(after.claimId(), at, before.status().name(), after.status().name(), actor, reasonCode, after.amount(), detail);
            return after;
        }
    }
}
