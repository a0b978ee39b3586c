package io.telerisk.claims.ledger;

import java.util.ArrayList;
import java.util.List;

/** Thread-safe in-memory {@link AuditLedgerStore}. */
public final class InMemoryAuditLedgerStore implements AuditLedgerStore {
    private final List<LedgerEntry> entries = new ArrayList<>();

    @Override
    public synchronized void append(LedgerEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<LedgerEntry> readAll() {
        return List.copyOf(entries);
    }
}
