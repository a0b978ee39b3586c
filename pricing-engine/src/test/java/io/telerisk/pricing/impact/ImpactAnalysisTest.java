package io.telerisk.pricing.impact;

import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.ProhibitedVariables;
import io.telerisk.pricing.rating.CompiledPlan;
import io.telerisk.pricing.rating.RatingInput;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImpactAnalysisTest {
    static final PlanValidator V = new PlanValidator(ProhibitedVariables.defaults());

    static CompiledPlan plan(int version, String urban, String tele) {
        return CompiledPlan.compile(PlanDocumentReader.parse("""
            {"planId":"m","version":%d,"productLine":"motor","jurisdiction":"GB","currency":"GBP","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":100},"factors":[{"variable":"territory","levels":{"urban":%s,"rural":1.0}},
               {"variable":"nightShare","term":{"coefficient":%s,"reference":0.1,"minValue":0,"maxValue":1}}],
             "telematics":{"credibility":{"method":"FULL"},"minAdjustment":0.9,"maxAdjustment":1.1}}""".formatted(version, urban, tele)), V);
    }

    static RatingInput policy(String id, String territory, double night) {
        return RatingInput.fromProfile(id, Map.of("periodDays", 365, "territory", territory, "nightShare", night), null);
    }

    @Test
    void reportsTotalsDistributionCapsAndFailures() {
        CompiledPlan active = plan(1, "1.0", "0.0");
        CompiledPlan draft = plan(2, "1.2", "2.0");
        List<RatingInput> ps = new ArrayList<>();
        for (int i = 0; i < 50; i++) ps.add(policy("r" + i, "rural", 0.1));    // unchanged: 100 → 100
        for (int i = 0; i < 30; i++) ps.add(policy("u" + i, "urban", 0.1));    // +20%: 100 → 120
        for (int i = 0; i < 15; i++) ps.add(policy("n" + i, "rural", 0.5));    // exp(0.8) capped at 1.1: +10%
        for (int i = 0; i < 5; i++) ps.add(policy("z" + i, "rural", 0.0));     // exp(-0.2) = 0.8187 floored at 0.9: −10%
        ps.add(policy("bad", "mars", 0.1));
        ImpactReport r = ImpactAnalysis.run(draft, active, PolicySource.of(ps), 2);
        assertEquals(101, r.policies());
        assertEquals(100, r.rated());
        assertEquals(Map.of("active m@v1: UNKNOWN_LEVEL", 1), r.failures());
        assertEquals(new BigDecimal("10000.00"), r.totalActive());
        assertEquals(new BigDecimal((50 * 100 + 30 * 120 + 15 * 110 + 5 * 90) + ".00"), r.totalDraft());
        assertEquals(15, r.draftCapped());
        assertEquals(5, r.draftFloored());
        assertEquals(0, r.activeCapped());
        assertEquals(50, r.unchanged());
        assertEquals(45, r.increased());
        assertEquals(5, r.decreased());
        assertEquals(0.0, r.percentiles().get(50), 1e-6);
        assertEquals(20.0, r.percentiles().get(90), 1e-4);
        assertEquals(-10.0, r.percentiles().get(1), 1e-4);
        int sum = r.histogram().stream().mapToInt(ImpactReport.Bucket::policies).sum();
        assertEquals(100, sum);
        // +20% lands in (10, 20], +10% in (5, 10], 0 in (-1, 0], −10% in (-20, -10]
        assertEquals(30, bucket(r, 10, 20));
        assertEquals(15, bucket(r, 5, 10));
        assertEquals(50, bucket(r, -1, 0));
        assertEquals(5, bucket(r, -20, -10));
        assertTrue(r.format().contains("draft capped 15"), r.format());
    }

    @Test
    void singleAndMultiThreadedRunsAgree() {
        CompiledPlan active = plan(1, "1.0", "0.0");
        CompiledPlan draft = plan(2, "1.1", "1.5");
        java.util.Random rnd = new java.util.Random(5);
        List<RatingInput> ps = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) ps.add(policy("p" + i, rnd.nextBoolean() ? "urban" : "rural", rnd.nextDouble() * 0.3));
        ImpactReport one = ImpactAnalysis.run(draft, active, PolicySource.of(ps), 1);
        ImpactReport two = ImpactAnalysis.run(draft, active, PolicySource.of(ps), 2);
        assertEquals(one, two);
    }

    private static int bucket(ImpactReport r, double from, double to) {
        return r.histogram().stream().filter(b -> b.fromPercent() == from && b.toPercent() == to).findFirst().orElseThrow().policies();
    }
}
