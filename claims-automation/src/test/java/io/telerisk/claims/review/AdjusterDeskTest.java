package io.telerisk.claims.review;

import io.telerisk.claims.assessment.Priority;
import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.fnol.ClaimJournal;
import io.telerisk.claims.fnol.ClaimSource;
import io.telerisk.claims.fnol.ClaimStatus;
import io.telerisk.claims.fnol.Coverage;
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
        return waiting(id, p, openedAt, amount, new Coverage("COLLISION", new BigDecimal("50000.00"), BigDecimal.ZERO, "EUR"));
    }

    private Claim waiting(String id, Priority p, Instant openedAt, String loss, Coverage cover) {
        Claim c = Claim.open(id, ClaimSource.REPORTED, car, "POL-1", cover, openedAt, openedAt, null, null)
                .withPriority(p).withLoss(loss == null ? null : new BigDecimal(loss)).withStatus(ClaimStatus.AWAITING_ADJUSTER);
        journal.open(c, "system", "test");
        return c;
    }

    @Test
    void approvedLossAboveTheLimitPaysTheLimitLessTheDeductible() {
        Coverage cover = new Coverage("COLLISION", new BigDecimal("50000.00"), new BigDecimal("500.00"), "EUR");
        waiting("A", Priority.P1, t0, "32500.00", cover);
        Claim first = desk.decide("A", "adj-1", new Decision.AdjustAmount(new BigDecimal("70000"), ReasonCode.AMOUNT_PER_REPAIR_QUOTE), t0);
        assertEquals(new BigDecimal("70000.00"), first.lossAmount());
        assertEquals(new BigDecimal("49500.00"), first.amount(), "min(70,000, limit 50,000) - deductible 500");
        assertEquals(ClaimStatus.AWAITING_SECOND_APPROVAL, first.status());
        Claim second = desk.decide("A", "adj-2", new Decision.Approve(ReasonCode.COVERED_AS_ASSESSED), t0);
        assertEquals(ClaimStatus.APPROVED, second.status());
        assertEquals(new BigDecimal("49500.00"), second.amount());
        assertEquals(new BigDecimal("49500.00"), ledger.history("A").get(2).amount(), "the ledger records the payout");
        assertTrue(ledger.history("A").get(1).detail().contains("limit 50000.00"), ledger.history("A").get(1).detail());
    }

    @Test
    void lossBelowTheDeductiblePaysNothingAndApprovingTheAssessedLossKeepsItsPayout() {
        Coverage cover = new Coverage("COLLISION", new BigDecimal("50000.00"), new BigDecimal("500.00"), "EUR");
        waiting("A", Priority.P3, t0, "1200.00", cover);
        waiting("B", Priority.P3, t0, "1200.00", cover);
        assertEquals(new BigDecimal("700.00"), desk.decide("A", "adj-1", new Decision.Approve(ReasonCode.COVERED_AS_ASSESSED), t0).amount());
        Claim b = desk.decide("B", "adj-1", new Decision.AdjustAmount(new BigDecimal("300"), ReasonCode.AMOUNT_PER_REPAIR_QUOTE), t0);
        assertEquals(new BigDecimal("0.00"), b.amount(), "never negative");
        assertEquals(new BigDecimal("300.00"), b.lossAmount());
    }

    @Test
    void aDecisionOnAnOlderVersionIsRefusedAndChangesNothing() {
        waiting("A", Priority.P3, t0, "800.00");
        long v = desk.detail("A").version();
        desk.decide("A", "adj-1", new Decision.RequestInformation(ReasonCode.NEED_PHOTOS, "photos of the rear bumper"), t0, v);
        int entries = ledger.history("A").size();
        assertThrows(io.telerisk.claims.fnol.StaleClaimException.class,
                () -> desk.decide("A", "adj-2", new Decision.Approve(ReasonCode.COVERED_AS_ASSESSED), t0, v));
        assertEquals(ClaimStatus.INFORMATION_REQUESTED, desk.detail("A").status());
        assertEquals(entries, ledger.history("A").size());
    }

    @Test
    void aRequestForInformationMustSayWhatIsRequested() {
        assertThrows(IllegalArgumentException.class, () -> new Decision.RequestInformation(ReasonCode.NEED_PHOTOS, " "));
        assertThrows(IllegalArgumentException.class, () -> new Decision.RequestInformation(ReasonCode.NEED_PHOTOS, null));
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
