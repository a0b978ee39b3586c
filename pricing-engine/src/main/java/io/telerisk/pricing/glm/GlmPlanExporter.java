package io.telerisk.pricing.glm;

import io.telerisk.pricing.plan.Jurisdiction;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.plan.Variable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a fitted frequency GLM into a DRAFT rating plan: the intercept becomes the plan's claim-frequency intercept
 * and, times the severity, its annual base rate; log(x) and x terms become log-linear terms (reference 1 and 0, so
 * the plan's frequency equals the GLM's); factor and band terms become level and band tables of exp(coefficient)
 * with 1 for the reference. Columns must be named after plan variables. The draft has no test cases: an actuary
 * adds them (and caps, fees, taxes) before it can be approved.
 */
public final class GlmPlanExporter {
    private GlmPlanExporter() {}

    /** What the exported plan is for. Offset must be log(exposure in years) for the base rate to be annual. */
    public record Target(PlanKey key, String productLine, Jurisdiction jurisdiction, String currency, LocalDate effectiveFrom,
                         BigDecimal severity, String author) {}

    public static RatingPlan export(GlmFit fit, Target target) {
        if (!fit.names().contains("(Intercept)")) throw new IllegalArgumentException("export needs a model with an intercept");
        List<String> problems = new ArrayList<>();
        List<RatingPlan.Factor> factors = new ArrayList<>();
        boolean telematics = false;
        for (Design.TermColumns tc : fit.design().terms()) {
            Formula.Term t = tc.term();
            Variable v = Variable.byId(t.column()).orElse(null);
            if (v == null) {
                problems.add("column '" + t.column() + "' is not a plan variable (rename it to one of the documented variables)");
                continue;
            }
            if (v.group() == Variable.Group.TELEMATICS) telematics = true;
            double[] b = fit.coefficients();
            if (t instanceof Formula.Numeric) {
                factors.add(new RatingPlan.Factor(t.label(), v.id(), null, null,
                        new RatingPlan.Term(RatingPlan.Transform.IDENTITY, b[tc.firstColumn()], 0, null, null)));
            } else if (t instanceof Formula.Log) {
                double min = tc.minValue() > 0 ? tc.minValue() : 1e-9;
                factors.add(new RatingPlan.Factor(t.label(), v.id(), null, null,
                        new RatingPlan.Term(RatingPlan.Transform.LOG, b[tc.firstColumn()], 1, min, null)));
            } else if (t instanceof Formula.Factor) {
                if (v.kind() != Variable.Kind.CATEGORICAL) {
                    problems.add("factor(" + t.column() + ") on a numeric plan variable: use band() instead");
                    continue;
                }
                Map<String, Double> levels = new LinkedHashMap<>();
                levels.put(tc.referenceLevel(), 1.0);
                for (int k = 0; k < tc.count(); k++) levels.put(tc.levels().get(k), Math.exp(b[tc.firstColumn() + k]));
                factors.add(new RatingPlan.Factor(t.label(), v.id(), null, levels, null));
            } else if (t instanceof Formula.Band band) {
                double[] br = band.breaks();
                List<RatingPlan.Band> bands = new ArrayList<>();
                for (int j = 0; j <= br.length; j++) {
                    String label = Design.bandLabel(br, j);
                    int k = tc.levels().indexOf(label);
                    // the reference band and bands without data (not estimable) get relativity 1
                    double rel = k >= 0 ? Math.exp(b[tc.firstColumn() + k]) : 1.0;
                    bands.add(new RatingPlan.Band(j == 0 ? null : br[j - 1], j == br.length ? null : br[j], rel));
                }
                factors.add(new RatingPlan.Factor(t.label(), v.id(), bands, null, null));
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException("cannot export the model as a plan:\n  " + String.join("\n  ", problems));
        double b0 = fit.coefficient("(Intercept)");
        BigDecimal annual = target.severity().multiply(BigDecimal.valueOf(Math.exp(b0))).setScale(2, RoundingMode.HALF_UP);
        return new RatingPlan(target.key(), "GLM export " + target.key(), target.productLine(), target.jurisdiction(),
                target.currency(), target.effectiveFrom(), target.author(), new RatingPlan.Exposure(annual, null, null, null),
                factors, telematics ? new RatingPlan.Telematics(new RatingPlan.Credibility(RatingPlan.CredibilityMethod.FULL, null, null), null, null, null, null) : null,
                null, null, null, null, new RatingPlan.ClaimFrequency(b0, "Poisson GLM fitted by pricing-engine (deviance "
                + String.format(java.util.Locale.ROOT, "%.4f on %d df", fit.deviance(), fit.dfResidual()) + ")"),
                List.of(), null, "Draft exported from a GLM fit; add test cases, caps, fees and taxes before approval.");
    }
}
