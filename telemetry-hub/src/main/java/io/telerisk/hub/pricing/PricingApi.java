package io.telerisk.hub.pricing;

import static io.telerisk.hub.pricing.PricingFields.*;

import io.telerisk.hub.api.ApiException;
import io.telerisk.hub.api.ListPage;
import io.telerisk.hub.summary.SummaryRepository;
import io.telerisk.model.DeviceType;
import io.telerisk.model.topic.Topic;
import io.telerisk.pricing.catalog.DeviationResolver;
import io.telerisk.pricing.catalog.PlanLifecycleException;
import io.telerisk.pricing.catalog.PlanService;
import io.telerisk.pricing.catalog.StoredPlan;
import io.telerisk.pricing.glm.DataTable;
import io.telerisk.pricing.glm.Design;
import io.telerisk.pricing.glm.Formula;
import io.telerisk.pricing.glm.GlmFit;
import io.telerisk.pricing.glm.GlmPlanExporter;
import io.telerisk.pricing.glm.PoissonGlm;
import io.telerisk.pricing.impact.ImpactAnalysis;
import io.telerisk.pricing.impact.ImpactReport;
import io.telerisk.pricing.impact.PolicySource;
import io.telerisk.pricing.plan.Jurisdiction;
import io.telerisk.pricing.plan.PlanDocumentException;
import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanProblem;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.ProhibitedVariables;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.quoting.NoPlanException;
import io.telerisk.pricing.quoting.QuoteRequest;
import io.telerisk.pricing.quoting.QuoteService;
import io.telerisk.pricing.quoting.WrongDeviceException;
import io.telerisk.pricing.rating.CompiledPlan;
import io.telerisk.pricing.rating.Quote;
import io.telerisk.pricing.rating.QuoteJson;
import io.telerisk.pricing.rating.RatingException;
import io.telerisk.pricing.rating.RatingInput;
import io.telerisk.pricing.rating.TelematicsScorer;
import io.telerisk.pricing.plan.Variable;
import io.telerisk.pricing.rating.UsageFeatures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pricing engine behind the hub's REST API, one tenant at a time: plan lifecycle over {@link JdbcPlanRepository},
 * explained quotes through {@link QuoteService} over the hub's summaries (logged by {@link JdbcQuoteLog}; plans rating
 * on telematicsScore are scored by the {@link TelematicsScorer} given, a 503 when its model cannot be loaded), the
 * policy book ({@link JdbcPolicyBook}), impact analysis of a draft against the plan in force, and Poisson GLM
 * calibration runs. Every method takes the tenant and the acting user from the caller's token (the route checks
 * the insurer role); it blocks on JDBC, so callers run it on a worker. Bad requests throw {@link ApiException}
 * (or {@link PricingProblem} listing every reason); money leaves as decimal strings.
 */
public final class PricingApi {
    /** Longest period a quote or usage window may span (about three years, as the summary endpoints). */
    public static final int MAX_PERIOD_DAYS = 1100;

    private final DataSource ds;
    private final SummaryRepository summaries;
    private final Clock clock;
    private final PlanValidator validator = new PlanValidator(ProhibitedVariables.defaults());
    private final PolicyBookApi book;
    private final ImpactRuns impact;
    private final PlanDesk desk;
    private final Map<String, PlanService> services = new ConcurrentHashMap<>();
    private final Map<String, RatingPlan> parsedPlans = new ConcurrentHashMap<>();
    private final TelematicsScorer scorer;

    /** Without a telematics scorer: quotes of plans rating on telematicsScore answer 400 with the reason. */
    public PricingApi(DataSource ds, SummaryRepository summaries, Clock clock) {
        this(ds, summaries, clock, null);
    }

