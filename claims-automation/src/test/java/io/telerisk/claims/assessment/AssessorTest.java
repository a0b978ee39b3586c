package io.telerisk.claims.assessment;

import io.telerisk.claims.crash.ImpactDirection;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssessorTest {
    private final Assessor assessor = new Assessor(AssessmentRules.defaults());
    private final Instant loss = Instant.parse("2026-06-01T10:00:00Z");
    private final Instant longAgo = loss.minus(Duration.ofDays(400));

    private AssessmentInput input(Double dvKmh, ImpactDirection dir, double confidence, Instant inception, List<Instant> earlier, List<FraudSignal> tel) {
        return new AssessmentInput(dvKmh, dir, confidence, "test", loss, inception, new BigDecimal("50000"), new BigDecimal("300"),
                "EUR", earlier, tel, List.of(), null);
    }

    @Test
    void minorConfidentCleanClaimGoesStraightThrough() {
        Assessment a = assessor.assess(input(6.0, ImpactDirection.REAR, 0.98, longAgo, List.of(), List.of()));
        assertEquals(Severity.MINOR, a.severity());
        assertEquals("cosmetic", a.repairBand());
        assertEquals(new BigDecimal("600.00"), a.estimate()); // midpoint 900 - deductible 300
        assertEquals(LiabilityHint.LIKELY_THIRD_PARTY_AT_FAULT, a.liability());
        assertTrue(a.routing().straightThrough(), a.routing().reasons().toString());
        assertNull(a.routing().priority());
        assertTrue(a.evidence().stream().anyMatch(e -> e.contains("P(MAIS3+)") && e.contains("DOT HS 813 219")), a.evidence().toString());
    }

    @Test
    void estimateAboveTheConfiguredLimitGoesToAnAdjuster() {
        Assessment a = assessor.assess(input(12.0, ImpactDirection.FRONT, 0.99, longAgo, List.of(), List.of()));
        assertEquals(Severity.MINOR, a.severity());
        assertEquals(new BigDecimal("2700.00"), a.estimate());
        assertFalse(a.routing().straightThrough());
        assertEquals(Priority.P4, a.routing().priority());
        assertEquals(LiabilityHint.LIKELY_INSURED_AT_FAULT, a.liability());
    }

    @Test
    void seriousCrashIsTopPriority() {
        // 55 km/h: P(MAIS3+) 20 % on the NHTSA curve (it was 38 %, severe, on the former illustrative one)
        Assessment a = assessor.assess(input(55.0, ImpactDirection.LEFT, 0.99, longAgo, List.of(), List.of()));
        assertEquals(Severity.SERIOUS, a.severity());
        assertEquals(Priority.P1, a.routing().priority());
        assertEquals(LiabilityHint.UNDETERMINED, a.liability());
    }

    @Test
    void severeCrashIsTopPriority() {
        Assessment a = assessor.assess(input(70.0, ImpactDirection.FRONT, 0.99, longAgo, List.of(), List.of()));
        assertEquals(Severity.SEVERE, a.severity());
        assertEquals(0.5414775846815211, a.mais3PlusRisk(), 1e-12);
        assertEquals(Priority.P1, a.routing().priority());
    }

    @Test
    void moderateCrashWithoutSignalsIsLowestPriority() {
        // 45 km/h: 8.5 % on the NHTSA curve, moderate (it was serious, P1, on the former illustrative curve)
        Assessment a = assessor.assess(input(45.0, ImpactDirection.FRONT, 0.99, longAgo, List.of(), List.of()));
        assertEquals(Severity.MODERATE, a.severity());
        assertFalse(a.routing().straightThrough());
        assertEquals(Priority.P4, a.routing().priority());
    }

    @Test
    void lowConfidenceIsNotApprovedAutomatically() {
        Assessment a = assessor.assess(input(5.0, ImpactDirection.REAR, 0.6, longAgo, List.of(), List.of()));
        assertFalse(a.routing().straightThrough());
        assertEquals(Priority.P3, a.routing().priority());
    }

    @Test
    void claimSoonAfterInceptionIsSignalled() {
        Assessment a = assessor.assess(input(5.0, ImpactDirection.REAR, 0.99, loss.minus(Duration.ofDays(3)), List.of(), List.of()));
        assertEquals(FraudSignal.Code.CLAIM_SOON_AFTER_INCEPTION, a.fraudSignals().get(0).code());
        assertTrue(a.fraudSignals().get(0).evidence().contains("3 days"));
        assertEquals(Priority.P2, a.routing().priority());
    }

    @Test
    void repeatedClaimsAreSignalledOnlyWithinTheLookBack() {
        List<Instant> two = List.of(loss.minus(Duration.ofDays(40)), loss.minus(Duration.ofDays(200)));
        assertEquals(FraudSignal.Code.REPEATED_CLAIMS, assessor.assess(input(5.0, ImpactDirection.REAR, 0.99, longAgo, two, List.of()))
                .fraudSignals().get(0).code());
        List<Instant> old = List.of(loss.minus(Duration.ofDays(40)), loss.minus(Duration.ofDays(380)));
        assertTrue(assessor.assess(input(5.0, ImpactDirection.REAR, 0.99, longAgo, old, List.of())).fraudSignals().isEmpty());
    }

    @Test
    void telemetrySignalsBlockStraightThrough() {
        FraudSignal s = new FraudSignal(FraudSignal.Code.NO_IMPULSE_FOR_REPORTED_COLLISION, "no impulse");
        Assessment a = assessor.assess(input(null, null, 0.95, longAgo, List.of(), List.of(s)));
        assertNull(a.severity());
        assertEquals(Priority.P2, a.routing().priority());
        assertTrue(Double.isNaN(a.deltaVKmh()));
    }

    @Test
    void estimateIsCappedAtTheCoverLimit() {
        Assessment a = assessor.assess(new AssessmentInput(70.0, ImpactDirection.FRONT, 0.99, "t", loss, longAgo, new BigDecimal("20000"),
                BigDecimal.ZERO, "EUR", List.of(), List.of(), List.of(), null));
        assertEquals(new BigDecimal("20000.00"), a.estimate());
    }

    @Test
    void deductibleIsTakenOffAfterTheLimitCapsTheLoss() {
        Assessment a = assessor.assess(new AssessmentInput(70.0, ImpactDirection.FRONT, 0.99, "t", loss, longAgo, new BigDecimal("20000"),
                new BigDecimal("300"), "EUR", List.of(), List.of(), List.of(), null));
        assertEquals(new BigDecimal("32500.00"), a.lossEstimate());
        assertEquals(new BigDecimal("19700.00"), a.estimate(), "min(32,500, 20,000) - 300");
    }

    @Test
    void aClaimIsNeverValuedAboveTheAmountClaimed() {
        Assessment a = assessor.assess(new AssessmentInput(30.0, ImpactDirection.REAR, 0.99, "t", loss, longAgo, new BigDecimal("50000"),
                new BigDecimal("300"), "EUR", List.of(), List.of(), List.of(), new BigDecimal("900.00")));
        assertEquals(new BigDecimal("900.00"), a.lossEstimate(), "band midpoint is far above the 900 claimed");
        assertEquals(new BigDecimal("600.00"), a.estimate());
        Assessment noPulse = assessor.assess(new AssessmentInput(null, null, 0.5, "t", loss, longAgo, new BigDecimal("50000"),
                new BigDecimal("300"), "EUR", List.of(), List.of(), List.of(), new BigDecimal("900.00")));
        assertEquals(new BigDecimal("900.00"), noPulse.lossEstimate());
        assertFalse(noPulse.routing().straightThrough(), "an unverified amount goes to an adjuster");
    }
}
