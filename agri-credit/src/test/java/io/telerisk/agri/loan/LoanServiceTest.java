package io.telerisk.agri.loan;

import io.telerisk.agri.Scenario;
import io.telerisk.agri.field.Crop;
import io.telerisk.agri.field.Field;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.telerisk.agri.Scenario.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoanServiceTest {
    private final Scenario s = new Scenario();
    private final LocalDate today = LocalDate.of(2024, 7, 20);
    private final DeviceKey device = new DeviceKey(Scenario.TENANT, DeviceType.FARM_SENSOR, "d1");

    private static DeviceEvent request(String amount, double term, String currency, String purpose) {
        Map<String, String> labels = new HashMap<>();
        if (amount != null) labels.put("amountRequested", amount);
        if (currency != null) labels.put("currency", currency);
        if (purpose != null) labels.put("purpose", purpose);
        return new DeviceEvent("loan_request", Instant.parse("2024-07-20T08:00:00Z"), Map.of("termMonths", term), labels, List.of());
    }

    private LoanApplication app(String amount, int term) {
        return ((LoanRequests.Parsed.Valid) LoanRequests.fromEvent(device, request(amount, term, "USD", "fertiliser"))).application();
    }

    /** A healthy 10 ha maize field among healthy peers, with moist soil. */
    private Field healthyRegion(double fieldFactor) {
        Field f = s.field("f", "alice", "d1", 15.00);
        for (int i = 0; i < 5; i++) s.field("p" + i, "farmer" + i, "dp" + i, 15.01 + 0.01 * i);
        for (LocalDate d = Scenario.SOWING.plusDays(15); !d.isAfter(today.minusDays(3)); d = d.plusDays(10)) {
            for (int i = 0; i < 5; i++) s.observe("p" + i, d, expected(d) + 0.01 * (i - 2));
            s.observe("f", d, Crop.MAIZE.baseNdvi() + fieldFactor * (expected(d) - Crop.MAIZE.baseNdvi()));
        }
        s.soil("d1", Scenario.SOWING, today.plusDays(1), 0.28);
        return f;
    }

    @Test
    void approvesRequestWithinTheLimitWithRepaymentsAfterHarvest() {
        Field f = healthyRegion(1.0);
        LoanDecision d = s.loanService(today).decide(app("1500.00", 6));
        assertEquals(LoanOutcome.APPROVE, d.outcome(), d.factors().toString());
        assertEquals("WITHIN_LIMIT", d.reasonCode());
        assertEquals(new BigDecimal("1500.00"), d.approvedAmount());
        assertEquals(RiskGrade.A, d.grade());
        assertEquals(new BigDecimal("9.00"), d.annualRatePercent());
        assertEquals(f.fieldId(), d.fieldId());
        assertTrue(d.limit().compareTo(new BigDecimal("1500.00")) >= 0);
        assertTrue(!d.schedule().isEmpty());
        for (Instalment i : d.schedule()) assertTrue(i.dueDate().isAfter(Scenario.HARVEST), "due " + i.dueDate());
        assertEquals(new BigDecimal("1500.00"), d.schedule().stream().map(Instalment::principal).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertTrue(d.schedule().get(0).interest().signum() > 0);
        assertEquals(2, d.schedule().get(0).interest().scale());
        for (String name : List.of("ndvi_anomaly_z", "water_stress_share", "loan_to_revenue", "credit_limit", "revenue_estimate", "risk_grade")) {
            assertTrue(d.factors().stream().anyMatch(x -> x.code().equals(name)), "explanation lacks " + name);
        }
        assertTrue(s.loans.findByApplication(Scenario.TENANT, d.applicationId()).isPresent());
    }

    @Test
    void firstInstalmentInterestIsActual365OnThePrincipal() {
        healthyRegion(1.0);
        LoanDecision d = s.loanService(today).decide(app("1000.00", 3));
        Instalment first = d.schedule().get(0);
        assertEquals(Scenario.HARVEST.plusDays(30), first.dueDate());
        long days = java.time.temporal.ChronoUnit.DAYS.between(today, first.dueDate());
        assertEquals(new BigDecimal("1000.00").multiply(new BigDecimal("0.09")).multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(365), 2, java.math.RoundingMode.HALF_EVEN), first.interest());
        assertEquals(1, d.schedule().size(), "a 3-month term ends before harvest: one bullet after the harvest");
        assertTrue(d.factors().stream().anyMatch(x -> x.code().equals("term")));
    }

    @Test
    void declinesRequestFromUnregisteredDeviceAndRecordsNothing() {
        healthyRegion(1.0);
        DeviceKey stranger = new DeviceKey(Scenario.TENANT, DeviceType.FARM_SENSOR, "ghost");
        LoanApplication a = ((LoanRequests.Parsed.Valid) LoanRequests.fromEvent(stranger, request("100", 6, "USD", "seed"))).application();
        LoanDecision d = s.loanService(today).decide(a);
        assertEquals(LoanOutcome.DECLINE, d.outcome());
        assertEquals("UNREGISTERED_DEVICE", d.reasonCode());
        assertNull(d.fieldId());
        assertTrue(s.loans.findByApplication(Scenario.TENANT, a.applicationId()).isEmpty());
    }

    @Test
    void refersRequestSomewhatAboveTheLimitAndDeclinesFarAbove() {
        healthyRegion(1.0);
        LoanService svc = s.loanService(today);
        LoanDecision probe = svc.decide(app("1.00", 6));
        BigDecimal limit = probe.limit();
        // a new application id for each request: different event times
        LoanApplication above = new LoanApplication("a2", Scenario.TENANT, "d1", limit.multiply(new BigDecimal("1.2")).setScale(2, java.math.RoundingMode.DOWN),
                java.util.Currency.getInstance("USD"), 6, "tractor", Instant.now());
        LoanDecision refer = svc.decide(above);
        assertEquals(LoanOutcome.REFER, refer.outcome(), refer.factors().toString());
        assertEquals("ABOVE_LIMIT", refer.reasonCode());
        LoanApplication far = new LoanApplication("a3", Scenario.TENANT, "d1", limit.multiply(new BigDecimal("3")).setScale(2, java.math.RoundingMode.DOWN),
                java.util.Currency.getInstance("USD"), 6, "land", Instant.now());
        LoanDecision decline = svc.decide(far);
        assertEquals(LoanOutcome.DECLINE, decline.outcome());
        assertTrue(decline.schedule().isEmpty());
    }

    @Test
    void existingLoansReduceTheLimit() {
        healthyRegion(1.0);
        LoanService svc = s.loanService(today);
        LoanDecision first = svc.decide(app("1000.00", 6));
        assertEquals(LoanOutcome.APPROVE, first.outcome());
        LoanApplication again = new LoanApplication("a2", Scenario.TENANT, "d1", new BigDecimal("10.00"), java.util.Currency.getInstance("USD"),
                6, "more", Instant.now());
        LoanDecision second = svc.decide(again);
        assertEquals(first.limit().subtract(new BigDecimal("1000.00")), second.limit());
    }

    @Test
    void aRequestDecidedAsRequestedUsesTheDataOfThatDayAndIsDatedThen() {
        healthyRegion(1.0);
        s.soil("d1", today.minusDays(20), today.plusDays(1), 0.08); // a drought since
        LoanService svc = s.loanService(today);
        LoanDecision now = svc.decide(app("1000.00", 6));
        Instant earlier = today.minusDays(30).atTime(9, 0).toInstant(ZoneOffset.UTC);
        LoanDecision then = svc.decideAsRequested(new LoanApplication("d1-then", Scenario.TENANT, "d1", new BigDecimal("1000.00"),
                java.util.Currency.getInstance("USD"), 6, "seed", earlier));
        assertEquals(earlier, then.decidedAt(), "dated when it was requested");
        assertEquals("0.00", factor(then, "existing_principal").value(), "today's loan did not exist then");
        assertEquals("0.000", factor(then, "water_stress_share").value(), "the soil was moist then");
        assertTrue(Double.parseDouble(factor(now, "water_stress_share").value()) > 0, factor(now, "water_stress_share").toString());
        LoanDecision again = svc.decideAsRequested(new LoanApplication("d1-then", Scenario.TENANT, "d1", new BigDecimal("1.00"),
                java.util.Currency.getInstance("USD"), 6, "seed", earlier));
        assertEquals(then.amountRequested(), again.amountRequested(), "recorded once: a repeat returns the recorded decision");
    }

    private static Factor factor(LoanDecision d, String code) {
        return d.factors().stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow(() -> new AssertionError("no " + code + " in " + d.factors()));
    }

    @Test
    void poorCropGetsAWorseGradeThanHealthyPeers() {
        healthyRegion(0.55);
        s.soil("d1", today.minusDays(20), today.plusDays(1), 0.08); // recent drought on loam
        LoanDecision d = s.loanService(today).decide(app("500.00", 6));
        assertTrue(d.grade().compareTo(RiskGrade.C) >= 0, "grade " + d.grade() + " " + d.factors());
        Factor z = d.factors().stream().filter(x -> x.code().equals("ndvi_anomaly_z")).findFirst().orElseThrow();
        assertEquals(4, z.points(), z.toString());
    }

    @Test
    void refersWhenThereIsNoRecentClearObservation() {
        s.field("f", "alice", "d1", 15.00);
        s.observe("f", Scenario.SOWING.plusDays(10), 0.25);
        LoanDecision d = s.loanService(today).decide(app("100.00", 6));
        assertEquals(LoanOutcome.REFER, d.outcome());
        assertEquals("INSUFFICIENT_DATA", d.reasonCode());
    }

    @Test
    void declinesAfterHarvestAndInAnotherCurrency() {
        healthyRegion(1.0);
        assertEquals("SEASON_OVER", s.loanService(Scenario.HARVEST.plusDays(1)).decide(app("100.00", 6)).reasonCode());
        LoanApplication eur = ((LoanRequests.Parsed.Valid) LoanRequests.fromEvent(device,
                new DeviceEvent("loan_request", Instant.parse("2024-07-20T09:00:00Z"), Map.of("termMonths", 6.0),
                        Map.of("amountRequested", "100", "currency", "EUR", "purpose", "seed"), List.of()))).application();
        assertEquals("CURRENCY_NOT_OFFERED", s.loanService(today).decide(eur).reasonCode());
    }

    @Test
    void redeliveredRequestReturnsTheRecordedDecision() {
        healthyRegion(1.0);
        LoanService svc = s.loanService(today);
        LoanDecision a = svc.decide(app("700.00", 6));
        LoanDecision b = svc.decide(app("700.00", 6));
        assertSame(a, b);
        assertEquals(1, s.loans.approvedForField(Scenario.TENANT, "f").size());
    }

    @Test
    void rejectsMalformedLoanRequestsWithAReason() {
        assertInvalid(request("-5", 6, "USD", "seed"), "positive");
        assertInvalid(request("12.345", 6, "USD", "seed"), "decimals");
        assertInvalid(request("abc", 6, "USD", "seed"), "decimal");
        assertInvalid(request(null, 6, "USD", "seed"), "missing");
        assertInvalid(request("100", 6.5, "USD", "seed"), "whole number");
        assertInvalid(request("100", 60, "USD", "seed"), "whole number");
        assertInvalid(request("100", 6, "XYZ1", "seed"), "ISO 4217");
        assertInvalid(request("100", 6, "USD", " "), "purpose");
        assertInvalid(request("100", 6, "USD", "seed\u0000drop table"), "control");
        assertInvalid(new DeviceEvent("harsh_braking", Instant.now(), Map.of(), Map.of(), List.of()), "not loan_request");
        var ok = assertInstanceOf(LoanRequests.Parsed.Valid.class, LoanRequests.fromEvent(device,
                new DeviceEvent("loan_request", Instant.parse("2024-07-20T08:00:00Z"), Map.of("amountRequested", 250.5, "termMonths", 9.0),
                        Map.of("currency", "usd", "purpose", "seed"), List.of())));
        assertEquals(new BigDecimal("250.50"), ok.application().amountRequested());
        assertEquals("d1-" + Instant.parse("2024-07-20T08:00:00Z").toEpochMilli(), ok.application().applicationId());
    }

    private void assertInvalid(DeviceEvent e, String fragment) {
        var r = assertInstanceOf(LoanRequests.Parsed.Invalid.class, LoanRequests.fromEvent(device, e));
        assertTrue(r.reason().contains(fragment), r.reason());
    }

    @Test
    void scheduleRunsMonthlyToTheEndOfALongTerm() {
        List<Instalment> s = RepaymentSchedule.build(new BigDecimal("1000.00"), new BigDecimal("12.00"), LocalDate.of(2024, 5, 1),
                LocalDate.of(2024, 10, 30), 12);
        assertEquals(LocalDate.of(2024, 10, 30), s.get(0).dueDate());
        assertEquals(LocalDate.of(2025, 4, 30), s.get(s.size() - 1).dueDate());
        assertEquals(7, s.size());
        assertEquals(new BigDecimal("1000.00"), s.stream().map(Instalment::principal).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertTrue(s.get(1).interest().compareTo(s.get(0).interest()) < 0);
        assertTrue(s.stream().allMatch(i -> !i.dueDate().atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(Instant.parse("2024-10-30T00:00:00Z"))));
    }

    @Test
    void aReferralGrantsNothingAndOffersAtMostTheLimit() {
        healthyRegion(1.0);
        LoanService svc = s.loanService(today);
        BigDecimal limit = svc.decide(app("1.00", 6)).limit();
        LoanApplication above = new LoanApplication("a2", Scenario.TENANT, "d1", limit.multiply(new BigDecimal("1.2")).setScale(2, java.math.RoundingMode.DOWN),
                java.util.Currency.getInstance("USD"), 6, "tractor", Instant.now());
        LoanDecision refer = svc.decide(above);
        assertEquals(LoanOutcome.REFER, refer.outcome());
        assertEquals(0, refer.approvedAmount().signum(), "a referral is not an approval");
        assertEquals(refer.limit(), refer.offeredAmount(), "the offer is the limit left after the 1.00 probe");
        assertTrue(refer.schedule().isEmpty(), "nothing is scheduled before an officer approves");
        assertEquals(0, refer.outstandingPrincipal().signum());
        assertEquals("0.00", refer.approvedAmount().toPlainString());
    }

    @Test
    void aReferralForMissingDataDoesNotReportTheRequestAsApproved() {
        s.field("f", "alice", "d1", 15.00);
        s.observe("f", Scenario.SOWING.plusDays(10), 0.25);
        LoanDecision d = s.loanService(today).decide(app("100.00", 6));
        assertEquals(LoanOutcome.REFER, d.outcome());
        assertEquals(0, d.approvedAmount().signum(), d.toString());
        assertEquals(new BigDecimal("100.00").min(d.limit()), d.offeredAmount());
        Factor why = d.factors().stream().filter(x -> x.effect() == Factor.Effect.REFER).findFirst().orElseThrow();
        assertEquals("days_since_clear_observation", why.code());
        assertEquals("45", why.threshold());
    }

    @Test
    void aFieldWithNoExpectedRevenueNeverShowsAMadeUpLoanToRevenue() {
        // scenes below the crop's base NDVI all season: the field is expected to earn nothing
        s.field("f", "alice", "d1", 15.00);
        for (LocalDate d = today.minusDays(40); !d.isAfter(today.minusDays(2)); d = d.plusDays(7)) s.observe("f", d, 0.12);
        s.soil("d1", Scenario.SOWING, today.plusDays(1), 0.28);
        LoanDecision d = s.loanService(today).decide(app("100.00", 6));
        Factor ltv = d.factors().stream().filter(x -> x.code().equals("loan_to_revenue")).findFirst().orElseThrow();
        assertEquals("none", ltv.value(), ltv.toString());
        assertEquals(3, ltv.points());
        assertEquals(LoanOutcome.DECLINE, d.outcome());
    }

    @Test
    void everyFactorSaysWhatItDidInPlainWords() {
        healthyRegion(0.8);
        LoanDecision d = s.loanService(today).decide(app("900.00", 6));
        for (Factor x : d.factors()) {
            assertTrue(x.code().matches("[a-z0-9_]+"), x.code());
            assertTrue(!x.text().isBlank() && !x.text().contains("="), x.text());
            if (x.effect() != Factor.Effect.RISK_POINTS) assertEquals(0, x.points(), x.toString());
        }
        Factor z = d.factors().stream().filter(x -> x.code().equals("ndvi_anomaly_z")).findFirst().orElseThrow();
        assertEquals(Factor.Effect.RISK_POINTS, z.effect());
        assertEquals("-0.5", z.threshold());
        Double.parseDouble(z.value());
    }

    @Test
    void previewShowsTheLimitWithoutRecordingAnything() {
        Field f = healthyRegion(1.0);
        LoanService svc = s.loanService(today);
        LoanDecision whole = svc.preview(f, null, 6);
        assertEquals(LoanOutcome.APPROVE, whole.outcome(), whole.factors().toString());
        assertEquals(whole.limit(), whole.amountRequested());
        LoanDecision above = svc.preview(f, whole.limit().add(new BigDecimal("1.00")), 6);
        assertEquals(LoanOutcome.REFER, above.outcome());
        assertTrue(s.loans.approvedForField(Scenario.TENANT, "f").isEmpty());
        assertTrue(s.loans.findByApplication(Scenario.TENANT, "preview").isEmpty());
    }

    @Test
    void anOfficersApprovalOfAReferralGetsTheGradesRateAndAScheduleAfterTheHarvest() {
        healthyRegion(1.0);
        LoanService svc = s.loanService(today);
        BigDecimal limit = svc.preview(s.fields.find(Scenario.TENANT, "f").orElseThrow(), null, 6).limit();
        LoanApplication above = new LoanApplication("a2", Scenario.TENANT, "d1", limit.multiply(new BigDecimal("1.2")).setScale(2, java.math.RoundingMode.DOWN),
                java.util.Currency.getInstance("USD"), 9, "tractor", Instant.now());
        LoanDecision refer = svc.decide(above);
        assertEquals(9, refer.termMonths());
        Instant at = today.atTime(15, 0).toInstant(ZoneOffset.UTC);
        LoanDecision ok = svc.decideReferral(refer, true, refer.amountRequested(), "ADDITIONAL_SECURITY", "ann, bob", "co-op guarantee", at);
        assertEquals(LoanOutcome.APPROVE, ok.outcome());
        assertEquals(refer.amountRequested(), ok.approvedAmount());
        assertEquals(refer.annualRatePercent(), ok.annualRatePercent());
        assertEquals(ok.approvedAmount(), ok.schedule().stream().map(Instalment::principal).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertTrue(ok.schedule().get(0).dueDate().isAfter(Scenario.HARVEST));
        assertEquals("credit_officer", ok.factors().get(ok.factors().size() - 1).code());
        LoanDecision no = svc.decideReferral(refer, false, BigDecimal.ZERO, "POOR_CROP_CONDITION", "ann", null, at);
        assertEquals(LoanOutcome.DECLINE, no.outcome());
        assertEquals(0, no.approvedAmount().signum());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> svc.decideReferral(refer, true, refer.amountRequested().add(BigDecimal.ONE), "CROP_COVER", "ann", null, at));
    }
}
