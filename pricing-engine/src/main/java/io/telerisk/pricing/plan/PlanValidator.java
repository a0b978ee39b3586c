package io.telerisk.pricing.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Semantic checks on an effective (deviation-resolved) plan: known variables of the right kind, contiguous
 * non-overlapping bands, positive relativities, prohibited variables, sane credibility, caps and money.
 * Returns every problem found; an empty list means the plan can be compiled.
 */
public final class PlanValidator {
    private final ProhibitedVariables prohibited;

    public PlanValidator(ProhibitedVariables prohibited) {
        this.prohibited = prohibited;
    }

    /** All problems in the plan, empty when it is valid. */
    public List<PlanProblem> validate(RatingPlan p) {
        List<PlanProblem> out = new ArrayList<>();
        if (p.jurisdiction() == null) out.add(new PlanProblem("$.jurisdiction", "missing"));
        if (p.productLine() == null || p.productLine().isBlank()) out.add(new PlanProblem("$.productLine", "missing"));
        if (p.effectiveFrom() == null) out.add(new PlanProblem("$.effectiveFrom", "missing"));
        if (p.currency() == null) {
            out.add(new PlanProblem("$.currency", "missing"));
        } else {
            try {
                Currency.getInstance(p.currency());
            } catch (IllegalArgumentException e) {
                out.add(new PlanProblem("$.currency", "not an ISO 4217 currency code: '" + p.currency() + "'"));
            }
        }
        exposure(p, out);
        Set<String> banned = p.jurisdiction() == null ? Set.of() : prohibited.prohibitedIn(p.jurisdiction());
        Set<Variable> seen = new HashSet<>();
        boolean telematics = false;
        List<RatingPlan.Factor> factors = p.factors() == null ? List.of() : p.factors();
        if (p.factors() == null) out.add(new PlanProblem("$.factors", "missing (use [] for a flat plan)"));
        for (int i = 0; i < factors.size(); i++) {
            RatingPlan.Factor f = factors.get(i);
            String path = "$.factors[" + i + "]";
            Variable v = Variable.byId(f.variable()).orElse(null);
            if (v == null) {
                out.add(new PlanProblem(path + ".variable", "unknown variable '" + f.variable() + "'"));
            } else {
                if (!seen.add(v)) out.add(new PlanProblem(path + ".variable", "variable '" + v.id() + "' is rated twice"));
                if (banned.contains(v.id())) {
                    out.add(new PlanProblem(path + ".variable", "variable '" + v.id() + "' is prohibited in " + p.jurisdiction()));
                }
                if (v.group() == Variable.Group.TELEMATICS) telematics = true;
            }
            factor(f, v, path, out);
        }
        if (telematics && p.telematics() == null) {
            out.add(new PlanProblem("$.telematics", "plan has telematics factors but no telematics section (credibility, caps)"));
        }
        if (p.telematics() != null) telematicsRules(p.telematics(), out);
        if (p.wellness() != null) wellness(p.wellness(), out);
        if (p.minimumPremium() != null && p.minimumPremium().signum() < 0) {
            out.add(new PlanProblem("$.minimumPremium", "must not be negative"));
        }
        if (p.fees() != null) {
            for (int i = 0; i < p.fees().size(); i++) {
                RatingPlan.Fee f = p.fees().get(i);
                if (f.amount() != null && f.amount().signum() < 0) out.add(new PlanProblem("$.fees[" + i + "].amount", "must not be negative"));
            }
        }
        if (p.taxes() != null) {
            for (int i = 0; i < p.taxes().size(); i++) {
                BigDecimal r = p.taxes().get(i).ratePercent();
                if (r != null && (r.signum() < 0 || r.compareTo(BigDecimal.valueOf(100)) > 0)) {
                    out.add(new PlanProblem("$.taxes[" + i + "].ratePercent", "must be within 0..100"));
                }
            }
        }
        for (int i = 0; i < p.tests().size(); i++) {
            for (String name : p.tests().get(i).profile().keySet()) {
                if (Variable.byId(name).isEmpty()) {
                    out.add(new PlanProblem("$.tests[" + i + "].profile." + name, "unknown variable '" + name + "'"));
                }
            }
        }
        return out;
    }

