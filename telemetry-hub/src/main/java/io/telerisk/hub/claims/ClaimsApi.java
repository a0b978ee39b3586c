package io.telerisk.hub.claims;

import io.telerisk.claims.assessment.AssessmentRules;
import io.telerisk.claims.assessment.Assessor;
import io.telerisk.claims.classifier.CrashClassifier;
import io.telerisk.claims.classifier.PhysicsRuleClassifier;
import io.telerisk.claims.classifier.TfCrashClassifier;
import io.telerisk.claims.classifier.training.CrashTraining;
import io.telerisk.claims.classifier.training.ScenarioGenerator;
import io.telerisk.claims.classifier.training.ScenarioKind;
import io.telerisk.claims.crash.CrashConfirmer;
import io.telerisk.claims.crash.PulseAnalyzer;
import io.telerisk.claims.crash.PulseConfig;
import io.telerisk.claims.fnol.CandidateOutcome;
import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.fnol.ClaimIntake;
import io.telerisk.claims.fnol.ClaimJournal;
import io.telerisk.claims.fnol.Coverage;
import io.telerisk.claims.fnol.CrashClaimService;
import io.telerisk.claims.fnol.Policy;
import io.telerisk.claims.fnol.ReportedClaimService;
import io.telerisk.claims.fnol.ReportedLoss;
import io.telerisk.claims.fnol.UnknownPolicyException;
import io.telerisk.claims.ledger.AuditLedger;
import io.telerisk.claims.ledger.LedgerEntry;
import io.telerisk.claims.ledger.Verification;
import io.telerisk.claims.review.AdjusterDesk;
import io.telerisk.claims.review.Decision;
import io.telerisk.claims.review.FourEyesViolation;
import io.telerisk.claims.review.QueueItem;
import io.telerisk.claims.review.ReasonCode;
import io.telerisk.hub.api.ApiException;
import io.telerisk.hub.privacy.ClaimAccessGrant;
import io.telerisk.hub.privacy.ClaimAccessGrants;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Claims automation inside the hub: the domain services of {@code claims-automation} wired onto JDBC adapters
 * (claims, policies, audit ledger, crash events) and the telemetry store, plus the operations behind
 * {@code /api/v1/claims}. Device crash candidates come in through {@link #onEnvelope} (called off the event loop by
 * {@link ClaimsListener}); every claim opened for a device grants adjusters access to that device's raw positions
 * for the claim's window ({@link ClaimAccessGrants}). Every method blocks on JDBC; callers run it on a worker.
 * Tenant isolation: every read and decision is scoped to the caller's tenant; another tenant's claim is "not found".
 */
public final class ClaimsApi {
    private static final System.Logger LOG = System.getLogger(ClaimsApi.class.getName());
    /** Cover a device crash is claimed under. */
    public static final String CRASH_COVER = "COLLISION";
    /** Approvals above this need a second, different adjuster. */
    public static final BigDecimal DEFAULT_FOUR_EYES_THRESHOLD = new BigDecimal("10000.00");
    /** Raw positions an adjuster may read on each side of the loss time (and at least the evidence window). */
    public static final Duration GRANT_MARGIN = Duration.ofMinutes(30);
    /** Most samples read to cross-check a reported loss. */
    public static final int MAX_WINDOW_SAMPLES = 50_000;

    private final Clock clock;
    private final JdbcClaimRepository claims;
    private final JdbcPolicyDirectory policies;
    private final AuditLedger ledger;
    private final CrashClaimService crashes;
    private final ReportedClaimService reported;
    private final AdjusterDesk desk;
    private final ClaimAccessGrants grants;
    private final CrashEventLog crashEvents;
    private final String classifierName;
    private final CrashConfirmer confirmer;
    private final Object[] deviceLocks = new Object[64];

