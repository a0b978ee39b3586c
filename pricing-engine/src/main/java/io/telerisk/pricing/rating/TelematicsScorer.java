package io.telerisk.pricing.rating;

import io.telerisk.model.summary.DailyUsage;

import java.util.List;

/** Port: a telematics risk score 0-100 (higher is riskier) from a period's usage; only plans that rate on it call it. */
public interface TelematicsScorer {
    /** Score of {@code periodDays} days of usage (days without driving may be absent from the list). */
    double score(List<DailyUsage> usage, int periodDays);

    /** Which model scores (name and creation time, as its card says), recorded in every quote it scored. */
    default String model() {
        return "unnamed telematics scorer";
    }
}
