package io.telerisk.pricing.rating;

import io.telerisk.model.summary.DailyUsage;

import java.util.List;

/** Port: a telematics risk score 0-100 (higher is riskier) from a period's usage; only plans that rate on it call it. */
public interface TelematicsScorer {
    double score(List<DailyUsage> usage);
}
