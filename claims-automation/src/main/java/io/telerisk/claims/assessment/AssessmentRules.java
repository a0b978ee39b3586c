package io.telerisk.claims.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * The insurer's assessment configuration.
 *
 * @param injuryRisk             delta-V → P(MAIS3+)
 * @param repairCosts            delta-V → repair-cost band
 * @param earlyClaimWithin       a loss this soon after inception is a signal
 * @param repeatedClaimsWithin   look-back for repeated claims
 * @param repeatedClaimsAtLeast  this many earlier claims on the policy within the look-back is a signal
 * @param maxAutoApproveAmount   straight-through only up to this amount (scale 2)
 * @param minAutoConfidence      straight-through only at or above this confidence
 */
public record AssessmentRules(InjuryRiskCurve injuryRisk, RepairCostBands repairCosts, Duration earlyClaimWithin,
                              Duration repeatedClaimsWithin, int repeatedClaimsAtLeast, BigDecimal maxAutoApproveAmount,
                              double minAutoConfidence) {
    public AssessmentRules {
        Objects.requireNonNull(injuryRisk, "injuryRisk");
        Objects.requireNonNull(repairCosts, "repairCosts");
        if (maxAutoApproveAmount.signum() < 0) throw new IllegalArgumentException("maxAutoApproveAmount must not be negative");
        maxAutoApproveAmount = maxAutoApproveAmount.setScale(2, RoundingMode.HALF_UP);
        if (minAutoConfidence < 0 || minAutoConfidence > 1) throw new IllegalArgumentException("minAutoConfidence must be in 0..1");
        if (repeatedClaimsAtLeast < 1) throw new IllegalArgumentException("repeatedClaimsAtLeast must be at least 1");
    }

    /**
     * The published NHTSA injury-risk curve ({@link InjuryRiskCurve#nhtsa2022AllCrashes()}), illustrative repair bands,
     * 30 days, 2 claims in 365 days, straight-through up to 2,000.00 at confidence 0.9.
     */
    public static AssessmentRules defaults() {
        return new AssessmentRules(InjuryRiskCurve.nhtsa2022AllCrashes(), RepairCostBands.illustrativeEur(), Duration.ofDays(30),
                Duration.ofDays(365), 2, new BigDecimal("2000.00"), 0.9);
    }
}