    private static void exposure(RatingPlan p, List<PlanProblem> out) {
        RatingPlan.Exposure e = p.exposure();
        if (e == null) {
            out.add(new PlanProblem("$.exposure", "missing"));
            return;
        }
        if (e.annualRate() == null && e.fixedMonthly() == null && e.perKmRate() == null) {
            out.add(new PlanProblem("$.exposure", "needs at least one of annualRate, fixedMonthly, perKmRate"));
        }
        nonNegative(e.annualRate(), "$.exposure.annualRate", out);
        nonNegative(e.fixedMonthly(), "$.exposure.fixedMonthly", out);
        nonNegative(e.perKmRate(), "$.exposure.perKmRate", out);
        if (e.dailyKmCap() != null && !(e.dailyKmCap() > 0)) out.add(new PlanProblem("$.exposure.dailyKmCap", "must be > 0"));
    }

    private static void nonNegative(BigDecimal v, String path, List<PlanProblem> out) {
        if (v != null && v.signum() < 0) out.add(new PlanProblem(path, "must not be negative"));
    }

    private static void factor(RatingPlan.Factor f, Variable v, String path, List<PlanProblem> out) {
        int shapes = (f.bands() != null ? 1 : 0) + (f.levels() != null ? 1 : 0) + (f.term() != null ? 1 : 0);
        if (shapes != 1) {
            out.add(new PlanProblem(path, "needs exactly one of bands, levels, term (found " + shapes + ")"));
            return;
        }
        if (f.levels() != null) {
            if (v != null && v.kind() != Variable.Kind.CATEGORICAL) {
                out.add(new PlanProblem(path + ".levels", "'" + v.id() + "' is numeric: use bands or term"));
            }
            if (f.levels().isEmpty()) out.add(new PlanProblem(path + ".levels", "no levels"));
            for (Map.Entry<String, Double> e : f.levels().entrySet()) {
                relativity(e.getValue(), path + ".levels." + e.getKey(), out);
            }
            return;
        }
        if (v != null && v.kind() != Variable.Kind.NUMERIC) {
            out.add(new PlanProblem(path, "'" + v.id() + "' is categorical: use levels"));
        }
        if (f.term() != null) {
            RatingPlan.Term t = f.term();
            if (!Double.isFinite(t.coefficient())) out.add(new PlanProblem(path + ".term.coefficient", "must be a finite number"));
            if (t.minValue() != null && t.maxValue() != null && t.minValue() > t.maxValue()) {
                out.add(new PlanProblem(path + ".term", "minValue > maxValue"));
            }
            if (t.transform() == RatingPlan.Transform.LOG) {
                if (!(t.reference() > 0)) out.add(new PlanProblem(path + ".term.reference", "LOG term needs reference > 0"));
                if (t.minValue() == null || !(t.minValue() > 0)) {
                    out.add(new PlanProblem(path + ".term.minValue", "LOG term needs minValue > 0 (log(0) is undefined)"));
                }
            }
            return;
        }
        List<RatingPlan.Band> bands = f.bands();
        if (bands.isEmpty()) {
            out.add(new PlanProblem(path + ".bands", "no bands"));
            return;
        }
        for (int b = 0; b < bands.size(); b++) {
            RatingPlan.Band band = bands.get(b);
            String bp = path + ".bands[" + b + "]";
            relativity(band.relativity(), bp + ".relativity", out);
            if (band.over() != null && band.upTo() != null && !(band.over() < band.upTo())) {
                out.add(new PlanProblem(bp, "empty band: over " + band.over() + " is not below upTo " + band.upTo()));
            }
            if (b > 0 && band.over() == null) out.add(new PlanProblem(bp + ".over", "only the first band may be open below"));
            if (b < bands.size() - 1 && band.upTo() == null) {
                out.add(new PlanProblem(bp + ".upTo", "only the last band may be open above"));
            }
            if (b > 0) {
                Double prevUp = bands.get(b - 1).upTo();
                if (prevUp != null && band.over() != null) {
                    if (band.over() < prevUp) {
                        out.add(new PlanProblem(bp, "overlaps previous band: (" + band.over() + ", ...] starts below " + prevUp));
                    } else if (band.over() > prevUp) {
                        out.add(new PlanProblem(bp, "gap: values in (" + prevUp + ", " + band.over() + "] fall in no band"));
                    }
                }
            }
        }
    }

