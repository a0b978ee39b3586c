package io.telerisk.pricing.rating;

import io.telerisk.pricing.plan.PlanKey;

import java.math.BigDecimal;
import java.util.List;

/**
 * A priced policy period with its full explanation. Deterministic: the same input and plan version give the same
 * premium to the cent.
 *
 * @param policyId               policy
 * @param plan                   plan version used
 * @param currency               ISO 4217 code
 * @param periodDays             days rated
 * @param lines                  explanation, effects add up to {@code totalPremium}
 * @param netPremium             premium before fees and taxes (after minimum premium)
 * @param fees                   sum of fees
 * @param taxes                  sum of taxes
 * @param totalPremium           what the policyholder pays
 * @param telematicsRelativity   raw product of telematics relativities (1 without telematics factors)
 * @param credibility            credibility weight Z given to the driver's own data
 * @param telematicsAdjustment   final telematics adjustment after credibility, caps and floors
 * @param limit                  which cap or floor bound the adjustment, if any
 * @param minimumPremiumApplied  whether the minimum premium replaced the rated premium
 * @param wellnessTier           wellness tier reached, {@code null} when none or not a wellness plan
 * @param expectedClaimFrequency expected claims per year from the plan's frequency model, NaN without one
 * @param scoreModel             the telematics score model that scored the period (name and creation time), {@code null}
 *                               when the plan does not rate on telematicsScore
 */
public record Quote(String policyId, PlanKey plan, String currency, double periodDays, List<QuoteLine> lines,
                    BigDecimal netPremium, BigDecimal fees, BigDecimal taxes, BigDecimal totalPremium,
                    double telematicsRelativity, double credibility, double telematicsAdjustment, Limit limit,
                    boolean minimumPremiumApplied, String wellnessTier, double expectedClaimFrequency, String scoreModel) {
    /** The same quote, recording the score model that scored its period. */
    public Quote withScoreModel(String model) {
        return new Quote(policyId, plan, currency, periodDays, lines, netPremium, fees, taxes, totalPremium, telematicsRelativity,
                credibility, telematicsAdjustment, limit, minimumPremiumApplied, wellnessTier, expectedClaimFrequency, model);
    }

    /** Which bound limited the telematics adjustment. */
    public enum Limit { NONE, CAP, FLOOR, RENEWAL_CAP, RENEWAL_FLOOR }

    /** Human-readable explanation table. */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "Quote %s  plan %s  %s  %.0f days%n", policyId, plan, currency, periodDays));
        sb.append(String.format(java.util.Locale.ROOT, "%-16s %-26s %-14s %-34s %10s %12s%n", "step", "variable", "input", "band/term", "relativity", "effect"));
        for (QuoteLine l : lines) {
            sb.append(String.format(java.util.Locale.ROOT, "%-16s %-26s %-14s %-34s %10.4f %12s%n", l.step(), l.variable(), l.input(),
                    l.bandOrTerm(), l.relativity(), l.effect().toPlainString()));
        }
        sb.append(String.format(java.util.Locale.ROOT, "net premium %s, fees %s, taxes %s, TOTAL %s %s%n", netPremium.toPlainString(),
                fees.toPlainString(), taxes.toPlainString(), totalPremium.toPlainString(), currency));
        sb.append(String.format(java.util.Locale.ROOT, "telematics: raw relativity %.4f, credibility Z %.4f, adjustment %.4f (limit %s)%n",
                telematicsRelativity, credibility, telematicsAdjustment, limit));
        if (scoreModel != null) sb.append("telematics score model: ").append(scoreModel).append(System.lineSeparator());
        if (!Double.isNaN(expectedClaimFrequency)) {
            sb.append(String.format(java.util.Locale.ROOT, "expected claim frequency %.6f per year%n", expectedClaimFrequency));
        }
        return sb.toString();
    }
}
