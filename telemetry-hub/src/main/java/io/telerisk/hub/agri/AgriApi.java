package io.telerisk.hub.agri;

import io.telerisk.agri.field.Crop;
import io.telerisk.agri.field.Field;
import io.telerisk.agri.field.FieldRegistration;
import io.telerisk.agri.field.FieldRegistry;
import io.telerisk.agri.field.SoilType;
import io.telerisk.agri.health.HealthAssessor;
import io.telerisk.agri.health.WaterStressCalculator;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanDesk;
import io.telerisk.agri.loan.LoanPolicy;
import io.telerisk.agri.lending.LendingPolicy;
import io.telerisk.agri.loan.LoanService;
import io.telerisk.agri.ndvi.NdviIngest;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.ndvi.NdviSeriesStore;
import io.telerisk.agri.ndvi.ZonalNdvi;
import io.telerisk.agri.ndvi.ZonalOptions;
import io.telerisk.agri.yield.CropPrices;
import io.telerisk.hub.api.ListPage;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.summary.SummaryRepository;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.EventTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

import static io.telerisk.hub.agri.AgriInput.asOf;
import static io.telerisk.hub.agri.AgriInput.date;
import static io.telerisk.hub.agri.AgriInput.enumValue;
import static io.telerisk.hub.agri.AgriInput.id;
import static io.telerisk.hub.agri.AgriInput.instant;
import static io.telerisk.hub.agri.AgriInput.requireAny;
import static io.telerisk.hub.agri.AgriInput.text;

/**
 * Crop credit in the hub: wires the agri-credit domain (field registry, NDVI ingest, health, yield, loan desk) onto
 * the hub's adapters (JDBC tables, the NDVI series store, farm-day summaries) and serves the REST operations under
 * {@code /api/v1/agri} (HTTP mapping in {@code io.telerisk.hub.api.AgriRoutes}). Device loan requests go through
 * {@link #loanListener} and the same {@link LoanDesk}, so both paths give the same decision for the same request.
 *
 * <p>Access: a farmer sees and writes only fields whose {@code farmerId} is their username, and applies only for
 * devices in their fields; insurers, operators and lenders read the tenant; operators also register fields for farmers
 * and ingest scenes ({@link SceneIngestApi}). The lender's desk is {@link LenderApi}; a field's health, alerts and limit preview {@link FieldViews}. Prices are {@link CropPrices#illustrativeUsd()} (USD) and the policy {@link LoanPolicy#defaults()}.
 */
public final class AgriApi {
    private final JdbcFieldRepository fields;
    private final JdbcLoanRepository loans;
    private final NdviSeriesStore ndvi;
    private final FieldRegistry registry;
    private final SceneIngestApi scenes;
    private final LoanDesk desk;
    private final io.telerisk.agri.monitor.SeasonMonitor monitor;
    private final HealthAssessor health;
    private final FieldViews views;
    private final LenderApi lender;
    private final LoanCovers covers;
    private final LenderPortfolio portfolio;
    private final Clock clock;
    private final io.telerisk.hub.work.WorkQueue work;

    public AgriApi(DataSource ds, SummaryRepository summaries, NdviSeriesStore ndvi, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ndvi = Objects.requireNonNull(ndvi, "ndvi");
        this.work = new io.telerisk.hub.work.WorkQueue(ds, clock);
        this.fields = new JdbcFieldRepository(ds, clock);
        this.loans = new JdbcLoanRepository(ds);
        this.registry = new FieldRegistry(fields);
        this.scenes = new SceneIngestApi(fields, new NdviIngest(new ZonalNdvi(ZonalOptions.defaults()), ndvi));
        this.health = new HealthAssessor(fields, ndvi, new WaterStressCalculator(new SummaryFarmDayHistory(summaries)));
        LoanService service = new LoanService(fields, health, new io.telerisk.agri.yield.YieldModel(), CropPrices.illustrativeUsd(),
                loans, LoanPolicy.defaults(), clock);
        this.desk = new LoanDesk(service);
        this.monitor = new io.telerisk.agri.monitor.SeasonMonitor(fields, loans, health,
                io.telerisk.agri.monitor.SeasonMonitor.Thresholds.defaults());
        this.views = new FieldViews(health, service, monitor);
        JdbcLending lending = new JdbcLending(ds);
        LoanAccounts accounts = new LoanAccounts(lending, loans);
        this.lender = new LenderApi(lending, accounts, service, clock, LendingPolicy.defaults());
        this.covers = new LoanCovers(lending, accounts, clock);
        this.portfolio = new LenderPortfolio(lending, accounts, fields, monitor, lender::policy, service.currency(), clock);
    }

