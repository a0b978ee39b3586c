package io.telerisk.pricing.impact;

import io.telerisk.pricing.plan.PlanKey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What switching from the active plan to a draft would do to the portfolio.
 *
 * @param draft               the draft plan version
 * @param active              the active plan version compared against
 * @param policies            policies in the portfolio
 * @param rated               policies both plans could rate
 * @param failures            policies a plan could not rate, by "plan: reason"
 * @param failureExamples     a few failure messages with their policy ids
 * @param totalActive         sum of total premiums under the active plan (rated policies)
 * @param totalDraft          sum under the draft
 * @param percentiles         percentile (1, 5, 10, 25, 50, 75, 90, 95, 99) → premium change in %
 * @param histogram           premium-change buckets in %, in order
 * @param increased           policies paying more under the draft
 * @param decreased           policies paying less
 * @param unchanged           policies paying the same to the cent
 * @param draftCapped         draft quotes whose telematics adjustment hit the cap (incl. renewal cap)
 * @param draftFloored        draft quotes whose adjustment hit the floor (incl. renewal floor)
 * @param draftMinimumPremium draft quotes raised to the minimum premium
 * @param activeCapped        same counts under the active plan, for comparison
 * @param activeFloored       same
 * @param activeMinimumPremium same
 */
public record ImpactReport(PlanKey draft, PlanKey active, int policies, int rated, Map<String, Integer> failures,
                           List<String> failureExamples, BigDecimal totalActive, BigDecimal totalDraft,
                           Map<Integer, Double> percentiles, List<Bucket> histogram, int increased, int decreased,
                           int unchanged, int draftCapped, int draftFloored, int draftMinimumPremium, int activeCapped,
                           int activeFloored, int activeMinimumPremium) {

    /** Policies whose change in % fell in (fromPercent, toPercent]. */
    public record Bucket(double fromPercent, double toPercent, int policies) {}

    /** Change of the portfolio's total premium, in %. */
    public BigDecimal totalChangePercent() {
        if (totalActive.signum() == 0) return BigDecimal.ZERO;
        return totalDraft.subtract(totalActive).multiply(BigDecimal.valueOf(100)).divide(totalActive, 2, RoundingMode.HALF_UP);
    }

    /** Plain-text report. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Impact of %s against %s: %d policies, %d rated by both%n", draft, active, policies, rated));
        sb.append(String.format(Locale.ROOT, "total premium: active %s, draft %s (%s%%)%n", totalActive.toPlainString(),
                totalDraft.toPlainString(), totalChangePercent().toPlainString()));
        sb.append(String.format(Locale.ROOT, "increased %d, decreased %d, unchanged %d%n", increased, decreased, unchanged));
        sb.append("premium change percentiles (%):");
        percentiles.forEach((p, v) -> sb.append(String.format(Locale.ROOT, "  p%d %.2f", p, v)));
        sb.append('\n');
        for (Bucket b : histogram) {
            sb.append(String.format(Locale.ROOT, "  (%7s, %7s] %%  %9d%n", fmt(b.fromPercent()), fmt(b.toPercent()), b.policies()));
        }
        sb.append(String.format(Locale.ROOT, "caps/floors: draft capped %d, floored %d, minimum premium %d | active capped %d, floored %d, minimum premium %d%n",
                draftCapped, draftFloored, draftMinimumPremium, activeCapped, activeFloored, activeMinimumPremium));
        if (!failures.isEmpty()) {
            sb.append("not rated: ").append(failures).append('\n');
            failureExamples.forEach(e -> sb.append("  e.g. ").append(e).append('\n'));
        }
        return sb.toString();
    }

    private static String fmt(double d) {
        return Double.isInfinite(d) ? (d > 0 ? "+inf" : "-inf") : String.format(Locale.ROOT, "%.0f", d);
    }
}
