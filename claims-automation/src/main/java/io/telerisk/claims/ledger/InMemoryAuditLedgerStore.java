package io.telerisk.claims.ledger;

import java.util.ArrayList;
import java.util.List;

/** Thread-safe in-memory {@link AuditLedgerStore}. */
public final class InMemoryAuditLedgerStore implements AuditLedgerStore {
    private final List<LedgerEntry> entries = new ArrayList<>();
    private Head head = Head.EMPTY;

    @Override
    public synchronized Head head() {
        return head;
    }

    @Override
    public synchronized void append(LedgerEntry entry) {
        entries.add(entry);
        head = new Head(entry.sequence(), entry.hash());
    }

    @Override
    public synchronized List<LedgerEntry> readAll() {
        return List.copyOf(entries);
    }
}
