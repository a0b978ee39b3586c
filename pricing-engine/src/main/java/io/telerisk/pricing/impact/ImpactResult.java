package io.telerisk.pricing.impact;

import java.util.List;
import java.util.Objects;

/**
 * An impact analysis with its per-policy results, in portfolio order.
 *
 * @param report   the totals, distribution and failures
 * @param policies one entry per policy of the portfolio
 */
public record ImpactResult(ImpactReport report, List<PolicyImpact> policies) {
    public ImpactResult {
        Objects.requireNonNull(report, "report");
        policies = List.copyOf(policies);
    }
}
