package io.telerisk.pricing.rating;

import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.ProhibitedVariables;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.plan.Variable;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompiledPlanTest {
    static final PlanValidator VALIDATOR = new PlanValidator(ProhibitedVariables.defaults());

    static CompiledPlan compile(String json) {
        return CompiledPlan.compile(PlanDocumentReader.parse(json), VALIDATOR);
    }

    /** A flat plan: 100.00 a year, one age factor, optional telematics factor on nightShare. */
    static String simple(String extraFactor, String telematics, String tail) {
        return """
            {"planId":"t","version":1,"productLine":"motor","jurisdiction":"GB","currency":"GBP","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":100},
             "factors":[{"variable":"driverAge","bands":[{"over":17,"upTo":25,"relativity":2.0},{"over":25,"upTo":60,"relativity":1.0},{"over":60,"relativity":1.25}]}%s]
             %s %s}""".formatted(extraFactor, telematics, tail);
    }

    static RatingInput input(double age, Map<String, Object> more) {
        java.util.Map<String, Object> p = new java.util.HashMap<>(more);
        p.put("driverAge", age);
        p.putIfAbsent("periodDays", 365.0);
        return RatingInput.fromProfile("pol-1", p, null);
    }

    private static BigDecimal total(CompiledPlan plan, double age) {
        return plan.quote(input(age, Map.of())).totalPremium();
    }

    @Test
    void bandsAreClosedOnTheRight() {
        CompiledPlan plan = compile(simple("", "", ""));
        assertEquals(new BigDecimal("200.00"), total(plan, 25));       // (17, 25]
        assertEquals(new BigDecimal("100.00"), total(plan, 25.0001));  // (25, 60]
        assertEquals(new BigDecimal("100.00"), total(plan, 60));
        assertEquals(new BigDecimal("125.00"), total(plan, 60.5));
        assertEquals(new BigDecimal("200.00"), total(plan, 17.0001));
    }

    @Test
    void valueOnOrBelowFirstBandsLowerBoundIsRefusedWithReason() {
        CompiledPlan plan = compile(simple("", "", ""));
        RatingException e = assertThrows(RatingException.class, () -> total(plan, 17));
        assertEquals(RatingException.Reason.OUT_OF_BANDS, e.reason());
        assertTrue(e.getMessage().contains("driverAge=17.0"), e.getMessage());
    }

    @Test
    void anUnknownUrbanShareIsNotRatedAndTheExplanationSaysSoWhileAKnownOneIs() {
        // urban share 0 would be a discount (exp(0.35 × (0 − 0.4)) = 0.869); unknown must not be
        CompiledPlan plan = compile(simple(",{\"variable\":\"urbanShare\",\"term\":{\"transform\":\"IDENTITY\","
                + "\"coefficient\":0.35,\"reference\":0.4,\"minValue\":0,\"maxValue\":1}}", ",\"telematics\":{\"credibility\":{\"method\":\"FULL\"}}", ""));
        Quote unknown = plan.quote(input(40, Map.of()));
        Quote zero = plan.quote(input(40, Map.of("urbanShare", 0.0)));
        assertEquals(new BigDecimal("100.00"), unknown.totalPremium());
        assertEquals(new BigDecimal("86.94"), zero.totalPremium());
        QuoteLine line = unknown.lines().stream().filter(l -> l.variable().equals("urbanShare")).findFirst().orElseThrow();
        assertEquals(1.0, line.relativity());
        assertTrue(line.bandOrTerm().contains("not rated"), line.bandOrTerm());
        assertTrue(unknown.explain().contains("road class reported for too few km"), unknown.explain());
        assertEquals(unknown.totalPremium(), unknown.lines().stream().map(QuoteLine::effect).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void missingInputAndUnknownLevelAreRefused() {
        CompiledPlan plan = compile(simple(",{\"variable\":\"territory\",\"levels\":{\"urban\":1.2,\"rural\":0.9}}", "", ""));
        RatingException missing = assertThrows(RatingException.class, () -> total(plan, 40));
        assertEquals(RatingException.Reason.MISSING_INPUT, missing.reason());
        RatingException unknown = assertThrows(RatingException.class, () -> plan.quote(input(40, Map.of("territory", "moon"))));
        assertEquals(RatingException.Reason.UNKNOWN_LEVEL, unknown.reason());
        assertEquals(new BigDecimal("90.00"), plan.quote(input(40, Map.of("territory", "rural"))).totalPremium());
    }

    private static final String NIGHT = ",{\"variable\":\"nightShare\",\"term\":{\"coefficient\":2.0,\"reference\":0.0,\"minValue\":0,\"maxValue\":1}}";

    @Test
    void sqrtCredibilityBlendsTowardTheClassRate() {
        CompiledPlan plan = compile(simple(NIGHT, ",\"telematics\":{\"credibility\":{\"method\":\"SQRT_KM\",\"fullCredibilityKm\":10000}}", ""));
        // T = exp(2 × 0.5) = e; km 2500 → Z = sqrt(0.25) = 0.5; adjustment 1 + 0.5 (e − 1)
        Quote q = plan.quote(input(40, Map.of("nightShare", 0.5, "distanceKm", 2500.0)));
        double expected = 1 + 0.5 * (Math.E - 1);
        assertEquals(0.5, q.credibility(), 1e-15);
        assertEquals(expected, q.telematicsAdjustment(), 1e-12);
        assertEquals(BigDecimal.valueOf(Math.round(100 * expected * 100), 2), q.totalPremium());
        // at and beyond full credibility Z = 1
        assertEquals(1.0, plan.quote(input(40, Map.of("nightShare", 0.5, "distanceKm", 40000.0))).credibility());
        assertEquals(0.0, plan.quote(input(40, Map.of("nightShare", 0.5, "distanceKm", 0.0))).credibility());
    }

    @Test
    void buhlmannCredibilityIsNOverNPlusK() {
        CompiledPlan plan = compile(simple(NIGHT, ",\"telematics\":{\"credibility\":{\"method\":\"BUHLMANN_DAYS\",\"k\":60}}", ""));
        Quote q = plan.quote(input(40, Map.of("nightShare", 0.5, "drivingDays", 180.0)));
        assertEquals(0.75, q.credibility(), 1e-15);
    }

    @Test
    void adjustmentIsCappedAndFlooredAndExplained() {
        String rules = ",\"telematics\":{\"credibility\":{\"method\":\"FULL\"},\"minAdjustment\":0.8,\"maxAdjustment\":1.3}";
        CompiledPlan plan = compile(simple(",{\"variable\":\"nightShare\",\"term\":{\"coefficient\":2.0,\"reference\":0.2,\"minValue\":0,\"maxValue\":1}}", rules, ""));
        Quote high = plan.quote(input(40, Map.of("nightShare", 0.9)));
        assertEquals(Quote.Limit.CAP, high.limit());
        assertEquals(new BigDecimal("130.00"), high.totalPremium());
        assertTrue(high.lines().stream().anyMatch(l -> l.step() == QuoteLine.Step.CAP && l.bandOrTerm().contains("capped at 1.3")));
        Quote low = plan.quote(input(40, Map.of("nightShare", 0.0)));
        assertEquals(Quote.Limit.FLOOR, low.limit());
        assertEquals(new BigDecimal("80.00"), low.totalPremium());
        Quote mid = plan.quote(input(40, Map.of("nightShare", 0.2)));
        assertEquals(Quote.Limit.NONE, mid.limit());
        assertEquals(new BigDecimal("100.00"), mid.totalPremium());
    }

    @Test
    void renewalCapsLimitTheChangeFromThePriorAdjustment() {
        String rules = ",\"telematics\":{\"credibility\":{\"method\":\"FULL\"},\"maxRenewalIncrease\":0.10,\"maxRenewalDecrease\":0.05}";
        CompiledPlan plan = compile(simple(",{\"variable\":\"nightShare\",\"term\":{\"coefficient\":2.0,\"reference\":0.2,\"minValue\":0,\"maxValue\":1}}", rules, ""));
        RatingInput worse = input(40, Map.of("nightShare", 0.6)).toBuilder().priorAdjustment(1.0).build();
        Quote q = plan.quote(worse);
        assertEquals(Quote.Limit.RENEWAL_CAP, q.limit());
        assertEquals(1.1, q.telematicsAdjustment(), 1e-12);
        assertEquals(new BigDecimal("110.00"), q.totalPremium());
        RatingInput better = input(40, Map.of("nightShare", 0.0)).toBuilder().priorAdjustment(1.2).build();
        Quote b = plan.quote(better);
        assertEquals(Quote.Limit.RENEWAL_FLOOR, b.limit());
        assertEquals(new BigDecimal("114.00"), b.totalPremium());
    }

    @Test
    void roundsHalfUpToTheCentAndTaxesInDecimal() {
        // 10.05 a year × 0.5 = 5.025 → 5.03 (half-up); tax 12.5% of 5.03 = 0.62875 → 0.63
        CompiledPlan plan = compile("""
            {"planId":"r","version":1,"productLine":"motor","jurisdiction":"GB","currency":"GBP","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":10.05},"factors":[{"variable":"territory","levels":{"x":0.5}}],
             "taxes":[{"name":"tax","ratePercent":12.5}]}""");
        Quote q = plan.quote(RatingInput.fromProfile("p", Map.of("periodDays", 365, "territory", "x"), null));
        assertEquals(new BigDecimal("5.03"), q.netPremium());
        assertEquals(new BigDecimal("0.63"), q.taxes());
        assertEquals(new BigDecimal("5.66"), q.totalPremium());
        assertEquals(2, q.totalPremium().scale());
    }

    @Test
    void currencyWithoutMinorUnitsRoundsToWholeYen() {
        CompiledPlan plan = compile("""
            {"planId":"y","version":1,"productLine":"motor","jurisdiction":"JP","currency":"JPY","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":45001},"factors":[{"variable":"territory","levels":{"x":0.5}}]}""");
        assertEquals(new BigDecimal("22501"), plan.quote(RatingInput.fromProfile("p", Map.of("periodDays", 365, "territory", "x"), null)).totalPremium());
    }

    @Test
    void explanationEffectsAddUpExactlyToTheTotal() {
        CompiledPlan plan = CompiledPlan.compile(PlanDocumentReader.readResource("/plans/motor-payd-gb.json"), VALIDATOR);
        for (RatingPlan.TestCase t : plan.plan().tests()) {
            Quote q = plan.quote(RatingInput.fromProfile("p", t.profile(), t.priorAdjustment()));
            BigDecimal sum = q.lines().stream().map(QuoteLine::effect).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(q.totalPremium(), sum, q.explain());
            assertTrue(q.lines().size() >= 8, q.explain());
        }
    }

    @Test
    void sameInputAndPlanVersionGiveTheSamePremiumToTheCent() {
        RatingPlan doc = PlanDocumentReader.readResource("/plans/motor-payd-gb.json");
        CompiledPlan a = CompiledPlan.compile(doc, VALIDATOR);
        CompiledPlan b = CompiledPlan.compile(PlanDocumentReader.readResource("/plans/motor-payd-gb.json"), VALIDATOR);
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            RatingInput in = RatingInput.fromProfile("p" + i, Map.ofEntries(
                    Map.entry("periodDays", 30.0 + rnd.nextInt(336)), Map.entry("driverAge", 17.5 + rnd.nextInt(70)),
                    Map.entry("vehicleGroup", 1.0 + rnd.nextInt(50)), Map.entry("territory", "urban"),
                    Map.entry("noClaimsYears", (double) rnd.nextInt(10)), Map.entry("distanceKm", rnd.nextDouble() * 20000),
                    Map.entry("nightShare", rnd.nextDouble() * 0.3), Map.entry("urbanShare", rnd.nextDouble()),
                    Map.entry("speedingShare", rnd.nextDouble() * 0.1), Map.entry("harshEventsPer100Km", rnd.nextDouble() * 5)), null);
            Quote qa = a.quote(in);
            assertEquals(qa.totalPremium(), b.quote(in).totalPremium());
            CompiledPlan.Outcome o = new CompiledPlan.Outcome();
            assertEquals(qa.totalPremium().unscaledValue().longValueExact(), a.rateTotalMinor(in, o), "batch path agrees with quote path");
        }
    }

    @Test
    void minimumPremiumAppliesAndIsExplained() {
        CompiledPlan plan = compile(simple("", "", ",\"minimumPremium\":50"));
        Quote q = plan.quote(input(40, Map.of("periodDays", 30.0)));
        assertTrue(q.minimumPremiumApplied());
        assertEquals(new BigDecimal("50.00"), q.totalPremium());
    }

    /**
     * The example plan's coefficients are ILLUSTRATIVE (see its notes): no published table could be read. They are
     * restated here by hand, not read from the plan, so the engine is checked against an independent evaluation of
     * log λ = β0 + β1 ln(km) + β2 night + β3 urban + β4 speeding (shares as fractions 0–1, km per year).
     */
    private static final double B0 = -5.6, B_LOG_KM = 0.32, B_NIGHT = 1.10, B_URBAN = 0.90, B_SPEEDING = 1.60;

    private static double modelFrequency(double km, double night, double urban, double speeding) {
        return Math.exp(B0 + B_LOG_KM * Math.log(km) + B_NIGHT * night + B_URBAN * urban + B_SPEEDING * speeding);
    }

    private static RatingInput drivingProfile(double km, double night, double urban, double speeding) {
        return RatingInput.builder("d").set(Variable.PERIOD_DAYS, 365).set(Variable.ANNUAL_KM, km)
                .set(Variable.DISTANCE_KM, km).set(Variable.CAPPED_DISTANCE_KM, km).set(Variable.NIGHT_SHARE, night)
                .set(Variable.URBAN_SHARE, urban).set(Variable.SPEEDING_SHARE, speeding).build();
    }

    @Test
    void expectedClaimFrequencyEqualsTheModelFormulaForSeveralDrivers() {
        CompiledPlan plan = CompiledPlan.compile(PlanDocumentReader.readResource("/plans/frequency-agn2019-es.json"), VALIDATOR);
        double[][] drivers = {        // km/year, night, urban, speeding
                {14250, 0.07, 0.62, 0.031},
                {100, 0, 0, 0},       // the plan's lower km bound, all shares at their reference
                {2500, 0.30, 0.95, 0.00},
                {42000, 0.01, 0.10, 0.12},
                {8000, 1, 1, 1}};     // shares at their upper bound
        for (double[] d : drivers) {
            double formula = modelFrequency(d[0], d[1], d[2], d[3]);
            RatingInput in = drivingProfile(d[0], d[1], d[2], d[3]);
            assertEquals(formula, plan.expectedClaimFrequency(in), formula * 1e-9, Arrays.toString(d));
            assertEquals(formula, plan.quote(in).expectedClaimFrequency(), formula * 1e-9, Arrays.toString(d));
        }
    }

    @Test
    void outsideThePlansRangeTheFrequencyIsClampedNotExtrapolated() {
        CompiledPlan plan = CompiledPlan.compile(PlanDocumentReader.readResource("/plans/frequency-agn2019-es.json"), VALIDATOR);
        double atBound = modelFrequency(100, 0.2, 0.5, 0.05);
        assertEquals(atBound, plan.expectedClaimFrequency(drivingProfile(40, 0.2, 0.5, 0.05)), atBound * 1e-9,
                "annualKm below minValue 100 is rated as 100 km");
        assertTrue(modelFrequency(40, 0.2, 0.5, 0.05) < atBound, "the raw formula would have extrapolated below it");
    }

    @Test
    void quoteJsonCarriesMoneyAsDecimalStringsAndEveryLine() throws Exception {
        CompiledPlan plan = CompiledPlan.compile(PlanDocumentReader.readResource("/plans/motor-payd-gb.json"), VALIDATOR);
        RatingPlan.TestCase t = plan.plan().tests().get(1);
        Quote q = plan.quote(RatingInput.fromProfile("p", t.profile(), t.priorAdjustment()));
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(QuoteJson.toJson(q));
        assertEquals("599.88", j.get("totalPremium").textValue());
        assertEquals(1, j.get("planVersion").intValue());
        assertEquals(q.lines().size(), j.get("lines").size());
        assertEquals("CAP", j.get("telematics").get("limit").textValue());
        assertTrue(j.get("expectedClaimFrequency") == null, "no frequency model in this plan: field omitted, never NaN");
    }

    @Test
    void numericLookingCategoryLevelsMatchWhenWrittenAsNumbers() {
        CompiledPlan plan = compile("""
            {"planId":"z","version":1,"productLine":"motor","jurisdiction":"GB","currency":"GBP","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":100},"factors":[{"variable":"territory","levels":{"1":0.9,"2":1.1}}]}""");
        assertEquals(new BigDecimal("110.00"), plan.quote(RatingInput.fromProfile("p", Map.of("periodDays", 365, "territory", 2.0), null)).totalPremium());
    }
}
