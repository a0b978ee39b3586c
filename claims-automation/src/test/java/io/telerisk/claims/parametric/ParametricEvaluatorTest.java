package io.telerisk.claims.parametric;

import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.fnol.ClaimJournal;
import io.telerisk.claims.fnol.ClaimStatus;
import io.telerisk.claims.fnol.InMemoryClaimRepository;
import io.telerisk.claims.ledger.AuditLedger;
import io.telerisk.claims.ledger.InMemoryAuditLedgerStore;
import io.telerisk.model.summary.FarmDay;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParametricEvaluatorTest {
    private static final LocalDate JUNE = LocalDate.of(2026, 6, 1);
    private final InMemoryFarmData data = new InMemoryFarmData();
    private final ParametricEvaluator evaluator = new ParametricEvaluator(data, data);
    private final ParametricTerms terms = new ParametricTerms("AG-1", "acme", "farm-1", "field-1", new BigDecimal("20000"), "EUR",
            new ParametricTerms.Drought(0.12, 10, -1.0, new BigDecimal("20"), new BigDecimal("2.5"), new BigDecimal("60")),
            new ParametricTerms.ExcessRain(3, 120, 220, new BigDecimal("50")));

    private void day(int offset, Double vwc, double rainMm) {
        data.add(new FarmDay("acme", "farm-1", JUNE.plusDays(offset), vwc, vwc, 18.0, 10.0, 30.0, 50.0, rainMm, 0, 96));
    }

    private ParametricPayout drought(List<ParametricPayout> ps) {
        return ps.stream().filter(p -> p.peril() == ParametricPayout.Peril.DROUGHT).findFirst().orElseThrow();
    }

    private ParametricPayout rain(List<ParametricPayout> ps) {
        return ps.stream().filter(p -> p.peril() == ParametricPayout.Peril.EXCESS_RAIN).findFirst().orElseThrow();
    }

    @Test
    void droughtPaysPerTermsWhenDryRunAndNdviAnomalyAgree() {
        for (int i = 0; i < 30; i++) day(i, i >= 5 && i < 19 ? 0.08 : 0.25, 0); // 14 dry days
        data.addNdviAnomaly("field-1", JUNE.plusDays(25), -1.6);
        ParametricPayout p = drought(evaluator.evaluate(terms, JUNE, JUNE.plusDays(29)));
        assertTrue(p.triggered(), p.explanation().toString());
        assertEquals(new BigDecimal("30.0000"), p.percent()); // 20 + 2.5 x (14 - 10)
        assertEquals(new BigDecimal("6000.00"), p.amount());
        assertEquals(JUNE.plusDays(5), p.eventStart());
        assertEquals(JUNE.plusDays(18), p.eventEnd());
        assertTrue(p.explanation().stream().anyMatch(l -> l.contains("14 days")));
        assertTrue(p.explanation().stream().anyMatch(l -> l.contains("-1.60")));
    }

    @Test
    void droughtPayoutIsCappedAtTheMaximum() {
        for (int i = 0; i < 40; i++) day(i, 0.05, 0);
        data.addNdviAnomaly("field-1", JUNE.plusDays(30), -2.0);
        ParametricPayout p = drought(evaluator.evaluate(terms, JUNE, JUNE.plusDays(39)));
        assertEquals(new BigDecimal("60.0000"), p.percent());
        assertEquals(new BigDecimal("12000.00"), p.amount());
    }

    @Test
    void dryRunWithoutNdviAnomalyDoesNotPay() {
        for (int i = 0; i < 20; i++) day(i, 0.08, 0);
        data.addNdviAnomaly("field-1", JUNE.plusDays(10), -0.4);
        ParametricPayout p = drought(evaluator.evaluate(terms, JUNE, JUNE.plusDays(19)));
        assertFalse(p.triggered());
        assertEquals(new BigDecimal("0.00"), p.amount());
        ParametricPayout noScene = drought(new ParametricEvaluator(data, (f, d) -> java.util.OptionalDouble.empty()).evaluate(terms, JUNE, JUNE.plusDays(19)));
        assertFalse(noScene.triggered());
        assertTrue(noScene.explanation().stream().anyMatch(l -> l.contains("no NDVI scene")));
    }

    @Test
    void missingSoilReadingBreaksTheRun() {
        for (int i = 0; i < 20; i++) if (i != 7) day(i, i == 12 ? null : 0.08, 0); // day 7 absent, day 12 no soil sensor
        data.addNdviAnomaly("field-1", JUNE.plusDays(19), -3);
        ParametricPayout p = drought(evaluator.evaluate(terms, JUNE, JUNE.plusDays(19)));
        assertFalse(p.triggered());
        assertTrue(p.explanation().stream().anyMatch(l -> l.contains("2 day(s) without a soil-moisture reading")), p.explanation().toString());
    }

    @Test
    void excessRainPaysLinearlyBetweenTriggerAndExit() {
        double[] mm = {5, 0, 40, 80, 50, 10, 0};
        for (int i = 0; i < mm.length; i++) day(i, 0.3, mm[i]);
        ParametricPayout p = rain(evaluator.evaluate(terms, JUNE, JUNE.plusDays(6)));
        assertTrue(p.triggered());
        // best 3 days: 40 + 80 + 50 = 170 mm -> (170 - 120) / (220 - 120) x 50 % = 25 %
        assertEquals(new BigDecimal("25.0000"), p.percent());
        assertEquals(new BigDecimal("5000.00"), p.amount());
        assertEquals(JUNE.plusDays(2), p.eventStart());
        assertEquals(JUNE.plusDays(4), p.eventEnd());
    }

    @Test
    void rainAtOrBelowTriggerPaysNothingAndMissingDaysAreNamed() {
        day(0, 0.3, 60);
        day(2, 0.3, 60);
        ParametricPayout p = rain(evaluator.evaluate(terms, JUNE, JUNE.plusDays(3)));
        assertFalse(p.triggered());
        assertTrue(p.explanation().stream().anyMatch(l -> l.contains("counted as 0 mm")), p.explanation().toString());
        assertNull(p.eventStart());
    }

    @Test
    void invalidTermsAndPeriodsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ParametricTerms.ExcessRain(3, 200, 100, BigDecimal.TEN));
        assertThrows(IllegalArgumentException.class, () -> new ParametricTerms.Drought(1.5, 10, -1.0, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN));
        assertThrows(IllegalArgumentException.class, () -> evaluator.evaluate(terms, JUNE, JUNE.minusDays(1)));
    }

    @Test
    void triggeredPerilOpensOneParametricClaimEvenWhenRerun() {
        double[] mm = {5, 0, 40, 80, 50, 10, 0};
        for (int i = 0; i < mm.length; i++) day(i, 0.3, mm[i]);
        AuditLedger ledger = new AuditLedger(new InMemoryAuditLedgerStore());
        ClaimJournal journal = new ClaimJournal(new InMemoryClaimRepository(), ledger);
        ParametricClaimService s = new ParametricClaimService(evaluator, journal, new BigDecimal("10000"));
        Instant now = Instant.parse("2026-06-10T00:00:00Z");
        List<Claim> claims = s.settle(terms, JUNE, JUNE.plusDays(6), now);
        assertEquals(1, claims.size());
        assertEquals(ClaimStatus.AUTO_APPROVED, claims.get(0).status());
        assertEquals(new BigDecimal("5000.00"), claims.get(0).amount());
        assertEquals(claims.get(0).claimId(), s.settle(terms, JUNE, JUNE.plusDays(6), now).get(0).claimId());
        assertEquals(2, ledger.history(claims.get(0).claimId()).size());
        assertTrue(ledger.history(claims.get(0).claimId()).get(0).detail().contains("payout = sum insured"));
        ParametricClaimService strict = new ParametricClaimService(evaluator, new ClaimJournal(new InMemoryClaimRepository(), ledger), new BigDecimal("1000"));
        assertEquals(ClaimStatus.AWAITING_ADJUSTER, strict.settle(terms, JUNE, JUNE.plusDays(6), now).get(0).status());
        assertTrue(ledger.verify().valid());
    }
}