    /**
     * @param scorer scores the period's driving for plans rating on telematicsScore (the hub passes a
     *               {@link LazyTelematicsScorer}); {@code null}: such quotes answer 400 with the reason
     */
    public PricingApi(DataSource ds, SummaryRepository summaries, Clock clock, TelematicsScorer scorer) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scorer = scorer;
        JdbcPolicyBook policies = new JdbcPolicyBook(ds);
        this.book = new PolicyBookApi(policies, clock);
        this.impact = new ImpactRuns(ds, summaries, policies, scorer, this::plans, clock);
        this.desk = new PlanDesk(this::plans, validator);
    }

    /** The tenant's plan service (compiled plans of immutable versions are cached per tenant). */
    public PlanService plans(String tenant) {
        return services.computeIfAbsent(tenant, t -> new PlanService(new JdbcPlanRepository(ds, t, parsedPlans), validator, clock));
    }

    /** The policy book: import (JSON, CSV) and listing per product line. */
    public PolicyBookApi book() {
        return book;
    }

    /** Checking documents without saving, the plan in force, version diffs, the four-eyes inbox. */
    public PlanDesk desk() {
        return desk;
    }

    /** The card of the model behind {@code telematicsScore} (see {@link ScoreModelCard}). */
    public PricingReply scoreModel() {
        return ScoreModelCard.of(scorer);
    }

    /** Impact analysis runs and their per-policy results. */
    public ImpactRuns impact() {
        return impact;
    }

    private JdbcPlanRepository repository(String tenant) {
        return new JdbcPlanRepository(ds, tenant, parsedPlans);
    }

    // ---------------------------------------------------------------- plans

    /** Saves a draft from a JSON plan document authored by {@code user}; every validation problem → 400. */
    public PricingReply createPlan(String tenant, String user, String documentJson) {
        return createPlan(tenant, user, documentJson, false);
    }

    /** As {@link #createPlan(String, String, String)}; {@code yaml}: the document is YAML with the same fields. */
    public PricingReply createPlan(String tenant, String user, String document, boolean yaml) {
        RatingPlan doc = PlanDesk.read(document, yaml);
        List<String> problems = desk.problems(tenant, doc);
        if (!problems.isEmpty()) throw PricingProblem.badRequest("plan " + doc.key() + " has " + problems.size() + " problem(s)", problems);
        PlanService plans = plans(tenant);
        StoredPlan saved = lifecycle(() -> plans.saveDraft(doc, user));
        return PricingReply.created(PricingJson.plan(saved, false).put("approvalBlockers", new JsonArray(plans.check(saved.key()))));
    }

    /** The plan ids of the tenant with their versions (no documents), one page of plan ids in the list envelope. */
    public PricingReply listPlans(String tenant, ListPage.Request page) {
        JdbcPlanRepository repo = repository(tenant);
        Map<String, JsonArray> byId = new LinkedHashMap<>();
        List<String> ids = repo.planIds(page.offset(), page.limit());
        ids.forEach(id -> byId.put(id, new JsonArray()));
        for (StoredPlan p : repo.versionsOf(ids)) byId.get(p.key().planId()).add(PricingJson.plan(p, false));
        JsonArray items = new JsonArray();
        byId.forEach((id, versions) -> items.add(new JsonObject().put("planId", id).put("versions", versions)));
        return PricingReply.ok(ListPage.of(items, repo.planCount(), page).put("tenant", tenant));
    }

    /**
     * The versions of one plan with their documents, oldest first, one page in the list envelope; 404 when the
     * tenant has no such plan.
     */
    public PricingReply versions(String tenant, String planId, ListPage.Request page) {
        JdbcPlanRepository repo = repository(tenant);
        long total = repo.versionCount(planId);
        if (total == 0) throw ApiException.notFound("no plan '" + planId + "' in tenant " + tenant);
        return PricingReply.ok(ListPage.of(repo.versions(planId, page.offset(), page.limit()), total, page, p -> PricingJson.plan(p, true))
                .put("planId", planId));
    }

    /** Validation problems and failing test cases of a version (what would block its approval). */
    public PricingReply validate(String tenant, String planId, JsonObject body) {
        PlanKey key = existing(tenant, planId, body);
        List<String> problems = plans(tenant).check(key);
        return PricingReply.ok(new JsonObject().put("planId", key.planId()).put("version", key.version())
                .put("valid", problems.isEmpty()).put("problems", new JsonArray(problems)));
    }

    /** Approves a draft; the approver is the caller and must not be its author (409 with the reason). */
    public PricingReply approve(String tenant, String user, String planId, JsonObject body) {
        PlanKey key = existing(tenant, planId, body);
        return PricingReply.ok(PricingJson.plan(lifecycle(() -> plans(tenant).approve(key, user)), false));
    }

    /**
     * Activates an approved version; other active versions of the plan are superseded (retired on its effective date,
     * listed in {@code superseded}). The plan prices quote dates from its document's {@code effectiveFrom}; an
     * {@code effectiveFrom} in the request must match it (approved documents are immutable: a different date is a
     * new version), else 409.
     */
    public PricingReply activate(String tenant, String planId, JsonObject body) {
        PlanKey key = existing(tenant, planId, body);
        LocalDate requested = date(body, "effectiveFrom", false);
        PlanService plans = plans(tenant);
        LocalDate planned = lifecycle(() -> plans.effective(key)).effectiveFrom();
        if (requested != null && !requested.equals(planned)) {
            throw ApiException.conflict("plan " + key + " takes effect on " + planned + " as approved; approved documents are "
                    + "immutable, so save version " + plans.nextVersion(key.planId()) + " with effectiveFrom " + requested);
        }
        PlanService.Activation a = lifecycle(() -> plans.activate(key));
        JsonArray superseded = new JsonArray();
        a.superseded().forEach(p -> superseded.add(PricingJson.plan(p, false)));
        return PricingReply.ok(PricingJson.plan(a.active(), false).put("superseded", superseded));
    }

    /** Discards a draft version (a stuck or mistaken draft); 409 for any other status. */
    public PricingReply discard(String tenant, String planId, JsonObject body) {
        PlanKey key = existing(tenant, planId, body);
        StoredPlan gone = lifecycle(() -> plans(tenant).discard(key));
        return PricingReply.ok(PricingJson.plan(gone, false).put("discarded", true));
    }

    /** Retires an active version: it still prices dates before {@code retiredOn}. */
    public PricingReply retire(String tenant, String planId, JsonObject body) {
        PlanKey key = existing(tenant, planId, body);
        LocalDate retiredOn = date(body, "retiredOn", true);
        return PricingReply.ok(PricingJson.plan(lifecycle(() -> plans(tenant).retire(key, retiredOn)), false));
    }

    private PlanKey existing(String tenant, String planId, JsonObject body) {
        Object v = body.getValue("version");
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1 || n.longValue() > Integer.MAX_VALUE) {
            throw ApiException.badRequest("field 'version' is required: the plan version, an integer >= 1");
        }
        PlanKey key = new PlanKey(planId, n.intValue());
        if (repository(tenant).find(key).isEmpty()) throw ApiException.notFound("no plan " + key + " in tenant " + tenant);
        return key;
    }

    private static <T> T lifecycle(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (PlanLifecycleException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (PlanDocumentException e) {
            throw new PricingProblem(409, "conflict", e.getMessage(), strings(e.problems()));
        }
    }

    // ---------------------------------------------------------------- quotes

    /**
     * Quotes a policy period from the plan in force and the device's daily summaries; the quote (with its plan
     * version) is logged. Body: policyId, deviceId, productLine, jurisdiction, currency, from, to (exclusive),
     * inputs (declared variables), priorAdjustment (renewals). {@code deviceKind} tells the kind of a device of the
     * tenant (empty: unknown, 404); a wellness plan prices wearables only and any other plan vehicles only (422).
     */
    public PricingReply quote(String tenant, String user, JsonObject body,
                              java.util.function.BiFunction<String, String, java.util.Optional<DeviceType>> deviceKind) {
        String policyId = id(body, "policyId");
        String deviceId = id(body, "deviceId");
        DeviceType kind = deviceKind.apply(tenant, deviceId).orElseThrow(() ->
                ApiException.notFound("no vehicle or wearable '" + deviceId + "' in tenant " + tenant));
        String productLine = text(body, "productLine", true);
        Jurisdiction jurisdiction = jurisdiction(text(body, "jurisdiction", true));
        String currency = text(body, "currency", true);
        LocalDate from = date(body, "from", true);
        LocalDate to = date(body, "to", true);
        period(from, to);
        Map<String, String> declared = declared(body.getValue("inputs"));
        Double prior = number(body, "priorAdjustment");
        JdbcQuoteLog log = new JdbcQuoteLog(ds, new JdbcQuoteLog.Context(tenant, deviceId, from, to, user), clock);
        QuoteService service = new QuoteService(plans(tenant), new SummaryUsageHistory(summaries),
                new SummaryWearableHistory(summaries), scorer, log);
        Quote q;
        try {
            q = service.quote(new QuoteRequest(tenant, policyId, deviceId, kind, productLine, jurisdiction, currency, from, to, declared, prior));
        } catch (NoPlanException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (WrongDeviceException e) {
            throw new ApiException(422, "wrong_device", "cannot quote policy " + policyId + ": " + e.getMessage());
        } catch (RatingException e) {
            throw ApiException.badRequest("cannot rate policy " + policyId + " (" + e.reason() + "): " + e.getMessage());
        } catch (ScoreModelUnavailableException e) {
            // the reason names server paths: it is in the hub log (LazyTelematicsScorer), the caller gets what to do
            throw ApiException.unavailable("cannot quote policy " + policyId + ": its plan rates on telematicsScore and the hub's "
                    + "telematics score model cannot be loaded; an operator finds the reason in the hub log (telerisk.pricing.score-model)");
        }
        JsonObject out = new JsonObject(QuoteJson.toJson(q));
        out.put("quoteId", log.lastId()).put("deviceId", deviceId).put("from", from.toString()).put("to", to.toString())
                .put("explanation", q.explain());
        return PricingReply.created(out);
    }

    /** Quotes logged for a policy, oldest first, one page of them in the list envelope. */
    public PricingReply quotes(String tenant, String policyId, ListPage.Request page) {
        JsonArray items = new JsonArray();
        for (JdbcQuoteLog.Logged l : JdbcQuoteLog.logged(ds, tenant, policyId, page.offset(), page.limit())) {
            items.add(new JsonObject().put("quoteId", l.id()).put("quotedAt", l.quotedAt().toInstant().toString())
                    .put("policyId", l.policyId()).put("deviceId", l.deviceId()).put("from", l.from().toString())
                    .put("to", l.toExclusive().toString()).put("planId", l.plan().planId()).put("planVersion", l.plan().version())
                    .put("quotedBy", l.quotedBy()).put("quote", new JsonObject(l.quoteJson())));
        }
        return PricingReply.ok(ListPage.of(items, JdbcQuoteLog.countOf(ds, tenant, policyId), page).put("policyId", policyId));
    }

    // ---------------------------------------------------------------- calibration

    /**
     * Fits a Poisson GLM (log link) to a CSV body or JSON rows and records the run; optionally exports the fit as a
     * draft plan authored by the caller. {@code csv} is the CSV body (then formula, offset and export come from
     * {@code params}), else {@code body} holds rows, formula, offset and export.
     */
    public PricingReply calibrate(String tenant, String user, CsvUpload csv, JsonObject params) {
        String formulaText = text(params, "formula", true);
        String offsetText = text(params, "offset", false);
        DataTable data = csv != null ? csvTable(csv) : jsonTable(params.getValue("rows"));
        Formula formula;
        Formula.Term offset;
        try {
            formula = Formula.parse(formulaText);
            offset = offsetText == null || offsetText.isBlank() ? null : Formula.parseExpression(offsetText);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("formula: " + e.getMessage());
        }
        GlmFit fit;
        try {
            fit = PoissonGlm.fit(Design.build(data, formula, offset));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiException.badRequest("cannot fit: " + e.getMessage());
        }
        JsonObject result = PricingJson.fit(fit, data.rows(), formulaText, offsetText);
        JsonObject export = params.getValue("export") instanceof JsonObject e ? e : null;
        if (export != null) {
            PlanKey key = new PlanKey(id(export, "planId"), export.getValue("version") == null ? plans(tenant).nextVersion(export.getString("planId"))
                    : intField(export, "version"));
            RatingPlan plan;
            try {
                plan = GlmPlanExporter.export(fit, new GlmPlanExporter.Target(key, text(export, "productLine", true),
                        jurisdiction(text(export, "jurisdiction", true)), text(export, "currency", true), date(export, "effectiveFrom", true),
                        requiredMoney(export, "severity"), user));
            } catch (PlanDocumentException e) {
                throw PricingProblem.badRequest("fit cannot be exported as a plan", strings(e.problems()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("fit cannot be exported as a plan: " + e.getMessage());
            }
            PlanService plans = plans(tenant);
            StoredPlan saved = lifecycle(() -> plans.saveDraft(plan, user));
            result.put("exportedPlan", PricingJson.plan(saved, true));
        }
        long id = recordCalibration(tenant, user, formulaText, data.rows(), fit, result);
        return PricingReply.created(result.put("calibrationId", id));
    }

    private long recordCalibration(String tenant, String user, String formula, int rows, GlmFit fit, JsonObject result) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO pricing_calibration (tenant, "
                + "run_by, run_at, formula, data_rows, converged, deviance, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
            ps.setString(1, tenant);
            ps.setString(2, user);
            ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.setString(4, formula.length() > 1024 ? formula.substring(0, 1024) : formula);
            ps.setInt(5, rows);
            ps.setBoolean(6, fit.converged());
            ps.setDouble(7, fit.deviance());
            ps.setString(8, result.encode());
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                return k.next() ? k.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new PricingStoreException("cannot record calibration run: " + e.getMessage(), e);
        }
    }

    /** Calibration runs of the tenant, newest first, one page of them in the list envelope. */
    public PricingReply calibrations(String tenant, ListPage.Request page) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, run_by, run_at, result "
                + "FROM pricing_calibration WHERE tenant = ? ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            ps.setString(1, tenant);
            ps.setInt(2, page.offset());
            ps.setInt(3, page.limit());
            JsonArray items = new JsonArray();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new JsonObject(rs.getString(4)).put("calibrationId", rs.getLong(1)).put("runBy", rs.getString(2))
                            .put("runAt", rs.getObject(3, OffsetDateTime.class).toInstant().toString()));
                }
            }
            return PricingReply.ok(ListPage.of(items, calibrationCount(c, tenant), page).put("tenant", tenant));
        } catch (SQLException e) {
            throw new PricingStoreException("cannot read calibration runs: " + e.getMessage(), e);
        }
    }

    private static long calibrationCount(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pricing_calibration WHERE tenant = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static DataTable jsonTable(Object rows) {
        if (!(rows instanceof JsonArray a) || a.isEmpty()) {
            throw ApiException.badRequest("field 'rows' must be a non-empty array of objects (or send text/csv)");
        }
        List<String> names = null;
        Map<String, String[]> cols = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i++) {
            if (!(a.getValue(i) instanceof JsonObject r)) throw ApiException.badRequest("rows[" + i + "] must be an object");
            if (names == null) {
                names = new ArrayList<>(r.fieldNames());
                for (String n : names) cols.put(n, new String[a.size()]);
            }
            if (!r.fieldNames().equals(new java.util.HashSet<>(names))) {
                throw ApiException.badRequest("rows[" + i + "] has columns " + new java.util.TreeSet<>(r.fieldNames())
                        + " but rows[0] has " + new java.util.TreeSet<>(names));
            }
            for (String n : names) {
                Object v = r.getValue(n);
                if (v instanceof JsonObject || v instanceof JsonArray) throw ApiException.badRequest("rows[" + i + "]." + n + " must be a number or string");
                cols.get(n)[i] = v == null ? "" : v instanceof Number num ? PricingJson.number(num) : v.toString();
            }
        }
        return new DataTable(cols);
    }
}