    private static void relativity(double r, String path, List<PlanProblem> out) {
        if (Double.isNaN(r) || Double.isInfinite(r)) out.add(new PlanProblem(path, "relativity must be a finite number"));
        else if (r < 0) out.add(new PlanProblem(path, "negative relativity " + r));
        else if (r == 0) out.add(new PlanProblem(path, "zero relativity would make the premium 0"));
    }

    private static void telematicsRules(RatingPlan.Telematics t, List<PlanProblem> out) {
        if (t.credibility() == null) {
            out.add(new PlanProblem("$.telematics.credibility", "missing (use method FULL for none)"));
        } else {
            RatingPlan.Credibility c = t.credibility();
            switch (c.method()) {
                case SQRT_KM -> {
                    if (c.fullCredibilityKm() == null || !(c.fullCredibilityKm() > 0)) {
                        out.add(new PlanProblem("$.telematics.credibility.fullCredibilityKm", "SQRT_KM needs fullCredibilityKm > 0"));
                    }
                }
                case BUHLMANN_KM, BUHLMANN_DAYS -> {
                    if (c.k() == null || !(c.k() > 0)) out.add(new PlanProblem("$.telematics.credibility.k", c.method() + " needs k > 0"));
                }
                case FULL -> { }
            }
        }
        if (t.minAdjustment() != null && !(t.minAdjustment() > 0)) out.add(new PlanProblem("$.telematics.minAdjustment", "must be > 0"));
        if (t.minAdjustment() != null && t.maxAdjustment() != null && t.minAdjustment() > t.maxAdjustment()) {
            out.add(new PlanProblem("$.telematics", "minAdjustment > maxAdjustment"));
        }
        if (t.minAdjustment() != null && t.minAdjustment() > 1) out.add(new PlanProblem("$.telematics.minAdjustment", "floor above 1 would surcharge every driver"));
        if (t.maxAdjustment() != null && t.maxAdjustment() < 1) out.add(new PlanProblem("$.telematics.maxAdjustment", "cap below 1 would discount every driver"));
        if (t.maxRenewalIncrease() != null && t.maxRenewalIncrease() < 0) out.add(new PlanProblem("$.telematics.maxRenewalIncrease", "must be >= 0"));
        if (t.maxRenewalDecrease() != null && (t.maxRenewalDecrease() < 0 || t.maxRenewalDecrease() >= 1)) {
            out.add(new PlanProblem("$.telematics.maxRenewalDecrease", "must be within [0, 1)"));
        }
    }

    private static void wellness(RatingPlan.Wellness w, List<PlanProblem> out) {
        if (!(w.maxDiscountPercent() >= 0 && w.maxDiscountPercent() < 100)) {
            out.add(new PlanProblem("$.wellness.maxDiscountPercent", "must be within [0, 100)"));
        }
        if (w.minWornDays() < 0) out.add(new PlanProblem("$.wellness.minWornDays", "must be >= 0"));
        for (int i = 0; i < w.tiers().size(); i++) {
            RatingPlan.WellnessTier t = w.tiers().get(i);
            if (!(t.discountPercent() >= 0)) out.add(new PlanProblem("$.wellness.tiers[" + i + "].discountPercent", "must be >= 0"));
            if (t.minAvgDailySteps() == null && t.minAvgActiveMinutes() == null && t.maxRestingHrTrendBpmPer30d() == null) {
                out.add(new PlanProblem("$.wellness.tiers[" + i + "]", "tier has no threshold"));
            }
        }
    }
}
