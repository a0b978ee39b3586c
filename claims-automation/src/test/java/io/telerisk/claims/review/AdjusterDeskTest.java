package io.telerisk.claims.review;

import io.telerisk.claims.assessment.Priority;
import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.fnol.ClaimJournal;
import io.telerisk.claims.fnol.ClaimSource;
import io.telerisk.claims.fnol.ClaimStatus;
import io.telerisk.claims.fnol.InMemoryClaimRepository;
import io.telerisk.claims.ledger.AuditLedger;
import io.telerisk.claims.ledger.InMemoryAuditLedgerStore;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdjusterDeskTest {
    private final Instant t0 = Instant.parse("2026-06-01T10:00:00Z");
    private final AuditLedger ledger = new AuditLedger(new InMemoryAuditLedgerStore());
    private final ClaimJournal journal = new ClaimJournal(new InMemoryClaimRepository(), ledger);
    private final AdjusterDesk desk = new AdjusterDesk(journal, new BigDecimal("10000"));
    private final DeviceKey car = new DeviceKey("acme", DeviceType.VEHICLE, "veh-1");

    private Claim waiting(String id, Priority p, Instant openedAt, String amount) {
        Claim c = new Claim(id, ClaimSource.REPORTED, car, "POL-1", "COLLISION", ClaimStatus.AWAITING_ADJUSTER, openedAt, openedAt,
                null, null, null, p, amount == null ? null : new BigDecimal(amount), null, "EUR");
        journal.open(c, "system", "test");
        return c;
    }

    @Test
    void queueIsSortedByPriorityThenSlaAndFlagsOverdue() {
        waiting("A", Priority.P3, t0, "100.00");
        waiting("B", Priority.P1, t0.plus(Duration.ofHours(1)), "100.00");
        waiting("C", Priority.P3, t0.minus(Duration.ofDays(4)), "100.00");
        waiting("D", Priority.P1, t0, "100.00");
        List<QueueItem> q = desk.queue(t0.plus(Duration.ofHours(4)).plusSeconds(1));
        assertEquals(List.of("D", "B", "C", "A"), q.stream().map(i -> i.claim().claimId()).toList());
        assertTrue(q.get(0).overdue());
        assertFalse(q.get(1).overdue());
        assertTrue(q.get(2).overdue());
        assertEquals(Duration.ofHours(4).plusSeconds(1), q.get(0).age());
    }

    @Test
    void approvalWithinThresholdNeedsOneAdjuster() {
        waiting("A", Priority.P3, t0, "2500.00");
        Claim c = desk.decide("A", "adj-1", new Decision.Approve(ReasonCode.COVERED_AS_ASSESSED), t0.plusSeconds(60));
        assertEquals(ClaimStatus.APPROVED, c.status());
        assertEquals("COVERED_AS_ASSESSED", ledger.history("A").get(1).reasonCode());
        assertEquals(new BigDecimal("2500.00"), ledger.history("A").get(1).amount());
        assertTrue(desk.queue(t0).isEmpty());
    }

    @Test
    void payoutOverThresholdNeedsASecondDifferentAdjuster() {
        waiting("A", Priority.P2, t0, "8000.00");
        Claim first = desk.decide("A", "adj-1", new Decision.AdjustAmount(new BigDecimal("14000"), ReasonCode.AMOUNT_PER_REPAIR_QUOTE), t0);
        assertEquals(ClaimStatus.AWAITING_SECOND_APPROVAL, first.status());
        assertEquals(new BigDecimal("14000.00"), first.amount());
        FourEyesViolation v = assertThrows(FourEyesViolation.class,
                () -> desk.decide("A", "adj-1", new Decision.Approve(ReasonCode.COVERED_AS_ASSESSED), t0));
        assertTrue(v.getMessage().contains("different adjuster"));
        Claim second = desk.decide("A", "adj-2", new Decision.Approve(ReasonCode.COVERED_AS_ASSESSED), t0.plusSeconds(5));
        assertEquals(ClaimStatus.APPROVED, second.status());
        assertEquals(List.of("AWAITING_ADJUSTER", "AWAITING_SECOND_APPROVAL", "APPROVED"), ledger.history("A").stream().map(e -> e.toState()).toList());
        assertTrue(ledger.verify().valid());
    }

    @Test
    void changedAmountAtSecondApprovalRestartsFourEyes() {
        waiting("A", Priority.P2, t0, "12000.00");
        desk.decide("A", "adj-1", new Decision.Approve(ReasonCode.COVERED_AS_ASSESSED), t0);
        Claim c = desk.decide("A", "adj-2", new Decision.AdjustAmount(new BigDecimal("11000"), ReasonCode.PARTIAL_LIABILITY), t0);
        assertEquals(ClaimStatus.AWAITING_SECOND_APPROVAL, c.status());
        assertEquals("adj-2", c.firstApprover());
        assertEquals(ClaimStatus.APPROVED, desk.decide("A", "adj-1", new Decision.Approve(ReasonCode.COVERED_AS_ASSESSED), t0).status());
    }

    @Test
    void rejectAndRequestInformationAreRecordedWithReasons() {
        waiting("A", Priority.P2, t0, "500.00");
        waiting("B", Priority.P2, t0, "500.00");
        assertEquals(ClaimStatus.REJECTED, desk.decide("A", "adj-1", new Decision.Reject(ReasonCode.FRAUD_CONFIRMED), t0).status());
        Claim b = desk.decide("B", "adj-1", new Decision.RequestInformation(ReasonCode.NEED_POLICE_REPORT, "police report number"), t0);
        assertEquals(ClaimStatus.INFORMATION_REQUESTED, b.status());
        assertEquals(1, desk.queue(t0).size());
        assertTrue(ledger.history("B").get(1).detail().contains("police report"));
        assertThrows(FourEyesViolation.class, () -> desk.decide("A", "adj-2", new Decision.Approve(ReasonCode.COVERED_AS_ASSESSED), t0));
    }

    @Test
    void approvingWithoutAnyAmountIsRefused() {
        waiting("A", Priority.P3, t0, null);
        assertThrows(FourEyesViolation.class, () -> desk.decide("A", "adj-1", new Decision.Approve(ReasonCode.COVERED_AS_ASSESSED), t0));
        assertThrows(java.util.NoSuchElementException.class, () -> desk.detail("nope"));
        assertThrows(IllegalArgumentException.class, () -> new Decision.AdjustAmount(new BigDecimal("-1"), ReasonCode.AMOUNT_PER_REPAIR_QUOTE));
    }
}
