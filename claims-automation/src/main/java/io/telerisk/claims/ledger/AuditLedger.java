package io.telerisk.claims.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Tamper-evident audit ledger of claim state changes: a SHA-256 hash chain over an {@link AuditLedgerStore}.
 * {@link #verify()} recomputes every hash and link from the genesis and compares the end of the chain with the head
 * this ledger last wrote, so a changed amount, a reordering, a deleted entry, or a truncated tail all fail. (Across
 * restarts the head is taken from the store; anchor {@link #head()} somewhere else — a daily signed digest — to detect
 * truncation then.) Appends are serialised; thread-safe.
 */
public final class AuditLedger {
    private final AuditLedgerStore store;
    private long nextSequence;
    private String head;

    public AuditLedger(AuditLedgerStore store) {
        this.store = Objects.requireNonNull(store, "store");
        List<LedgerEntry> existing = store.readAll();
        if (existing.isEmpty()) {
            nextSequence = 0;
            head = LedgerEntry.GENESIS;
        } else {
            LedgerEntry last = existing.get(existing.size() - 1);
            nextSequence = last.sequence() + 1;
            head = last.hash();
        }
    }

    /** Appends a state change and returns the stored entry. */
    public synchronized LedgerEntry append(String claimId, Instant at, String fromState, String toState, String actor,
                                           String reasonCode, BigDecimal amount, String detail) {
        LedgerEntry e = LedgerEntry.create(nextSequence, claimId, at, fromState, toState, actor, reasonCode, amount, detail, head);
        store.append(e);
        nextSequence++;
        head = e.hash();
        return e;
    }

    /** Hash of the last entry this ledger wrote or found (the value to anchor externally). */
    public synchronized String head() {
        return head;
    }

    /** Checks the whole chain against the head this ledger knows. */
    public Verification verify() {
        return verify(head());
    }

    /** Checks the whole chain and that it ends at {@code expectedHead}. */
    public Verification verify(String expectedHead) {
        List<LedgerEntry> all = store.readAll();
        String prev = LedgerEntry.GENESIS;
        for (int i = 0; i < all.size(); i++) {
            LedgerEntry e = all.get(i);
            if (e.sequence() != i) return Verification.broken(all.size(), i, "entry at position " + i + " has sequence " + e.sequence());
            if (!e.previousHash().equals(prev)) return Verification.broken(all.size(), i, "entry " + i + " does not link to the entry before it");
            if (!e.recomputeHash().equals(e.hash())) return Verification.broken(all.size(), i, "entry " + i + " was altered (hash mismatch)");
            prev = e.hash();
        }
        if (!prev.equals(expectedHead)) {
            return Verification.broken(all.size(), all.size(), "chain ends at " + prev + " but the head is " + expectedHead + " (entries missing at the end)");
        }
        return Verification.ok(all.size());
    }

    /** Entries of one claim, in order. */
    public List<LedgerEntry> history(String claimId) {
        return store.readAll().stream().filter(e -> e.claimId().equals(claimId)).toList();
    }
}