    /**
     * This desk as the claims side's NDVI source: the anomaly z of the field the sensor is installed in, from its clear
     * scenes up to the day (against peers in the region, or the crop's expected curve), as {@code /agri/fields/{id}/health}
     * reports it; empty without a registered field or a clear scene that season.
     */
    public io.telerisk.hub.claims.FieldNdviAnomalies asNdviAnomalies() {
        return (tenant, sensorDeviceId, asOf) -> fields.findByDevice(tenant, sensorDeviceId)
                .map(f -> health.assess(f, asOf).anomalyZ())
                .map(z -> java.util.OptionalDouble.of(z)).orElse(java.util.OptionalDouble.empty());
    }

    /** The credit officer's desk ({@code /api/v1/lender}). */
    /** Sentinel-2 scene ingest ({@code POST /api/v1/agri/scenes}). */
    public SceneIngestApi scenes() {
        return scenes;
    }

    public LenderApi lender() {
        return lender;
    }

    /** Crop covers on loans and their payouts ({@code /api/v1/lender/…/cover}, {@code /cover-payouts}). */
    public LoanCovers covers() {
        return covers;
    }

    /** The lender's book ({@code /api/v1/lender/portfolio}). */
    public LenderPortfolio portfolio() {
        return portfolio;
    }

    /**
     * The listener the hub registers with ingest (requests go through the shared work queue, so any hub may answer
     * them); {@code sender} publishes on a device's cmd topic.
     */
    public LoanRequestListener loanListener(BiFunction<DeviceKey, Command, CompletionStage<Void>> sender) {
        lender.sendDecisionsWith(sender); // a credit officer's final decision goes to the device too
        return new LoanRequestListener(desk, loans, sender, work, clock);
    }

    public JdbcFieldRepository fields() {
        return fields;
    }

    public JdbcLoanRepository loans() {
        return loans;
    }

    public NdviSeriesStore ndviStore() {
        return ndvi;
    }

    public LoanDesk desk() {
        return desk;
    }

    // ---- fields ----

    /** Registers a field: 201 with the field and overlap flags, 400 with the registry's reason when invalid. */
    public AgriReply registerField(Principal p, String tenant, JsonObject b) {
        requireAny(p, Role.FARMER, Role.OPERATOR, Role.PLATFORM_OPERATOR);
        String fieldId = id(b, "fieldId", true);
        String farmerId = id(b, "farmerId", false);
        if (isFarmerOnly(p)) {
            if (farmerId != null && !farmerId.equals(p.username())) throw AgriProblem.forbidden("a farmer registers only their own fields");
            farmerId = p.username();
        } else if (farmerId == null) {
            throw AgriProblem.badRequest("farmerId is required");
        }
        Optional<Field> existing = fields.find(tenant, fieldId);
        if (existing.isPresent() && !existing.get().farmerId().equals(farmerId)) {
            throw new AgriProblem(409, "conflict", "field " + fieldId + " belongs to another farmer");
        }
        Object boundary = b.getValue("boundary");
        if (boundary == null) throw AgriProblem.badRequest("boundary (GeoJSON Polygon or Feature) is required");
        String geoJson = boundary instanceof JsonObject o ? o.encode() : boundary instanceof String s ? s : null;
        if (geoJson == null) throw AgriProblem.badRequest("boundary must be a GeoJSON object");
        FieldRegistration r = new FieldRegistration(tenant, fieldId, farmerId, id(b, "deviceId", false),
                enumValue(Crop.class, b, "crop"), date(b, "sowingDate"), date(b, "harvestDate"), text(b, "region", true),
                enumValue(SoilType.class, b, "soil"), geoJson);
        FieldRegistry.Result result = registry.register(r);
        if (result instanceof FieldRegistry.Result.Rejected rej) {
            return new AgriReply(400, new JsonObject().put("status", 400).put("error", "invalid_field")
                    .put("reason", rej.reason().name()).put("detail", rej.detail()));
        }
        return new AgriReply(201, AgriJson.registered((FieldRegistry.Result.Registered) result));
    }

    /** One page of the tenant's fields by field id (a farmer: their own), in the list envelope. */
    public AgriReply listFields(Principal p, String tenant, ListPage.Request page) {
        requireAny(p, Role.FARMER, Role.INSURER, Role.OPERATOR, Role.PLATFORM_OPERATOR, Role.LENDER);
        String farmer = isFarmerOnly(p) ? p.username() : null;
        return AgriReply.ok(ListPage.of(fields.list(tenant, farmer, page.offset(), page.limit()), fields.count(tenant, farmer), page,
                AgriJson::field));
    }

    public AgriReply field(Principal p, String tenant, String fieldId) {
        return AgriReply.ok(AgriJson.field(visibleField(p, tenant, fieldId)));
    }

