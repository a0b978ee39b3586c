package io.telerisk.pricing.catalog;

import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.rating.CompiledPlan;
import io.telerisk.pricing.rating.Quote;
import io.telerisk.pricing.rating.RatingException;
import io.telerisk.pricing.rating.RatingInput;

import java.util.ArrayList;
import java.util.List;

/** Runs a plan's own test cases: each profile must price to its expected total premium exactly (to the cent). */
public final class PlanTestRunner {
    private PlanTestRunner() {}

    public static List<PlanTestResult> run(CompiledPlan plan) {
        List<PlanTestResult> out = new ArrayList<>();
        for (RatingPlan.TestCase t : plan.plan().tests()) {
            try {
                RatingInput in = RatingInput.fromProfile("test:" + t.name(), t.profile(), t.priorAdjustment());
                Quote q = plan.quote(in);
                boolean ok = q.totalPremium().compareTo(t.expectedPremium()) == 0;
                out.add(new PlanTestResult(t.name(), t.expectedPremium(), q.totalPremium(), ok, null));
            } catch (RatingException e) {
                out.add(new PlanTestResult(t.name(), t.expectedPremium(), null, false, e.getMessage()));
            }
        }
        return out;
    }
}
