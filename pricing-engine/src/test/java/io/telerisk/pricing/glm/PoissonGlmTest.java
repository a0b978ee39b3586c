package io.telerisk.pricing.glm;

import io.telerisk.pricing.plan.Jurisdiction;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.ProhibitedVariables;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.plan.Variable;
import io.telerisk.pricing.rating.CompiledPlan;
import io.telerisk.pricing.rating.RatingInput;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoissonGlmTest {
    private static DataTable table(Map<String, double[]> cols, Map<String, String[]> text) {
        Map<String, String[]> m = new LinkedHashMap<>();
        cols.forEach((k, v) -> {
            String[] s = new String[v.length];
            for (int i = 0; i < v.length; i++) s[i] = Double.toString(v[i]);
            m.put(k, s);
        });
        m.putAll(text);
        return new DataTable(m);
    }

    @Test
    void twoGroupModelMatchesClosedFormEstimatesStandardErrorsAndDeviance() {
        // group A: claims 3,5,2 on exposures 1,2,1.5; group B: 7,4 on 1,0.5
        double[] y = {3, 5, 2, 7, 4};
        double[] e = {1, 2, 1.5, 1, 0.5};
        String[] g = {"A", "A", "A", "B", "B"};
        GlmFit fit = PoissonGlm.fit(Design.build(table(Map.of("y", y, "exposure", e), Map.of("g", g)),
                Formula.parse("y ~ factor(g)"), Formula.parseExpression("log(exposure)")));
        double yA = 10, eA = 4.5, yB = 11, eB = 1.5;
        double b0 = Math.log(yA / eA), b1 = Math.log(yB / eB) - b0;
        assertEquals(b0, fit.coefficient("(Intercept)"), 1e-9);
        assertEquals(b1, fit.coefficient("factor(g)B"), 1e-9);
        assertEquals(Math.sqrt(1 / yA), fit.standardError("(Intercept)"), 1e-6);
        assertEquals(Math.sqrt(1 / yA + 1 / yB), fit.standardError("factor(g)B"), 1e-6);
        double dev = 0;
        for (int i = 0; i < 5; i++) {
            double mu = e[i] * (g[i].equals("A") ? yA / eA : yB / eB);
            dev += 2 * (y[i] * Math.log(y[i] / mu) - (y[i] - mu));
        }
        assertEquals(dev, fit.deviance(), 1e-9);
        assertEquals(3, fit.dfResidual());
        assertEquals(4, fit.dfNull());
        double mu0 = 21 / 6.0, nullDev = 0;
        for (int i = 0; i < 5; i++) nullDev += 2 * (y[i] * Math.log(y[i] / (e[i] * mu0)) - (y[i] - e[i] * mu0));
        assertEquals(nullDev, fit.nullDeviance(), 1e-9);
        assertTrue(fit.converged());
        assertTrue(fit.summary().contains("Residual deviance"), fit.summary());
    }

    @Test
    void interceptOnlyModelIsLogOfClaimsOverExposureWithZeroCounts() {
        double[] y = {0, 0, 1, 0, 2, 0};
        double[] e = {0.5, 1, 1, 0.25, 1, 0.75};
        GlmFit fit = PoissonGlm.fit(Design.build(table(Map.of("y", y, "e", e), Map.of()), Formula.parse("y ~ 1"), Formula.parseExpression("log(e)")));
        assertEquals(Math.log(3 / 4.5), fit.coefficient("(Intercept)"), 1e-9);
        // like R, the standard error uses the weights of the last IRLS step (one step before the final mu), so it
        // matches the closed form 1/sqrt(Σy) to about 1e-5 relative, not to machine precision
        assertEquals(Math.sqrt(1 / 3.0), fit.standardError("(Intercept)"), 1e-4);
        assertEquals(fit.nullDeviance(), fit.deviance(), 1e-9);
    }

    /** Seeded simulation: the fit recovers the coefficients that generated the claims, within 4 standard errors. */
    @Test
    void recoversKnownCoefficientsFromSimulatedPortfolio() {
        int n = 40_000;
        Random rnd = new Random(20260101);
        double[] y = new double[n], exposure = new double[n], km = new double[n], night = new double[n], age = new double[n];
        String[] territory = new String[n];
        double b0 = -2.2, bKm = 0.45, bNight = 1.8;
        Map<String, Double> terr = Map.of("rural", 0.0, "suburban", 0.15, "urban", 0.35);
        double bYoung = 0.6, bOld = 0.2; // bands (-Inf,25] reference? no: reference is (-Inf,25]; see below
        String[] names = {"rural", "suburban", "urban"};
        for (int i = 0; i < n; i++) {
            exposure[i] = 0.25 + 0.75 * rnd.nextDouble();
            km[i] = Math.exp(Math.log(10000) + 0.5 * rnd.nextGaussian());
            night[i] = 0.4 * rnd.nextDouble();
            age[i] = 18 + rnd.nextInt(62);
            territory[i] = names[rnd.nextInt(3)];
            double ageEffect = age[i] <= 25 ? 0 : age[i] <= 60 ? -bYoung : -bYoung + bOld;
            double eta = b0 + bKm * Math.log(km[i] / 10000) + bNight * night[i] + terr.get(territory[i]) + ageEffect + Math.log(exposure[i]);
            y[i] = poisson(rnd, Math.exp(eta));
        }
        double[] logKmRel = new double[n];
        for (int i = 0; i < n; i++) logKmRel[i] = km[i] / 10000;
        GlmFit fit = PoissonGlm.fit(Design.build(table(Map.of("claims", y, "exposure", exposure, "kmRel", logKmRel,
                        "nightShare", night, "driverAge", age), Map.of("territory", territory)),
                Formula.parse("claims ~ log(kmRel) + nightShare + factor(territory) + band(driverAge, 25, 60)"),
                Formula.parseExpression("log(exposure)")));
        assertNear(fit, "(Intercept)", b0);
        assertNear(fit, "log(kmRel)", bKm);
        assertNear(fit, "nightShare", bNight);
        assertNear(fit, "factor(territory)suburban", 0.15);
        assertNear(fit, "factor(territory)urban", 0.35);
        assertNear(fit, "band(driverAge, 25, 60)(25,60]", -bYoung);
        assertNear(fit, "band(driverAge, 25, 60)(60,Inf]", -bYoung + bOld);
        // deviance of a correct Poisson model is close to its residual degrees of freedom (for mean counts not too small)
        assertTrue(fit.deviance() < fit.nullDeviance());
    }

    private static void assertNear(GlmFit fit, String name, double truth) {
        double est = fit.coefficient(name), se = fit.standardError(name);
        assertTrue(Math.abs(est - truth) < 4 * se, name + ": estimate " + est + " vs truth " + truth + " (se " + se + ")");
        assertTrue(se < 0.25, name + " se " + se);
    }

    static int poisson(Random rnd, double lambda) {
        double l = Math.exp(-lambda), p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Test
    void exportedPlanReproducesTheModelsFrequency() {
        int n = 5000;
        Random rnd = new Random(3);
        double[] y = new double[n], e = new double[n], km = new double[n], night = new double[n];
        String[] terr = new String[n];
        for (int i = 0; i < n; i++) {
            e[i] = 0.5 + rnd.nextDouble() / 2;
            km[i] = 2000 + rnd.nextDouble() * 20000;
            night[i] = rnd.nextDouble() * 0.3;
            terr[i] = rnd.nextBoolean() ? "urban" : "rural";
            y[i] = poisson(rnd, e[i] * Math.exp(-3 + 0.3 * Math.log(km[i] / 1000) + night[i] + (terr[i].equals("urban") ? 0.3 : 0)));
        }
        GlmFit fit = PoissonGlm.fit(Design.build(table(Map.of("claims", y, "exposure", e, "annualKm", km, "nightShare", night), Map.of("territory", terr)),
                Formula.parse("claims ~ log(annualKm) + nightShare + factor(territory)"), Formula.parseExpression("log(exposure)")));
        RatingPlan plan = GlmPlanExporter.export(fit, new GlmPlanExporter.Target(new PlanKey("glm", 1), "motor", Jurisdiction.parse("GB"),
                "GBP", LocalDate.of(2026, 1, 1), new BigDecimal("3000"), "fitter"));
        CompiledPlan compiled = CompiledPlan.compile(plan, new PlanValidator(ProhibitedVariables.defaults()));
        RatingInput in = RatingInput.builder("x").set(Variable.PERIOD_DAYS, 365).set(Variable.ANNUAL_KM, 12345)
                .set(Variable.NIGHT_SHARE, 0.12).set(Variable.TERRITORY, "urban").set(Variable.DISTANCE_KM, 12345).build();
        double glm = Math.exp(fit.coefficient("(Intercept)") + fit.coefficient("log(annualKm)") * Math.log(12345)
                + fit.coefficient("nightShare") * 0.12 + fit.coefficient("factor(territory)urban"));
        assertEquals(glm, compiled.expectedClaimFrequency(in), glm * 1e-12);
    }

    @Test
    void collinearColumnsGiveAClearError() {
        double[] y = {1, 2, 0, 3, 1, 2};
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {2, 4, 6, 8, 10, 12};
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () ->
                PoissonGlm.fit(Design.build(table(Map.of("y", y, "a", a, "b", b), Map.of()), Formula.parse("y ~ a + b"), null)));
        assertTrue(ex.getMessage().contains("collinear"), ex.getMessage());
    }

    @Test
    void formulaErrorsAreClear() {
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("y x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Formula.parse("y ~ sqrt(x)")).getMessage().contains("unknown function"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Formula.parse("y ~ band(x, 5, 2)")).getMessage().contains("increase"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Formula.parse("y ~ log(x")).getMessage().contains("unbalanced"));
        Formula f = Formula.parse("y ~ x + log(k) - 1");
        assertEquals(2, f.terms().size());
        assertTrue(!f.intercept());
    }

    @Test
    void bandsAreClosedOnTheRightLikeRsCut() {
        double[] y = {1, 0, 2, 1, 0, 3, 1, 2};
        double[] x = {10, 25, 25.5, 40, 40.1, 60, 61, 80};
        Design d = Design.build(table(Map.of("y", y, "x", x), Map.of()), Formula.parse("y ~ band(x, 25, 40, 60)"), null);
        assertEquals(java.util.List.of("(Intercept)", "band(x, 25, 40, 60)(25,40]", "band(x, 25, 40, 60)(40,60]", "band(x, 25, 40, 60)(60,Inf]"), d.names());
        // x = 25 is in the reference band (-Inf,25]; 40 in (25,40]; 60 in (40,60]
        assertEquals(0, d.x[1 * 4 + 1]);
        assertEquals(1, d.x[3 * 4 + 1]);
        assertEquals(1, d.x[5 * 4 + 2]);
        assertEquals(1, d.x[6 * 4 + 3]);
    }
}