    /** A field's NDVI series, observed points and no-observations with their reason, oldest first. */
    public AgriReply ndviSeries(Principal p, String tenant, String fieldId, String from, String to) {
        Field f = visibleField(p, tenant, fieldId);
        Instant toX = to == null ? clock.instant() : instant("to", to);
        Instant fromI = from == null ? toX.minus(Duration.ofDays(400)) : instant("from", from);
        if (!fromI.isBefore(toX)) throw AgriProblem.badRequest("from must be before to");
        JsonArray points = new JsonArray();
        for (NdviPoint pt : ndvi.series(tenant, f.fieldId(), fromI, toX)) points.add(AgriJson.ndvi(pt));
        return AgriReply.ok(new JsonObject().put("fieldId", f.fieldId()).put("from", fromI.toString()).put("to", toX.toString())
                .put("points", points));
    }

    /** The field's health: anomaly z, water stress, yield band, expected and observed NDVI, peers. */
    public AgriReply fieldHealth(Principal p, String tenant, String fieldId, String asOf) {
        return AgriReply.ok(views.health(visibleField(p, tenant, fieldId), asOf(clock, asOf)));
    }

    /** The field's own season alerts (financed or not). */
    public AgriReply fieldAlerts(Principal p, String tenant, String fieldId, String asOf) {
        return AgriReply.ok(views.alerts(visibleField(p, tenant, fieldId), asOf(clock, asOf)));
    }

    /** Borrowing-limit preview: the decision an application would get today; nothing recorded. */
    public AgriReply limitPreview(Principal p, String tenant, String fieldId, String amount, String termMonths) {
        Field f = visibleField(p, tenant, fieldId);
        java.math.BigDecimal a = null;
        if (amount != null) {
            try {
                a = new java.math.BigDecimal(amount);
            } catch (NumberFormatException e) {
                throw AgriProblem.badRequest("amount '" + amount + "' is not a decimal number");
            }
            if (a.signum() <= 0 || a.stripTrailingZeros().scale() > 2 || a.compareTo(io.telerisk.agri.loan.LoanRequests.MAX_AMOUNT) > 0) {
                throw AgriProblem.badRequest("amount must be positive, at most 2 decimals and at most " + io.telerisk.agri.loan.LoanRequests.MAX_AMOUNT);
            }
        }
        int term;
        try {
            term = termMonths == null ? 12 : Integer.parseInt(termMonths);
        } catch (NumberFormatException e) {
            throw AgriProblem.badRequest("termMonths '" + termMonths + "' is not a whole number");
        }
        return AgriReply.ok(views.limitPreview(f, a, term));
    }

    // ---- loans ----

    /**
     * Applies for a loan for a device, as the device itself would: the same {@link LoanDesk}, the same application
     * id (device id and {@code requestedAt}), hence the same recorded decision. 400 with the reason when malformed.
     */
    public AgriReply applyLoan(Principal p, String tenant, JsonObject b) {
        return applyLoan(p, tenant, b, false);
    }

    /**
     * An application decided as the desk would have decided it at its {@code requestedAt}, on the field's data up to
     * that day, and dated then: how an operator loads loans decided earlier in the season (the demo's history, a book
     * migrated from an earlier system). Operators only; not on the REST API, where every decision is taken now.
     */
    public AgriReply applyLoanAsRequested(Principal p, String tenant, JsonObject b) {
        requireAny(p, Role.OPERATOR, Role.PLATFORM_OPERATOR);
        return applyLoan(p, tenant, b, true);
    }

    private AgriReply applyLoan(Principal p, String tenant, JsonObject b, boolean asRequested) {
        requireAny(p, Role.FARMER, Role.OPERATOR, Role.PLATFORM_OPERATOR);
        String deviceId = id(b, "deviceId", true);
        Optional<Field> f = fields.findByDevice(tenant, deviceId);
        if (isFarmerOnly(p) && (f.isEmpty() || !f.get().farmerId().equals(p.username()))) {
            throw AgriProblem.forbidden("device " + deviceId + " is not installed in one of your fields");
        }
        Map<String, Double> measures = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Object amount = b.getValue("amountRequested");
        if (amount != null) labels.put("amountRequested", amount instanceof Number n ? new java.math.BigDecimal(n.toString()).toPlainString() : amount.toString());
        Object term = b.getValue("termMonths");
        if (term instanceof Number n) measures.put("termMonths", n.doubleValue());
        else if (term != null) labels.put("termMonths", term.toString());
        if (b.getValue("purpose") != null) labels.put("purpose", b.getValue("purpose").toString());
        if (b.getValue("currency") != null) labels.put("currency", b.getValue("currency").toString());
        String at = text(b, "requestedAt", false);
        Instant requestedAt = at == null ? clock.instant() : instant("requestedAt", at);
        // as ingest refuses device data from the future: a request cannot be dated ahead of the hub's clock
        if (requestedAt.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            throw AgriProblem.badRequest("requestedAt " + requestedAt + " is in the future");
        }
        DeviceEvent e = new DeviceEvent(EventTypes.LOAN_REQUEST, requestedAt, measures, labels, List.of());
        DeviceKey device = new DeviceKey(tenant, DeviceType.FARM_SENSOR, deviceId);
        if (asRequested && f.isEmpty()) throw AgriProblem.notFound("device " + deviceId + " is in no registered field");
        LoanDesk.Outcome o = asRequested ? desk.decideAsRequested(device, e) : desk.onEvent(device, e);
        if (o instanceof LoanDesk.Outcome.Rejected rej) {
            return new AgriReply(400, new JsonObject().put("status", 400).put("error", "invalid_request").put("reason", "INVALID_REQUEST")
                    .put("detail", rej.reason()));
        }
        LoanDecision d = ((LoanDesk.Outcome.Decided) o).decision();
        LoanDecision recorded = loans.findByApplication(tenant, d.applicationId()).orElse(d);
        return AgriReply.ok(withCommand(recorded));
    }

