package io.telerisk.pricing.quoting;

import io.telerisk.model.DeviceType;
import io.telerisk.model.summary.DailyUsage;
import io.telerisk.pricing.catalog.PlanService;
import io.telerisk.pricing.catalog.StoredPlan;
import io.telerisk.pricing.plan.Variable;
import io.telerisk.pricing.rating.CompiledPlan;
import io.telerisk.pricing.rating.Quote;
import io.telerisk.pricing.rating.QuoteLog;
import io.telerisk.pricing.rating.RatingException;
import io.telerisk.pricing.rating.RatingInput;
import io.telerisk.pricing.rating.TelematicsScorer;
import io.telerisk.pricing.rating.UsageFeatures;
import io.telerisk.pricing.rating.UsageHistory;
import io.telerisk.pricing.rating.WearableHistory;

import java.util.List;
import java.util.Map;
import java.util.Objects;


/**
 * Quotes a policy period: selects the plan in force, reads the period's summaries through the ports, derives the
 * variables, rates, and logs the quote with its plan version. This is the service the hub's REST layer calls.
 * A plan with wellness tiers or factors prices wearables only, any other plan vehicles only
 * ({@link WrongDeviceException} otherwise).
 */
public final class QuoteService {
    /** Days worn for less than this many minutes do not count toward wellness averages. */
    public static final int MIN_WORN_MINUTES_PER_DAY = 600;

    private final PlanService plans;
    private final UsageHistory usage;
    private final WearableHistory wearables;
    private final TelematicsScorer scorer;
    private final QuoteLog log;

    /** @param scorer may be {@code null}: plans rating on telematicsScore then fail with a clear message */
    public QuoteService(PlanService plans, UsageHistory usage, WearableHistory wearables, TelematicsScorer scorer, QuoteLog log) {
        this.plans = Objects.requireNonNull(plans);
        this.usage = Objects.requireNonNull(usage);
        this.wearables = Objects.requireNonNull(wearables);
        this.scorer = scorer;
        this.log = Objects.requireNonNull(log);
    }

    public Quote quote(QuoteRequest r) {
        StoredPlan stored = plans.select(r.productLine(), r.jurisdiction(), r.currency(), r.from()).orElseThrow(() ->
                new NoPlanException("no plan in force for " + r.productLine() + " in " + r.jurisdiction() + " (" + r.currency() + ") on " + r.from()));
        CompiledPlan plan = plans.compiled(stored.key());
        DeviceType prices = plan.needsWellness() ? DeviceType.WEARABLE : DeviceType.VEHICLE;
        if (r.deviceType() != prices) {
            throw new WrongDeviceException("plan " + plan.key() + " for " + r.productLine() + " prices " + noun(prices) + "s, but "
                    + r.deviceId() + " is a " + noun(r.deviceType()) + "; quote it under a " + (prices == DeviceType.WEARABLE ? "motor" : "wellness")
                    + " product line instead");
        }
        RatingInput.Builder b = RatingInput.builder(r.policyId());
        for (Map.Entry<String, String> e : r.declared().entrySet()) {
            Variable v = Variable.byId(e.getKey()).orElseThrow(() ->
                    new RatingException(RatingException.Reason.BAD_INPUT, "unknown declared variable '" + e.getKey() + "'"));
            if (v.group() != Variable.Group.CLASSIC) {
                throw new RatingException(RatingException.Reason.BAD_INPUT, v.id() + " is derived from usage and cannot be declared");
            }
            b.set(e.getKey(), e.getValue());
        }
        if (r.priorAdjustment() != null) b.priorAdjustment(r.priorAdjustment());
        if (plan.needsWellness()) {
            UsageFeatures.addWellness(b, wearables.between(r.tenant(), r.deviceId(), r.from(), r.toExclusive()),
                    r.from(), r.toExclusive(), MIN_WORN_MINUTES_PER_DAY);
        } else {
            List<DailyUsage> days = usage.between(r.tenant(), r.deviceId(), r.from(), r.toExclusive());
            UsageFeatures.addDriving(b, days, r.from(), r.toExclusive(), plan.dailyKmCap());
            if (plan.usesVariable(Variable.TELEMATICS_SCORE)) {
                if (scorer == null) {
                    throw new RatingException(RatingException.Reason.MISSING_INPUT, "plan " + plan.key() + " rates on telematicsScore but no scorer is configured");
                }
                b.set(Variable.TELEMATICS_SCORE, scorer.score(days, (int) java.time.temporal.ChronoUnit.DAYS.between(r.from(), r.toExclusive())));
            }
        }
        Quote q = plan.quote(b.build());
        if (plan.usesVariable(Variable.TELEMATICS_SCORE)) q = q.withScoreModel(scorer.model());
        log.record(q);
        return q;
    }

    private static String noun(DeviceType t) {
        return t.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The quotes issued for a policy, each with its plan version. */
    public List<Quote> history(String policyId) { return log.forPolicy(policyId); }

}
