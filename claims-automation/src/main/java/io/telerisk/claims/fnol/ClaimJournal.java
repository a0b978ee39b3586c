package io.telerisk.claims.fnol;

import io.telerisk.claims.ledger.AuditLedger;
import io.telerisk.claims.tx.Transactions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place claims change state: stores the new value and appends the change to the audit ledger in one
 * transaction. Within a process, changes of one claim are serialised by a lock striped on its id; across processes
 * the claim's version decides (a change based on an older version fails with {@link StaleClaimException} and writes
 * nothing).
 */
public final class ClaimJournal {
    private final ClaimRepository repository;
    private final AuditLedger ledger;
    private final Transactions transactions;
    private final Object[] locks = new Object[64];

    public ClaimJournal(ClaimRepository repository, AuditLedger ledger, Transactions transactions) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
    }

    /** A journal on in-memory ports. */
    public ClaimJournal(ClaimRepository repository, AuditLedger ledger) {
        this(repository, ledger, Transactions.none());
    }

    /** Runs {@code work} (several journal calls) as one transaction. */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return transactions.inTransaction(work);
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
            return transactions.inTransaction(() -> {
                Optional<Claim> existing = repository.insertIfAbsent(claim);
                if (existing.isPresent()) return existing;
                ledger.append(claim.claimId(), claim.openedAt(), null, claim.status().name(), actor, claim.source().name(), claim.amount(), detail);
                return Optional.<Claim>empty();
            });
        }
    }

    /**
     * Records a change from {@code before} (as read) to {@code after} (same claim id) and returns the stored claim at
     * its new version.
     *
     * @throws StaleClaimException when the stored claim is no longer at {@code before}'s version
     */
    public Claim change(Claim before, Claim after, Instant at, String actor, String reasonCode, String detail) {
        if (!before.claimId().equals(after.claimId())) throw new IllegalArgumentException("claim id changed");
        synchronized (lockOf(after.claimId())) {
            return transactions.inTransaction(() -> {
                Claim stored = repository.update(before, after);
                ledger.append(after.claimId(), at, before.status().name(), after.status().name(), actor, reasonCode, after.amount(), detail);
                return stored;
            });
        }
    }
}
