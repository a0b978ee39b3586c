package io.telerisk.pricing.catalog;

import io.telerisk.pricing.plan.PlanDocumentException;
import io.telerisk.pricing.plan.PlanProblem;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.plan.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies a jurisdiction deviation to its (already effective) base plan. The deviation overrides what it states:
 * scalars and whole sections replace the base's; exposure fields merge one by one; factors replace the base's
 * factor on the same variable in place, new ones are appended, {@code removeFactors} drops base factors.
 * Test cases are the deviation's own (the base's expected premiums do not hold under a deviation).
 */
public final class DeviationResolver {
    private DeviationResolver() {}

    public static RatingPlan resolve(RatingPlan dev, RatingPlan base) {
        List<PlanProblem> problems = new ArrayList<>();
        List<RatingPlan.Factor> factors = new ArrayList<>(base.factors() == null ? List.of() : base.factors());
        for (String removed : dev.deviation().removeFactors()) {
            boolean gone = factors.removeIf(f -> same(f.variable(), removed));
            if (!gone) problems.add(new PlanProblem("$.deviation.removeFactors", "base plan " + base.key() + " has no factor on '" + removed + "'"));
        }
        if (dev.factors() != null) {
            for (RatingPlan.Factor f : dev.factors()) {
                int at = -1;
                for (int i = 0; i < factors.size(); i++) if (same(factors.get(i).variable(), f.variable())) at = i;
                if (at >= 0) factors.set(at, f);
                else factors.add(f);
            }
        }
        if (!problems.isEmpty()) throw new PlanDocumentException("deviation " + dev.key(), problems);
        RatingPlan.Exposure be = base.exposure(), de = dev.exposure();
        RatingPlan.Exposure exposure = de == null ? be : be == null ? de : new RatingPlan.Exposure(
                or(de.annualRate(), be.annualRate()), or(de.fixedMonthly(), be.fixedMonthly()),
                or(de.perKmRate(), be.perKmRate()), or(de.dailyKmCap(), be.dailyKmCap()));
        return new RatingPlan(dev.key(), or(dev.name(), base.name()), or(dev.productLine(), base.productLine()),
                or(dev.jurisdiction(), base.jurisdiction()), or(dev.currency(), base.currency()),
                or(dev.effectiveFrom(), base.effectiveFrom()), or(dev.author(), base.author()), exposure, factors,
                or(dev.telematics(), base.telematics()), or(dev.wellness(), base.wellness()),
                or(dev.minimumPremium(), base.minimumPremium()), or(dev.fees(), base.fees()),
                or(dev.taxes(), base.taxes()), or(dev.claimFrequency(), base.claimFrequency()), dev.tests(), null,
                "deviation of " + base.key() + (dev.notes() == null ? "" : ": " + dev.notes()));
    }

    private static boolean same(String a, String b) {
        Optional<Variable> va = Variable.byId(a), vb = Variable.byId(b);
        if (va.isPresent() && vb.isPresent()) return va.get() == vb.get();
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    private static <T> T or(T a, T b) { return a != null ? a : b; }
}
