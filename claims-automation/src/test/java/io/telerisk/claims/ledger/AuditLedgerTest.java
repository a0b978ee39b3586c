package io.telerisk.claims.ledger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLedgerTest {
    /** A store whose rows a test can tamper with, as someone with database access could. */
    static final class TamperableStore implements AuditLedgerStore {
        final List<LedgerEntry> rows = new ArrayList<>();
        private Head head = Head.EMPTY;

        @Override
        public synchronized Head head() {
            return head;
        }

        @Override
        public synchronized void append(LedgerEntry entry) {
            rows.add(entry);
            head = new Head(entry.sequence(), entry.hash());
        }

        @Override
        public synchronized List<LedgerEntry> readAll() {
            return List.copyOf(rows);
        }
    }

    private TamperableStore store;
    private AuditLedger ledger;
    private final Instant t0 = Instant.parse("2026-06-01T10:00:00Z");

    @BeforeEach
    void fill() {
        store = new TamperableStore();
        ledger = new AuditLedger(store);
        ledger.append("C1", t0, null, "OPEN", "system", "DEVICE_CRASH", null, "FNOL");
        ledger.append("C1", t0.plusSeconds(1), "OPEN", "ASSESSED", "system", "AUTO_ASSESSMENT", new BigDecimal("1200.00"), "minor");
        ledger.append("C2", t0.plusSeconds(2), null, "OPEN", "system", "REPORTED", null, "reported");
        ledger.append("C1", t0.plusSeconds(3), "ASSESSED", "APPROVED", "adj-7", "COVERED_AS_ASSESSED", new BigDecimal("1200.00"), "ok");
    }

    @Test
    void untouchedChainVerifies() {
        Verification v = ledger.verify();
        assertTrue(v.valid(), v.problem());
        assertEquals(4, v.entriesChecked());
        assertEquals(3, ledger.history("C1").size());
    }

    @Test
    void modifiedAmountIsDetected() {
        LedgerEntry e = store.rows.get(3);
        store.rows.set(3, new LedgerEntry(e.sequence(), e.claimId(), e.at(), e.fromState(), e.toState(), e.actor(), e.reasonCode(),
                new BigDecimal("12000.00"), e.detail(), e.previousHash(), e.hash()));
        Verification v = ledger.verify();
        assertFalse(v.valid());
        assertEquals(3, v.badSequence());
        assertTrue(v.problem().contains("altered"), v.problem());
    }

    @Test
    void modifiedAmountWithRecomputedHashBreaksTheNextLink() {
        LedgerEntry e = store.rows.get(1);
        store.rows.set(1, LedgerEntry.create(e.sequence(), e.claimId(), e.at(), e.fromState(), e.toState(), e.actor(), e.reasonCode(),
                new BigDecimal("9999.00"), e.detail(), e.previousHash()));
        Verification v = ledger.verify();
        assertFalse(v.valid());
        assertEquals(2, v.badSequence());
    }

    @Test
    void reorderedEntriesAreDetected() {
        Collections.swap(store.rows, 1, 2);
        assertFalse(ledger.verify().valid());
    }

    @Test
    void deletedEntryIsDetected() {
        store.rows.remove(2);
        Verification v = ledger.verify();
        assertFalse(v.valid());
        assertEquals(2, v.badSequence());
    }

    @Test
    void deletedLastEntryIsDetectedAgainstTheHead() {
        store.rows.remove(3);
        Verification v = ledger.verify();
        assertFalse(v.valid());
        assertTrue(v.problem().contains("missing at the end"), v.problem());
    }

    @Test
    void hostileTextCannotForgeAnotherEntrysHash() {
        LedgerEntry a = LedgerEntry.create(0, "C", t0, null, "OPEN", "x", null, null, "a;b", LedgerEntry.GENESIS);
        LedgerEntry b = LedgerEntry.create(0, "C", t0, null, "OPEN", "x", null, null, "a", LedgerEntry.GENESIS);
        assertFalse(a.hash().equals(b.hash()));
    }

    @Test
    void reopenedLedgerContinuesTheChain() {
        AuditLedger again = new AuditLedger(store);
        again.append("C2", t0.plusSeconds(9), "OPEN", "REJECTED", "adj-1", "NOT_COVERED", null, "");
        assertTrue(again.verify().valid());
        assertEquals(5, store.rows.size());
    }

    @Test
    void concurrentAppendsKeepTheChainValid() {
        IntStream.range(0, 400).parallel().forEach(i -> ledger.append("P" + i, t0, null, "OPEN", "system", null, null, ""));
        Verification v = ledger.verify();
        assertTrue(v.valid(), v.problem());
        assertEquals(404, v.entriesChecked());
    }

    @Test
    void twoLedgersOnOneStoreAppendToOneChainAndVerifyAlike() {
        AuditLedger other = new AuditLedger(store);
        for (int i = 0; i < 5; i++) {
            ledger.append("A" + i, t0, null, "OPEN", "system", null, null, "hub 1");
            other.append("B" + i, t0, null, "OPEN", "system", null, null, "hub 2");
        }
        assertTrue(ledger.verify().valid(), ledger.verify().problem());
        assertEquals(ledger.verify(), other.verify());
        assertEquals(ledger.head(), other.head());
        assertEquals(14, store.rows.size());
    }
}
