package io.telerisk.hub.pricing;

import io.telerisk.hub.api.ApiException;
import io.telerisk.hub.summary.SummaryRepository;
import io.telerisk.pricing.catalog.PlanService;
import io.telerisk.pricing.catalog.StoredPlan;
import io.telerisk.pricing.impact.ImpactAnalysis;
import io.telerisk.pricing.impact.ImpactResult;
import io.telerisk.pricing.impact.PolicyImpact;
import io.telerisk.pricing.impact.PolicySource;
import io.telerisk.pricing.plan.PlanDocumentException;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.plan.Variable;
import io.telerisk.pricing.quoting.QuoteService;
import io.telerisk.pricing.rating.CompiledPlan;
import io.telerisk.pricing.rating.RatingException;
import io.telerisk.pricing.rating.RatingInput;
import io.telerisk.pricing.rating.TelematicsScorer;
import io.telerisk.pricing.rating.UsageFeatures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import static io.telerisk.hub.pricing.PricingFields.date;
import static io.telerisk.hub.pricing.PricingFields.id;
import static io.telerisk.hub.pricing.PricingFields.period;
import static io.telerisk.hub.pricing.PricingFields.strings;

/**
 * Impact analysis runs behind {@code /api/v1/pricing/impact}: re-rate one product line's policy book under a draft
 * and the plan in force, for a rating period (the premium period, e.g. the next policy year) separate from the usage
 * window whose summaries give the driving or wellness variables. Each run is kept with its per-policy results
 * (tables {@code pricing_impact_run}, {@code pricing_impact_policy}) so a large book is paged through. Blocks on JDBC.
 */
public final class ImpactRuns {
    /** Most policies one impact analysis re-rates. */
    public static final int MAX_IMPACT_POLICIES = 200_000;
    /** Rating period when none is given: a policy year from the draft's effective date. */
    static final int DEFAULT_RATING_DAYS = 365;

    private final DataSource ds;
    private final SummaryRepository summaries;
    private final JdbcPolicyBook book;
    private final TelematicsScorer scorer;
    private final Function<String, PlanService> plans;
    private final Clock clock;

