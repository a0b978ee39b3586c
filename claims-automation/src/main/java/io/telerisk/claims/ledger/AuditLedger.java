package io.telerisk.claims.ledger;

import io.telerisk.claims.tx.Transactions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Tamper-evident audit ledger of claim state changes: a SHA-256 hash chain over an {@link AuditLedgerStore}. The next
 * sequence and the previous hash are read from the store's head inside the caller's transaction, never kept in
 * memory, so several hubs on one database append to one chain. {@link #verify()} recomputes every hash and link from
 * the genesis and compares the end of the chain with the stored head, so a changed amount, a reordering, a deleted
 * entry, or a deleted last entry all fail, and every hub gives the same answer. (Someone who rewrites the head as
 * well can truncate the tail: anchor {@link #head()} elsewhere — a signed daily digest — against that.) Thread-safe.
 */
public final class AuditLedger {
    private final AuditLedgerStore store;
    private final Transactions transactions;

    public AuditLedger(AuditLedgerStore store, Transactions transactions) {
        this.store = Objects.requireNonNull(store, "store");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** A ledger on an in-memory store (each append under one lock). */
    public AuditLedger(AuditLedgerStore store) {
        this(store, Transactions.none());
    }

    /** Appends a state change (joining the caller's transaction, if any) and returns the stored entry. */
    public LedgerEntry append(String claimId, Instant at, String fromState, String toState, String actor,
                              String reasonCode, BigDecimal amount, String detail) {
        return transactions.inTransaction(() -> {
            // in-process appenders take turns here; other processes wait on the head the store locks in the transaction
            synchronized (this) {
                AuditLedgerStore.Head h = store.head();
                LedgerEntry e = LedgerEntry.create(h.sequence() + 1, claimId, at, fromState, toState, actor, reasonCode, amount, detail, h.hash());
                store.append(e);
                return e;
            }
        });
    }

    /** Hash of the last entry, as stored (the value to anchor externally). */
    public String head() {
        return store.head().hash();
    }

    /**
     * Checks the whole chain against the stored head. The head is read first, so entries another hub appends while
     * the chain is read are checked as links but never taken for tampering.
     */
    public Verification verify() {
        AuditLedgerStore.Head h = store.head();
        List<LedgerEntry> all = store.readAll();
        Verification chain = verifyChain(all);
        if (!chain.valid()) return chain;
        if (h.sequence() >= all.size()) {
            return Verification.broken(all.size(), all.size(), "the head is entry " + h.sequence() + " but the chain has " + all.size()
                    + " entries (entries missing at the end)");
        }
        if (h.sequence() >= 0 && !all.get((int) h.sequence()).hash().equals(h.hash())) {
            return Verification.broken(all.size(), h.sequence(), "entry " + h.sequence() + " is not the head that was written");
        }
        return chain;
    }

    /** Checks the whole chain and that it contains an entry with {@code anchoredHash} (a head anchored earlier). */
    public Verification verify(String anchoredHash) {
        List<LedgerEntry> all = store.readAll();
        Verification chain = verifyChain(all);
        if (!chain.valid()) return chain;
        boolean found = LedgerEntry.GENESIS.equals(anchoredHash) || all.stream().anyMatch(e -> e.hash().equals(anchoredHash));
        return found ? chain : Verification.broken(all.size(), all.size(), "the chain does not contain the anchored head " + anchoredHash
                + " (entries missing at the end)");
    }

    private static Verification verifyChain(List<LedgerEntry> all) {
        String prev = LedgerEntry.GENESIS;
        for (int i = 0; i < all.size(); i++) {
            LedgerEntry e = all.get(i);
            if (e.sequence() != i) return Verification.broken(all.size(), i, "entry at position " + i + " has sequence " + e.sequence());
            if (!e.previousHash().equals(prev)) return Verification.broken(all.size(), i, "entry " + i + " does not link to the entry before it");
            if (!e.recomputeHash().equals(e.hash())) return Verification.broken(all.size(), i, "entry " + i + " was altered (hash mismatch)");
            prev = e.hash();
        }
        return Verification.ok(all.size());
    }

    /** Entries of one claim, in order. */
    public List<LedgerEntry> history(String claimId) {
        return store.byClaim(claimId);
    }

    /** Entries from {@code fromSequence} on, at most {@code limit}, in order (for listing and export). */
    public List<LedgerEntry> page(long fromSequence, int limit) {
        return store.page(fromSequence, limit);
    }
}
