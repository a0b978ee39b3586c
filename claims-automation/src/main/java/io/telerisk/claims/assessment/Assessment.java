package io.telerisk.claims.assessment;

import java.math.BigDecimal;
import java.util.List;

/**
 * The automatic assessment of a claim, every conclusion with its evidence.
 *
 * @param deltaVKmh        delta-V used (measured, or {@code NaN} when no crash pulse is known)
 * @param mais3PlusRisk    P(MAIS3+) from the injury-risk curve, or {@code NaN}
 * @param severity         severity, or {@code null} when unknown
 * @param repairBand       repair-cost band label
 * @param repairLow        low end of the band
 * @param repairHigh       high end of the band
 * @param estimate         payout the assessment proposes: {@code lossEstimate} capped at the limit, less the deductible,
 *                         scale 2 ({@link Settlement})
 * @param currency         ISO 4217
 * @param liability        liability hint
 * @param confidence       how sure the evidence is, 0..1 (the crash classifier's probability, or the telemetry
 *                         corroboration of a reported loss)
 * @param fraudSignals     fraud signals found
 * @param evidence         one line per conclusion: curve and its source, band, direction, classifier, checks done
 * @param routing          straight-through or to an adjuster
 * @param lossEstimate     gross loss assessed: the repair band's midpoint, at most the amount claimed (or the amount
 *                         claimed when no pulse was measured), or {@code null}
 */
public record Assessment(double deltaVKmh, double mais3PlusRisk, Severity severity, String repairBand, BigDecimal repairLow,
                         BigDecimal repairHigh, BigDecimal estimate, String currency, LiabilityHint liability,
                         double confidence, List<FraudSignal> fraudSignals, List<String> evidence, Routing routing,
                         BigDecimal lossEstimate) {
    public Assessment {
        fraudSignals = List.copyOf(fraudSignals);
        evidence = List.copyOf(evidence);
    }

    /**
     * Where the claim goes.
     *
     * @param straightThrough approved automatically
     * @param priority        adjuster priority when not straight-through, else {@code null}
     * @param reasons         why (each rule that sent it to an adjuster, or that it passed)
     */
    public record Routing(boolean straightThrough, Priority priority, List<String> reasons) {
        public Routing {
            reasons = List.copyOf(reasons);
        }
    }
}