    ImpactRuns(DataSource ds, SummaryRepository summaries, JdbcPolicyBook book, TelematicsScorer scorer,
               Function<String, PlanService> plans, Clock clock) {
        this.ds = Objects.requireNonNull(ds);
        this.summaries = Objects.requireNonNull(summaries);
        this.book = Objects.requireNonNull(book);
        this.scorer = scorer;
        this.plans = Objects.requireNonNull(plans);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Runs an impact analysis. Body: draft {planId, version}; optional active {planId, version} (default: the plan
     * in force for the draft's product line, jurisdiction and currency on the first day of the rating period);
     * optional ratingFrom/ratingTo (exclusive; default a year from the draft's effectiveFrom): the period each
     * policy's premium is for; optional usageFrom/usageTo: policies with a device get their driving (or wearable)
     * variables from that window's summaries, their km projected to the rating period. Only the policies of the
     * draft's product line are rated. 201 with the run's summary and id; per-policy results through {@link #policies}.
     */
    public PricingReply run(String tenant, String user, JsonObject body) {
        PlanService ps = plans.apply(tenant);
        PlanKey draftKey = keyField(ps, tenant, body, "draft");
        RatingPlan draftDoc = resolve(ps, draftKey);
        if (draftDoc.productLine() == null) throw ApiException.badRequest("draft " + draftKey + " has no productLine: it names no policy book");
        LocalDate ratingFrom = date(body, "ratingFrom", false);
        LocalDate ratingTo = date(body, "ratingTo", false);
        if ((ratingFrom == null) != (ratingTo == null)) throw ApiException.badRequest("give both ratingFrom and ratingTo, or neither");
        if (ratingFrom == null) {
            if (draftDoc.effectiveFrom() == null) throw ApiException.badRequest("draft " + draftKey + " has no effectiveFrom: give ratingFrom and ratingTo");
            ratingFrom = draftDoc.effectiveFrom();
            ratingTo = ratingFrom.plusDays(DEFAULT_RATING_DAYS);
        }
        period(ratingFrom, ratingTo);
        long ratingDays = ChronoUnit.DAYS.between(ratingFrom, ratingTo);
        PlanKey activeKey = activeKey(ps, tenant, body, draftDoc, ratingFrom);
        CompiledPlan draft = compiled(ps, draftKey);
        CompiledPlan active = compiled(ps, activeKey);
        if (!draft.currency().equals(active.currency())) {
            throw ApiException.badRequest("draft is in " + draft.currency() + " but " + activeKey + " in " + active.currency());
        }
        if (draft.needsWellness() != active.needsWellness()) {
            throw ApiException.badRequest("draft " + draftKey + " and " + activeKey + " price different kinds of device (wellness and driving)");
        }
        LocalDate usageFrom = date(body, "usageFrom", false);
        LocalDate usageTo = date(body, "usageTo", false);
        if ((usageFrom == null) != (usageTo == null)) throw ApiException.badRequest("give both usageFrom and usageTo, or neither");
        if (usageFrom != null) period(usageFrom, usageTo);

        String line = draftDoc.productLine();
        long inBook = book.count(tenant, line);
        if (inBook > MAX_IMPACT_POLICIES) {
            throw ApiException.badRequest("the " + line + " book has " + inBook + " policies; an impact run rates at most " + MAX_IMPACT_POLICIES);
        }
        List<JdbcPolicyBook.Policy> policies = book.list(tenant, line, 0, MAX_IMPACT_POLICIES);
        // either plan may rate on the score: it is computed once per policy from the same window, as a quote would
        boolean scoreNeeded = usageFrom != null && scorer != null
                && (draft.usesVariable(Variable.TELEMATICS_SCORE) || active.usesVariable(Variable.TELEMATICS_SCORE));
        List<RatingInput> inputs = new ArrayList<>();
        List<JdbcPolicyBook.Policy> loaded = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        JsonArray notLoaded = new JsonArray();
        for (JdbcPolicyBook.Policy p : policies) {
            try {
                inputs.add(input(tenant, p, draft, ratingDays, usageFrom, usageTo, scoreNeeded));
                loaded.add(p);
            } catch (RatingException | IllegalArgumentException e) {
                notLoaded.add(new JsonObject().put("policyId", p.policyId()).put("reason", e.getMessage()));
                rows.add(new Row(p.policyId(), p.deviceId(), null, null, Double.NaN, "not loaded: " + e.getMessage()));
            } catch (ScoreModelUnavailableException e) {
                throw ApiException.unavailable("cannot run the impact analysis: a plan rates on telematicsScore and the hub's "
                        + "telematics score model cannot be loaded; an operator finds the reason in the hub log (telerisk.pricing.score-model)");
            }
        }
        ImpactResult r = ImpactAnalysis.runWithPolicies(draft, active, PolicySource.of(inputs),
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        for (int i = 0; i < loaded.size(); i++) {
            PolicyImpact pi = r.policies().get(i);
            rows.add(new Row(pi.policyId(), loaded.get(i).deviceId(), pi.activePremium(), pi.draftPremium(), pi.changePercent(), pi.failure()));
        }
        rows.sort(Comparator.comparing(Row::policyId));
        JsonObject summary = PricingJson.impact(r.report()).put("productLine", line)
                .put("ratingFrom", ratingFrom.toString()).put("ratingTo", ratingTo.toString()).put("ratingDays", ratingDays)
                .put("usageFrom", usageFrom == null ? null : usageFrom.toString()).put("usageTo", usageTo == null ? null : usageTo.toString())
                .put("notLoaded", notLoaded).put("runBy", user).put("runAt", clock.instant().toString());
        long runId = store(tenant, user, summary, rows);
        return PricingReply.created(summary.put("runId", runId));
    }

    /** One policy's line of a run. */
    private record Row(String policyId, String deviceId, BigDecimal activePremium, BigDecimal draftPremium, double changePercent,
                       String failure) {
    }

    private RatingInput input(String tenant, JdbcPolicyBook.Policy p, CompiledPlan draft, long ratingDays, LocalDate usageFrom,
                              LocalDate usageTo, boolean scoreNeeded) {
        RatingInput in = RatingInput.fromProfile(p.policyId(), p.ratingInputs(), p.priorAdjustment());
        RatingInput.Builder b = in.toBuilder();
        if (usageFrom != null && p.deviceId() != null) {
            if (draft.needsWellness()) {
                UsageFeatures.addWellness(b, summaries.wearableDays(tenant, p.deviceId(), usageFrom, usageTo), usageFrom, usageTo,
                        QuoteService.MIN_WORN_MINUTES_PER_DAY, ratingDays);
            } else {
                var days = summaries.dailyUsage(tenant, p.deviceId(), usageFrom, usageTo);
                UsageFeatures.addDriving(b, days, usageFrom, usageTo, draft.dailyKmCap(), ratingDays);
                if (scoreNeeded) b.set(Variable.TELEMATICS_SCORE, scorer.score(days, (int) ChronoUnit.DAYS.between(usageFrom, usageTo)));
            }
        } else {
            // the premium is for the rating period whatever period the stored profile was written for
            b.set(Variable.PERIOD_DAYS, ratingDays);
        }
        return b.build();
    }

    private long store(String tenant, String user, JsonObject summary, List<Row> rows) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO pricing_impact_run (tenant, run_by, run_at, summary) "
                        + "VALUES (?, ?, ?, ?)", new String[]{"id"})) {
                    ps.setString(1, tenant);
                    ps.setString(2, user);
                    ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    ps.setString(4, summary.encode());
                    ps.executeUpdate();
                    try (ResultSet k = ps.getGeneratedKeys()) {
                        k.next();
                        id = k.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO pricing_impact_policy (run_id, seq, policy_id, device_id, "
                        + "active_premium, draft_premium, change_percent, failure) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int seq = 0;
                    for (Row r : rows) {
                        ps.setLong(1, id);
                        ps.setInt(2, seq++);
                        ps.setString(3, r.policyId());
                        ps.setString(4, r.deviceId());
                        ps.setBigDecimal(5, r.activePremium());
                        ps.setBigDecimal(6, r.draftPremium());
                        if (Double.isNaN(r.changePercent())) ps.setNull(7, Types.DOUBLE);
                        else ps.setDouble(7, r.changePercent());
                        ps.setString(8, r.failure() == null ? null : r.failure().length() > 1024 ? r.failure().substring(0, 1024) : r.failure());
                        ps.addBatch();
                        if (seq % 1000 == 0) ps.executeBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PricingStoreException("cannot store impact run of tenant " + tenant + ": " + e.getMessage(), e);
        }
    }

    /** The summary of a run of the tenant; 404 when there is none. */
    public PricingReply get(String tenant, long runId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT summary FROM pricing_impact_run WHERE tenant = ? AND id = ?")) {
            ps.setString(1, tenant);
            ps.setLong(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ApiException.notFound("no impact run " + runId + " in tenant " + tenant);
                return PricingReply.ok(new JsonObject(rs.getString(1)).put("runId", runId));
            }
        } catch (SQLException e) {
            throw new PricingStoreException("cannot read impact run " + runId + ": " + e.getMessage(), e);
        }
    }

    /**
     * A page of a run's per-policy results by policy id: premiums under the active plan and the draft, the change in
     * percent, or why the policy was not rated. {@code outcome}: {@code all}, {@code increased}, {@code decreased},
     * {@code unchanged} or {@code failed}.
     */
    public PricingReply policies(String tenant, long runId, String outcome, int offset, int limit) {
        get(tenant, runId); // 404 for another tenant's run
        String filter = switch (outcome == null ? "all" : outcome) {
            case "all" -> "";
            case "increased" -> " AND draft_premium > active_premium";
            case "decreased" -> " AND draft_premium < active_premium";
            case "unchanged" -> " AND draft_premium = active_premium";
            case "failed" -> " AND failure IS NOT NULL";
            default -> throw ApiException.badRequest("outcome must be one of all, increased, decreased, unchanged, failed");
        };
        try (Connection c = ds.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pricing_impact_policy WHERE run_id = ?" + filter)) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            JsonArray items = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement("SELECT policy_id, device_id, active_premium, draft_premium, change_percent, "
                    + "failure FROM pricing_impact_policy WHERE run_id = ?" + filter + " ORDER BY seq OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                ps.setLong(1, runId);
                ps.setInt(2, offset);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double change = rs.getDouble(5);
                        boolean noChange = rs.wasNull();
                        items.add(new JsonObject().put("policyId", rs.getString(1)).put("deviceId", rs.getString(2))
                                .put("activePremium", plain(rs.getBigDecimal(3))).put("draftPremium", plain(rs.getBigDecimal(4)))
                                .put("changePercent", noChange ? null : change).put("failure", rs.getString(6)));
                    }
                }
            }
            return PricingReply.ok(new JsonObject().put("items", items).put("total", total).put("offset", offset).put("limit", limit));
        } catch (SQLException e) {
            throw new PricingStoreException("cannot read impact run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Money as stored (NUMERIC(19,4)) back at the scale it was written with: trailing zeros past the cents dropped. */
    private static String plain(BigDecimal d) {
        if (d == null) return null;
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 2 ? s.setScale(Math.max(0, Math.min(2, d.scale())), java.math.RoundingMode.UNNECESSARY) : s).toPlainString();
    }

    private PlanKey activeKey(PlanService ps, String tenant, JsonObject body, RatingPlan draftDoc, LocalDate on) {
        if (body.getValue("active") != null) return keyField(ps, tenant, body, "active");
        if (draftDoc.jurisdiction() == null || draftDoc.currency() == null) {
            throw ApiException.badRequest("the draft lacks jurisdiction or currency; name the 'active' plan");
        }
        return ps.select(draftDoc.productLine(), draftDoc.jurisdiction(), draftDoc.currency(), on).map(StoredPlan::key)
                .orElseThrow(() -> ApiException.notFound("no plan in force for " + draftDoc.productLine() + " in " + draftDoc.jurisdiction()
                        + " (" + draftDoc.currency() + ") on " + on + " to compare with"));
    }

    private static PlanKey keyField(PlanService ps, String tenant, JsonObject body, String field) {
        Object v = body.getValue(field);
        if (!(v instanceof JsonObject o)) throw ApiException.badRequest("field '" + field + "' must be an object {planId, version}");
        String planId = id(o, "planId");
        Object ver = o.getValue("version");
        if (!(ver instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1 || n.longValue() > Integer.MAX_VALUE) {
            throw ApiException.badRequest("field '" + field + ".version' is required: the plan version, an integer >= 1");
        }
        PlanKey key = new PlanKey(planId, n.intValue());
        if (ps.versions(planId).stream().noneMatch(p -> p.key().equals(key))) throw ApiException.notFound("no plan " + key + " in tenant " + tenant);
        return key;
    }

    private static RatingPlan resolve(PlanService ps, PlanKey key) {
        try {
            return ps.effective(key);
        } catch (PlanDocumentException e) {
            throw PricingProblem.badRequest("plan " + key + " cannot be resolved", strings(e.problems()));
        }
    }

    private static CompiledPlan compiled(PlanService ps, PlanKey key) {
        try {
            return ps.compiled(key);
        } catch (PlanDocumentException e) {
            throw PricingProblem.badRequest("plan " + key + " does not compile", strings(e.problems()));
        }
    }
}