    /**
     * @param classifier        crash classifier (the TensorFlow model, or the physics rule)
     * @param threshold         probability from which a crash is confirmed
     * @param fourEyesThreshold approvals above this need a second adjuster
     */
    public ClaimsApi(DataSource dataSource, TelemetryStore store, ClaimAccessGrants grants, Clock clock, CrashClassifier classifier,
                     double threshold, BigDecimal fourEyesThreshold) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.claims = new JdbcClaimRepository(dataSource, clock);
        this.policies = new JdbcPolicyDirectory(dataSource);
        this.ledger = new AuditLedger(new JdbcAuditLedgerStore(dataSource));
        this.crashEvents = new CrashEventLog(dataSource);
        ClaimJournal journal = new ClaimJournal(claims, ledger);
        ClaimIntake intake = new ClaimIntake(journal, new Assessor(AssessmentRules.defaults()));
        this.confirmer = new CrashConfirmer(new PulseAnalyzer(PulseConfig.defaults()), classifier, threshold);
        this.crashes = new CrashClaimService(confirmer, policies, intake, CRASH_COVER);
        this.reported = ReportedClaimService.withDefaults(new StoreTelemetryWindows(store, MAX_WINDOW_SAMPLES), confirmer, policies, intake);
        this.desk = new AdjusterDesk(journal, fourEyesThreshold);
        this.classifierName = classifier.name();
        for (int i = 0; i < deviceLocks.length; i++) deviceLocks[i] = new Object();
    }

    /**
     * The hub's default: the TensorFlow crash model in {@code modelDir} when one was trained there
     * ({@code claims train-model --out DIR}), else the physics rule the model is benchmarked against.
     */
    public static ClaimsApi create(DataSource dataSource, TelemetryStore store, ClaimAccessGrants grants, Clock clock, Path modelDir) {
        if (modelDir != null && Files.isDirectory(modelDir)) {
            TfCrashClassifier model;
            try {
                model = TfCrashClassifier.load(modelDir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot load the crash model in " + modelDir + ": " + e.getMessage(), e);
            }
            return new ClaimsApi(dataSource, store, grants, clock, model, model.threshold(), DEFAULT_FOUR_EYES_THRESHOLD);
        }
        return new ClaimsApi(dataSource, store, grants, clock, new PhysicsRuleClassifier(CrashTraining.RECALL_DELTA_V_KMH), 0.5,
                DEFAULT_FOUR_EYES_THRESHOLD);
    }

    /**
     * Runs the crash path's pure and read-only parts on synthetic windows (pulse analysis and classification of
     * crashes and potholes, the claim, policy, loss-time and event-log lookups), so that the first real crash after
     * a start does not pay for class loading, JIT compilation and cold statements: measured, the first claims after
     * a start took about 1.3 s against about 40 ms once warm. Writes nothing.
     *
     * @return how long it took
     */
    public Duration warmUp(int rounds) {
        long t0 = System.nanoTime();
        ScenarioGenerator g = new ScenarioGenerator(20261122L);
        for (int i = 0; i < rounds; i++) {
            confirmer.judge((i % 2 == 0 ? g.crash(12.5) : g.next(ScenarioKind.POTHOLE)).window());
        }
        DeviceKey nobody = new DeviceKey("warm-up", io.telerisk.model.DeviceType.VEHICLE, "warm-up");
        claims.find("CRASH-warm-up-none");
        claims.lossTimes("warm-up-none");
        policies.policyFor(nobody, clock.instant());
        crashEvents.seen(nobody, -1, 0);
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The crash classifier in use (name and version), as cited in claim evidence. */
    public String classifier() {
        return classifierName;
    }

    public JdbcPolicyDirectory policies() {
        return policies;
    }

    public JdbcClaimRepository claims() {
        return claims;
    }

    public AuditLedger ledger() {
        return ledger;
    }

    /** Counters of crash candidates since start. */
    public CrashClaimService.Stats crashStats() {
        return crashes.stats();
    }

    /** How many crash events of the device ended with this outcome (OPENED, DUPLICATE, NOT_CONFIRMED, NO_POLICY, REJECTED, DISMISSED). */
    public int crashEventCount(DeviceKey device, String outcome) {
        return crashEvents.count(device, outcome);
    }

    // ---------------------------------------------------------------- device events

    /** Whether an envelope carries events for claims (cheap; called on the ingest thread). */
    static boolean relevant(Envelope e) {
        for (DeviceEvent ev : e.events()) {
            if (EventTypes.CRASH_CANDIDATE.equals(ev.type()) || EventTypes.CRASH_DISMISSED.equals(ev.type())) return true;
        }
        return false;
    }

    /**
     * Handles the crash events of one accepted envelope: a candidate is judged and may open a claim (with its access
     * grant); a dismissal is recorded. An envelope seen before (same device and sequence) changes nothing.
     */
    public void onEnvelope(Envelope envelope, Instant receivedAt) {
        // one device's envelopes are handled one at a time, so a redelivery racing its original sees its record
        synchronized (deviceLocks[Math.floorMod(envelope.key().hashCode(), deviceLocks.length)]) {
            handleEnvelope(envelope, receivedAt);
        }
    }

    private void handleEnvelope(Envelope envelope, Instant receivedAt) {
        DeviceKey device = envelope.key();
        List<DeviceEvent> events = envelope.events();
        for (int i = 0; i < events.size(); i++) {
            DeviceEvent ev = events.get(i);
            boolean candidate = EventTypes.CRASH_CANDIDATE.equals(ev.type());
            if (!candidate && !EventTypes.CRASH_DISMISSED.equals(ev.type())) continue;
            if (crashEvents.seen(device, envelope.sequence(), i)) continue;
            if (!candidate) {
                crashEvents.record(device, envelope.sequence(), i, ev, "DISMISSED", describe(ev), null, receivedAt);
                continue;
            }
            CandidateOutcome o = crashes.handle(device, ev, receivedAt);
            String outcome, detail, claimId = null;
            if (o instanceof CandidateOutcome.Opened op) {
                outcome = "OPENED";
                claimId = op.claim().claimId();
                detail = "claim " + claimId + " " + op.claim().status();
                grantFor(op.claim());
            } else if (o instanceof CandidateOutcome.Duplicate d) {
                outcome = "DUPLICATE";
                claimId = d.claim().claimId();
                detail = "claim " + claimId + " already open";
                grantFor(d.claim());
            } else if (o instanceof CandidateOutcome.NotConfirmed nc) {
                outcome = "NOT_CONFIRMED";
                detail = nc.verdict().detail();
            } else if (o instanceof CandidateOutcome.NoPolicy np) {
                outcome = "NO_POLICY";
                detail = np.detail();
            } else {
                CandidateOutcome.Rejected r = (CandidateOutcome.Rejected) o;
                outcome = "REJECTED";
                detail = r.reason() + ": " + r.detail();
            }
            crashEvents.record(device, envelope.sequence(), i, ev, outcome, detail, claimId, receivedAt);
        }
    }

    private static String describe(DeviceEvent ev) {
        String m = ev.measures().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        String l = ev.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return "dismissed at " + ev.time() + (m.isEmpty() ? "" : "; " + m) + (l.isEmpty() ? "" : "; " + l);
    }

    /** Grants adjusters the device's raw positions around the loss (once per claim). */
    private void grantFor(Claim c) {
        if (c.device() == null) return;
        Instant from = c.lossTime().minus(GRANT_MARGIN), to = c.lossTime().plus(GRANT_MARGIN);
        if (c.crash() != null) {
            for (Sample s : c.crash().window()) {
                if (s.time().isBefore(from)) from = s.time();
                if (!s.time().isBefore(to)) to = s.time().plusMillis(1);
            }
        }
        if (grants.find(c.claimId(), c.device()).isPresent()) return;
        try {
            grants.grant(new ClaimAccessGrant(c.claimId(), c.device(), from, to));
        } catch (IllegalStateException e) {
            // a concurrent grant for the same claim (primary key) is fine; anything else is not
            if (grants.find(c.claimId(), c.device()).isEmpty()) throw e;
        }
    }

    // ---------------------------------------------------------------- REST operations

    /** The adjusters' queue of the tenant: priority first, then the SLA due time (oldest first). */
    public JsonObject queue(String tenant, int limit) {
        Instant now = clock.instant();
        List<QueueItem> items = desk.queue(now).stream().filter(i -> tenant.equals(tenantOf(i.claim()))).toList();
        JsonArray out = new JsonArray();
        items.stream().limit(limit).forEach(i -> out.add(new JsonObject()
                .put("claimId", i.claim().claimId())
                .put("status", i.claim().status().name())
                .put("priority", i.priority().name())
                .put("source", i.claim().source().name())
                .put("deviceType", i.claim().device() == null ? null : i.claim().device().type().wireName())
                .put("deviceId", i.claim().device() == null ? null : i.claim().device().deviceId())
                .put("policyId", i.claim().policyId())
                .put("openedAt", i.claim().openedAt().toString())
                .put("lossTime", i.claim().lossTime().toString())
                .put("ageSeconds", i.age().toSeconds())
                .put("due", i.due().toString())
                .put("overdue", i.overdue())
                .put("amount", money(i.claim().amount()))
                .put("currency", i.claim().currency())
                .put("firstApprover", i.claim().firstApprover())));
        return new JsonObject().put("count", out.size()).put("total", items.size()).put("items", out);
    }

    /** One claim of the tenant with its assessment, evidence package and ledger history. */
    public JsonObject claim(String tenant, String claimId) {
        Claim c = owned(tenant, claimId);
        JsonObject o = claimJson(c);
        JsonArray history = new JsonArray();
        for (LedgerEntry e : ledger.history(claimId)) {
            history.add(new JsonObject().put("sequence", e.sequence()).put("at", e.at().toString()).put("fromState", e.fromState())
                    .put("toState", e.toState()).put("actor", e.actor()).put("reasonCode", e.reasonCode()).put("amount", money(e.amount()))
                    .put("detail", e.detail()).put("hash", e.hash()));
        }
        o.put("history", history);
        if (c.device() != null) grants.find(claimId, c.device()).ifPresent(g -> o.put("locationAccess",
                new JsonObject().put("from", g.from().toString()).put("to", g.to().toString())));
        return o;
    }

    private Claim owned(String tenant, String claimId) {
        return claims.find(tenant, claimId).orElseThrow(() -> ApiException.notFound("no claim '" + claimId + "'"));
    }

    static JsonObject claimJson(Claim c) {
        JsonObject o = new JsonObject(ClaimDocuments.write(c));
        o.put("tenant", tenantOf(c));
        return o;
    }

    private static String tenantOf(Claim c) {
        return c.device() == null ? null : c.device().tenant();
    }

    private static String money(BigDecimal b) {
        return b == null ? null : b.toPlainString();
    }

    /**
     * A loss reported by a person (policyholder, broker, adjuster taking a call), cross-checked against the device's
     * stored telemetry, assessed and routed. Body: {@code deviceType, deviceId, lossTime, collision, place?
     * {latitudeDeg, longitudeDeg}, claimedAmount?, description?, reportedBy?, coverageCode?}.
     */
    public JsonObject report(String tenant, String username, JsonObject body) {
        DeviceType type = deviceType(body.getValue("deviceType"));
        String deviceId = text(body, "deviceId", true, 64);
        Instant lossTime = instant(body, "lossTime");
        if (lossTime.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) throw ApiException.badRequest("lossTime " + lossTime + " is in the future");
        Object collision = body.getValue("collision");
        if (!(collision instanceof Boolean)) throw ApiException.badRequest("collision must be true or false");
        GnssFix place = null;
        if (body.getValue("place") != null) {
            if (!(body.getValue("place") instanceof JsonObject p)) throw ApiException.badRequest("place must be an object {latitudeDeg, longitudeDeg}");
            double lat = number(p, "latitudeDeg"), lon = number(p, "longitudeDeg");
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) throw ApiException.badRequest("place out of range: " + lat + ", " + lon);
            place = GnssFix.of(lat, lon);
        }
        BigDecimal claimed = body.getValue("claimedAmount") == null ? null : amount(body.getValue("claimedAmount"), "claimedAmount");
        String description = text(body, "description", false, 2000);
        String reportedBy = Optional.ofNullable(text(body, "reportedBy", false, 128)).orElse(username);
        String cover = Optional.ofNullable(text(body, "coverageCode", false, 32)).orElse(CRASH_COVER);
        DeviceKey device = new DeviceKey(tenant, type, deviceId);
        ReportedLoss loss = new ReportedLoss(reportedBy, lossTime, place, (Boolean) collision, claimed, description);
        Claim c;
        try {
            c = reported.report(device, loss, cover, clock.instant());
        } catch (UnknownPolicyException e) {
            throw new ApiException(422, "no_policy", e.getMessage());
        }
        grantFor(c);
        return claimJson(c);
    }

    /**
     * An adjuster's decision. Body: {@code decision} (approve, adjust, reject, request-info), {@code reasonCode}
     * (a {@link ReasonCode}), {@code amount} (adjust), {@code what} (request-info). Four-eyes: an approval above the
     * threshold waits for a second, different adjuster (409 when the same one tries).
     */
    public JsonObject decide(String tenant, String adjuster, String claimId, JsonObject body) {
        owned(tenant, claimId);
        String kind = text(body, "decision", true, 32).toLowerCase(Locale.ROOT);
        ReasonCode reason = reasonCode(body.getValue("reasonCode"));
        Decision d = switch (kind) {
            case "approve" -> new Decision.Approve(reason);
            case "adjust" -> {
                if (body.getValue("amount") == null) throw ApiException.badRequest("decision 'adjust' needs an amount");
                yield new Decision.AdjustAmount(amount(body.getValue("amount"), "amount"), reason);
            }
            case "reject" -> new Decision.Reject(reason);
            case "request-info" -> new Decision.RequestInformation(reason, text(body, "what", false, 2000));
            default -> throw ApiException.badRequest("decision must be approve, adjust, reject or request-info, not '" + kind + "'");
        };
        try {
            return claimJson(desk.decide(claimId, adjuster, d, clock.instant()));
        } catch (FourEyesViolation e) {
            throw ApiException.conflict(e.getMessage());
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    /** Recomputes the whole ledger chain from the genesis. */
    public JsonObject verifyLedger() {
        Verification v = ledger.verify();
        JsonObject o = new JsonObject().put("valid", v.valid()).put("entries", v.entriesChecked());
        if (v.valid()) o.put("head", ledger.head());
        else o.put("firstBadEntry", v.badSequence()).put("problem", v.problem());
        return o;
    }

    /**
     * Stores a policy for a device of the tenant (what claims checks cover against). Body: {@code policyId, holder,
     * deviceType, deviceId, inception, expiry, coverages: [{code, limit, deductible, currency}]}.
     */
    public JsonObject upsertPolicy(String tenant, JsonObject body) {
        String policyId = text(body, "policyId", true, 64);
        DeviceKey device = new DeviceKey(tenant, deviceType(body.getValue("deviceType")), text(body, "deviceId", true, 64));
        Instant inception = instant(body, "inception"), expiry = instant(body, "expiry");
        if (!expiry.isAfter(inception)) throw ApiException.badRequest("expiry must be after inception");
        if (!(body.getValue("coverages") instanceof JsonArray covers) || covers.isEmpty()) {
            throw ApiException.badRequest("coverages must be a non-empty array of {code, limit, deductible, currency}");
        }
        List<Coverage> list = new java.util.ArrayList<>();
        for (Object o : covers) {
            if (!(o instanceof JsonObject cv)) throw ApiException.badRequest("each coverage must be an object");
            String currency = text(cv, "currency", true, 3);
            if (!currency.matches("[A-Z]{3}")) throw ApiException.badRequest("currency must be an ISO 4217 code, not '" + currency + "'");
            list.add(new Coverage(text(cv, "code", true, 32), amount(cv.getValue("limit"), "limit"),
                    amount(cv.getValue("deductible"), "deductible"), currency));
        }
        Policy p = new Policy(policyId, Optional.ofNullable(text(body, "holder", false, 128)).orElse(""), device, inception, expiry, list);
        policies.upsert(p);
        return new JsonObject().put("policyId", policyId).put("deviceType", device.type().wireName()).put("deviceId", device.deviceId())
                .put("inception", inception.toString()).put("expiry", expiry.toString()).put("coverages", list.size());
    }

    // ---------------------------------------------------------------- input checks

    private static DeviceType deviceType(Object v) {
        if (!(v instanceof String s)) throw ApiException.badRequest("deviceType is required (vehicle, wearable or farm)");
        try {
            return DeviceType.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown deviceType '" + echo(s) + "'");
        }
    }

    private static ReasonCode reasonCode(Object v) {
        if (!(v instanceof String s)) {
            throw ApiException.badRequest("reasonCode is required, one of " + Arrays.toString(ReasonCode.values()));
        }
        try {
            return ReasonCode.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown reasonCode '" + echo(s) + "', expected one of " + Arrays.toString(ReasonCode.values()));
        }
    }

    private static String text(JsonObject o, String key, boolean required, int maxLen) {
        Object v = o.getValue(key);
        if (v == null) {
            if (required) throw ApiException.badRequest(key + " is required");
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) throw ApiException.badRequest(key + " must be a non-empty string");
        if (s.length() > maxLen) throw ApiException.badRequest(key + " is longer than " + maxLen + " characters");
        if (s.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t')) throw ApiException.badRequest(key + " contains control characters");
        return s;
    }

    private static Instant instant(JsonObject o, String key) {
        String s = text(o, key, true, 40);
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            throw ApiException.badRequest(key + " must be an ISO-8601 instant such as 2026-06-01T10:00:00Z, not '" + echo(s) + "'");
        }
    }

    private static double number(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) throw ApiException.badRequest(key + " must be a number");
        return n.doubleValue();
    }

    /** Money from a decimal string (preferred) or a JSON number; non-negative, at most 2 decimals. */
    private static BigDecimal amount(Object v, String key) {
        BigDecimal b;
        try {
            if (v instanceof String s) b = new BigDecimal(s.trim());
            else if (v instanceof Number n) b = new BigDecimal(n.toString());
            else throw ApiException.badRequest(key + " must be a decimal amount such as \"1250.00\"");
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(key + " must be a decimal amount such as \"1250.00\", not '" + echo(String.valueOf(v)) + "'");
        }
        if (b.signum() < 0) throw ApiException.badRequest(key + " must not be negative");
        if (b.scale() > 2) throw ApiException.badRequest(key + " has more than 2 decimals: " + b.toPlainString());
        if (b.precision() - b.scale() > 15) throw ApiException.badRequest(key + " is too large");
        return b.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String echo(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return t.replaceAll("[\\p{Cntrl}]", "?");
    }
}