    public AgriReply loan(Principal p, String tenant, String applicationId) {
        requireAny(p, Role.FARMER, Role.INSURER, Role.OPERATOR, Role.PLATFORM_OPERATOR, Role.LENDER);
        LoanDecision d = loans.findByApplication(tenant, applicationId)
                .orElseThrow(() -> AgriProblem.notFound("no loan application " + applicationId));
        if (isFarmerOnly(p) && !ownsField(p, tenant, d.fieldId())) throw AgriProblem.notFound("no loan application " + applicationId);
        return AgriReply.ok(withCommand(d));
    }

    /**
     * One page of the tenant's loan decisions, newest first, optionally of one device, in the list envelope; a farmer
     * sees those on their own fields (filtered in the query, so pages are full and {@code total} is theirs).
     */
    public AgriReply listLoans(Principal p, String tenant, String deviceId, ListPage.Request page) {
        requireAny(p, Role.FARMER, Role.INSURER, Role.OPERATOR, Role.PLATFORM_OPERATOR, Role.LENDER);
        String farmer = isFarmerOnly(p) ? p.username() : null;
        return AgriReply.ok(ListPage.of(loans.list(tenant, deviceId, farmer, page.offset(), page.limit()),
                loans.count(tenant, deviceId, farmer), page, AgriJson::decision));
    }

    /**
     * In-season alerts for the tenant's financed fields as of a date (default today, UTC): NDVI anomaly, water
     * stress, or no clear observation for too long. Insurers and operators.
     */
    public AgriReply alerts(Principal p, String tenant, String asOf, ListPage.Request page) {
        requireAny(p, Role.INSURER, Role.OPERATOR, Role.PLATFORM_OPERATOR, Role.LENDER);
        LocalDate day = asOf(clock, asOf);
        // evaluated for the whole tenant (the monitor reads every financed field), then paged: the list envelope
        return AgriReply.ok(ListPage.slice(monitor.evaluate(tenant, day), page, a -> new JsonObject()
                .put("fieldId", a.fieldId()).put("applicationId", a.applicationId()).put("kind", a.kind().name())
                .put("value", a.value()).put("threshold", a.threshold()).put("asOf", a.asOf().toString()).put("message", a.message()))
                .put("asOf", day.toString()));
    }

    private static JsonObject withCommand(LoanDecision d) {
        Command c = LoanDecisionCommand.toCommand(d);
        return AgriJson.decision(d).put("command", new JsonObject().put("id", c.id()).put("name", c.name())
                .put("args", new JsonObject(new LinkedHashMap<>(c.args()))));
    }

    // ---- access and parsing ----

    private Field visibleField(Principal p, String tenant, String fieldId) {
        requireAny(p, Role.FARMER, Role.INSURER, Role.OPERATOR, Role.PLATFORM_OPERATOR, Role.LENDER);
        Field f = fields.find(tenant, fieldId).orElseThrow(() -> AgriProblem.notFound("no field " + fieldId));
        if (isFarmerOnly(p) && !f.farmerId().equals(p.username())) throw AgriProblem.notFound("no field " + fieldId);
        return f;
    }

    private boolean ownsField(Principal p, String tenant, String fieldId) {
        return fieldId != null && fields.find(tenant, fieldId).map(f -> f.farmerId().equals(p.username())).orElse(false);
    }

    /** A farmer without a reading role sees only their own fields. */
    private static boolean isFarmerOnly(Principal p) {
        return p.has(Role.FARMER) && !p.hasAny(Role.INSURER, Role.OPERATOR, Role.PLATFORM_OPERATOR, Role.LENDER);
    }
}
