package io.telerisk.claims.ledger;

import java.util.List;

/**
 * Port: append-only storage of ledger entries (the hub implements it on its system of record). The store keeps the
 * head (sequence and hash of the last entry appended) apart from the entries, so every process reads the same head
 * and a deleted last entry is noticed.
 */
public interface AuditLedgerStore {
    /**
     * The head as stored. Inside a transaction ({@link io.telerisk.claims.tx.Transactions}) a database store locks it
     * until the transaction ends, so appenders in every process take turns.
     */
    Head head();

    /** Appends an entry after the current head and moves the head to it (in the caller's transaction). */
    void append(LedgerEntry entry);

    /** All entries in sequence order. */
    List<LedgerEntry> readAll();

    /** All entries of one claim, in sequence order. */
    default List<LedgerEntry> byClaim(String claimId) {
        return readAll().stream().filter(e -> e.claimId().equals(claimId)).toList();
    }

    /** Entries with {@code fromSequence ≤ sequence}, at most {@code limit}, in sequence order. */
    default List<LedgerEntry> page(long fromSequence, int limit) {
        return readAll().stream().filter(e -> e.sequence() >= fromSequence).limit(limit).toList();
    }

    /**
     * Sequence and hash of the last entry written.
     *
     * @param sequence −1 when the ledger is empty
     * @param hash     {@link LedgerEntry#GENESIS} when empty
     */
    record Head(long sequence, String hash) {
        public static final Head EMPTY = new Head(-1, LedgerEntry.GENESIS);
    }
}
