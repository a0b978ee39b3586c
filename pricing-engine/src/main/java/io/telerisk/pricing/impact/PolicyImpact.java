package io.telerisk.pricing.impact;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One policy of an impact analysis: its total premium under the active plan and under the draft, or why it could
 * not be rated.
 *
 * @param policyId        policy
 * @param activePremium   total premium under the active plan, {@code null} when not rated
 * @param draftPremium    total premium under the draft, {@code null} when not rated
 * @param changePercent   (draft − active) / active × 100; 0 when the active premium is 0; NaN when not rated
 * @param draftMinimum    whether the draft's minimum premium applied
 * @param activeMinimum   whether the active plan's minimum premium applied
 * @param failure         why the policy could not be rated, {@code null} when it was
 */
public record PolicyImpact(String policyId, BigDecimal activePremium, BigDecimal draftPremium, double changePercent,
                           boolean draftMinimum, boolean activeMinimum, String failure) {
    public PolicyImpact {
        Objects.requireNonNull(policyId, "policyId");
        if ((failure == null) == (activePremium == null || draftPremium == null)) {
            throw new IllegalArgumentException("a policy impact has both premiums or a failure, not both: " + policyId);
        }
    }

    static PolicyImpact failed(String policyId, String failure) {
        return new PolicyImpact(policyId, null, null, Double.NaN, false, false, failure);
    }

    /** Whether both plans rated the policy. */
    public boolean rated() {
        return failure == null;
    }
}
