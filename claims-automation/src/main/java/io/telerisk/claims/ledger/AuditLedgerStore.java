package io.telerisk.claims.ledger;

import java.util.List;

/** Port: append-only storage of ledger entries (the hub implements it on PostgreSQL). */
public interface AuditLedgerStore {
    /** Appends an entry after the current last one. */
    void append(LedgerEntry entry);

    /** All entries in storage order. */
    List<LedgerEntry> readAll();
}
