package io.telerisk.hub.claims;

import io.telerisk.claims.assessment.AssessmentRules;
import io.telerisk.claims.assessment.Assessor;
import io.telerisk.claims.classifier.CrashClassifier;
import io.telerisk.claims.classifier.PhysicsRuleClassifier;
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
import io.telerisk.claims.fnol.StaleClaimException;
import io.telerisk.claims.fnol.ClaimStatus;
import io.telerisk.claims.fnol.ReportedClaimService;
import io.telerisk.claims.fnol.ReportedLoss;
import io.telerisk.claims.fnol.UnknownPolicyException;
import io.telerisk.claims.ledger.AuditLedger;
import io.telerisk.claims.ledger.LedgerEntry;
import io.telerisk.claims.review.AdjusterDesk;
import io.telerisk.claims.review.Decision;
import io.telerisk.claims.review.FourEyesViolation;
import io.telerisk.claims.review.ReasonCode;
import io.telerisk.hub.api.ApiException;
import io.telerisk.hub.api.ListPage;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.ClaimsClassifier;
import io.telerisk.hub.privacy.ClaimAccessGrant;
import io.telerisk.hub.privacy.ClaimAccessGrants;
import io.telerisk.hub.registry.DeviceRegistry;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.summary.SummaryRepository;
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
    private final PendingCrashEvents pendingCrashEvents;
    private final String classifierName;
    private final CrashConfirmer confirmer;
    private final CrashClassifier classifier;
    private final ClaimJournal journal;
    private final LedgerReads ledgerReads;
    private final ClaimAttachments attachments;
    private final DeviceRegistry registry;
    private final ParametricCovers parametric;
    private final AssessmentRules rules = AssessmentRules.defaults();
    private final ClaimPositions positions;
    private final Object[] deviceLocks = new Object[64];

    /**
     * @param classifier        crash classifier (the TensorFlow model, or the physics rule)
     * @param threshold         probability from which a crash is confirmed
     * @param fourEyesThreshold approvals above this need a second adjuster
     */
    public ClaimsApi(DataSource dataSource, TelemetryStore store, SummaryRepository summaries, DeviceRegistry registry, ClaimAccessGrants grants,
                     Clock clock, CrashClassifier classifier, double threshold, BigDecimal fourEyesThreshold) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.registry = Objects.requireNonNull(registry, "registry");
        JdbcTransactions tx = new JdbcTransactions(dataSource);
        this.claims = new JdbcClaimRepository(tx, clock);
        this.policies = new JdbcPolicyDirectory(dataSource);
        JdbcAuditLedgerStore ledgerStore = new JdbcAuditLedgerStore(tx);
        this.ledger = new AuditLedger(ledgerStore, tx);
        this.ledgerReads = new LedgerReads(ledger, ledgerStore);
        this.crashEvents = new CrashEventLog(dataSource);
        this.pendingCrashEvents = new PendingCrashEvents(dataSource);
        this.attachments = new ClaimAttachments(dataSource, tx);
        this.journal = new ClaimJournal(claims, ledger, tx);
        this.parametric = new ParametricCovers(dataSource, policies, summaries, journal, clock);
        this.positions = new ClaimPositions(new io.telerisk.hub.privacy.LocationAccessLog(dataSource), clock);
        ClaimIntake intake = new ClaimIntake(journal, new Assessor(rules));
        this.confirmer = new CrashConfirmer(new PulseAnalyzer(PulseConfig.defaults()), classifier, threshold);
        StoreTelemetryWindows stored = new StoreTelemetryWindows(store, MAX_WINDOW_SAMPLES);
        this.crashes = new CrashClaimService(confirmer, stored, policies, intake, CRASH_COVER);
        this.reported = ReportedClaimService.withDefaults(stored, confirmer, policies, intake);
        this.desk = new AdjusterDesk(journal, fourEyesThreshold);
        this.classifierName = classifier.name();
        this.classifier = classifier;
        for (int i = 0; i < deviceLocks.length; i++) deviceLocks[i] = new Object();
    }

    /**
     * The hub's classifier: with {@link ClaimsClassifier#MODEL} (the default) the TensorFlow crash model in
     * {@code modelDir} when one was trained or copied there ({@code claims train-model --out DIR}), else the model
     * shipped in claims-automation ({@code BundledCrashModel}); either loads on first use, which
     * {@link ClaimsListener#warmUp()} makes happen in the background at start. {@link ClaimsClassifier#PHYSICS}: the
     * physics rule the model is benchmarked against. A model directory whose card cannot be read fails the start.
     */
    public static ClaimsApi create(DataSource dataSource, TelemetryStore store, SummaryRepository summaries, DeviceRegistry registry,
                                   ClaimAccessGrants grants, Clock clock, Path modelDir, ClaimsClassifier choice) {
        if (choice == ClaimsClassifier.PHYSICS) {
            return new ClaimsApi(dataSource, store, summaries, registry, grants, clock, new PhysicsRuleClassifier(CrashTraining.RECALL_DELTA_V_KMH), 0.5,
                    DEFAULT_FOUR_EYES_THRESHOLD);
        }
        boolean own = modelDir != null && Files.isDirectory(modelDir);
        LazyCrashClassifier model;
        try {
            model = own ? LazyCrashClassifier.of(modelDir, clock) : LazyCrashClassifier.bundled(clock);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the crash model card in " + (own ? modelDir : "the bundled model") + ": " + e.getMessage(), e);
        }
        return new ClaimsApi(dataSource, store, summaries, registry, grants, clock, model, model.threshold(), DEFAULT_FOUR_EYES_THRESHOLD);
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

    /** Releases the crash model (TensorFlow's native memory) when the hub stops; a later judgement fails. */
    public void closeClassifier() throws Exception {
        if (classifier instanceof AutoCloseable c) c.close();
    }

    /**
     * Whether crash events can be judged now: false only while the crash model's load failed and its pause before the
     * next attempt runs (see {@link LazyCrashClassifier}); the crash workers then leave the events queued.
     */
    public boolean canJudgeCrashes() {
        return !(classifier instanceof LazyCrashClassifier lazy) || lazy.available();
    }

    /**
     * The crash classifier's state for {@code /health}: a short detail when it can judge (loaded, loading, or the
     * physics rule); throws with the reason, the failures in a row and the next attempt when the model's load failed.
     */
    public String crashClassifierHealth() {
        if (!(classifier instanceof LazyCrashClassifier lazy)) return classifierName;
        LazyCrashClassifier.Failure f = lazy.failure();
        if (f != null) {
            throw new IllegalStateException(f.reason() + "; " + f.consecutive() + " failed load(s) in a row, next attempt at " + f.retryAt()
                    + "; crash events wait in the queue (listed as PENDING)");
        }
        return classifierName + (lazy.state() == LazyCrashClassifier.State.LOADED ? " loaded" : " loading in the background");
    }

    /** Failed loads of the crash model since start (0 with the physics rule). */
    public long crashModelLoadFailures() {
        return classifier instanceof LazyCrashClassifier lazy ? lazy.loadFailures() : 0;
    }

    /** The crash classifier in use (name and version), as cited in claim evidence. */
    public String classifier() {
        return classifierName;
    }

    /** Parametric covers, evaluated from the farm-day summaries ({@link ParametricCovers#evaluate}, on the hub's schedule). */
    public ParametricCovers parametric() {
        return parametric;
    }

    /** The decision stands when the payment fails: the next parametric run (any hub) offers the approved claim again. */
    private void payLossPayeeOrLeaveToNextRun(Claim decided, String adjuster) {
        try {
            parametric.payLossPayee(decided, adjuster);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "payout of claim " + decided.claimId() + " not yet paid to the loss payee (next parametric run retries): "
                    + e.getMessage(), e);
        }
    }

    /** Adds {@code lossPayee} (the loan the payout went to) to a parametric claim's view when it was paid to a lender. */
    private JsonObject withLossPayee(JsonObject view, String tenant, Claim c) {
        if (c.source() != io.telerisk.claims.fnol.ClaimSource.PARAMETRIC) return view;
        parametric.lossPayeeLoan(tenant, c.claimId()).ifPresent(loan -> view.put("lossPayee",
                new JsonObject().put("payee", "LENDER").put("applicationId", loan).put("coverId", c.policyId())));
        return view;
    }

    /**
     * Connects approved parametric payouts to the lender desk: a cover (policy) linked to a loan pays into that loan's
     * instalments. Set once by the hub at start.
     */
    public void payLossPayeesWith(LossPayees payees) {
        parametric.payLossPayeesWith(payees);
    }

    /** Connects drought covers with an NDVI condition to the crop-credit desk's NDVI series. Set once by the hub at start. */
    public void ndviAnomaliesFrom(FieldNdviAnomalies source) {
        parametric.ndviAnomaliesFrom(source);
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

    /** The ledger's listing, export and verification as the API shows them. */
    public LedgerReads ledgerReads() {
        return ledgerReads;
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

    /**
     * Grants adjusters the device's raw positions around the loss (once per claim): for claims the system opened from
     * a device's crash event, whose loss time the device set, never for reported losses.
     */
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
    public JsonObject queue(String tenant, ListPage.Request page) {
        Instant now = clock.instant();
        JdbcClaimRepository.ClaimPage p = claims.queue(tenant, page);
        return ListPage.of(p.items(), p.total(), page, c -> ClaimViews.queueItem(AdjusterDesk.item(c, now)));
    }

    /** The tenant's claims matching the filters (closed ones too when asked for), newest first. */
    public JsonObject search(String tenant, ClaimQuery q) {
        JdbcClaimRepository.ClaimPage p = claims.search(tenant, q);
        return ListPage.of(p.items(), p.total(), q.page(), ClaimViews::summary);
    }

    /**
     * What became of the tenant's crash candidates (opened, duplicate, not confirmed, no policy, rejected, dismissed),
     * and those stored but not judged yet ({@code PENDING}: waiting for the crash model to load, a worker, or a retry),
     * listed first, newest first within each part; {@code outcome} filters on either.
     */
    public JsonObject crashEvents(String tenant, String outcome, DeviceType deviceType, String deviceId, Instant from, Instant to,
                                  ListPage.Request page) {
        String type = deviceType == null ? null : deviceType.wireName();
        List<JsonObject> waiting = outcome == null || PendingCrashEvents.OUTCOME.equals(outcome)
                ? pendingCrashEvents.list(tenant, type, deviceId, from, to) : List.of();
        if (PendingCrashEvents.OUTCOME.equals(outcome)) return ListPage.slice(waiting, page, j -> j);
        // the judged ones follow the pending ones: their page starts where the pending part of this page ends
        JsonArray items = new JsonArray();
        waiting.subList(Math.min(page.offset(), waiting.size()), page.end(waiting.size())).forEach(items::add);
        int rest = page.limit() - items.size();
        JsonObject judged = crashEvents.list(tenant, outcome, type, deviceId, from, to,
                new ListPage.Request(Math.max(0, page.offset() - waiting.size()), Math.max(1, rest)));
        if (rest > 0) judged.getJsonArray("items").forEach(items::add);
        return ListPage.of(items, waiting.size() + judged.getLong("total"), page);
    }

    /**
     * One claim of the tenant with its assessment, evidence package, settlement, ledger history, attachments and, while
     * information is requested, what was asked for.
     */
    public JsonObject claim(String tenant, String claimId) {
        Claim c = owned(tenant, claimId);
        JsonObject o = withLossPayee(ClaimViews.claim(c), tenant, c);
        JsonArray history = new JsonArray();
        LedgerEntry lastRequest = null;
        for (LedgerEntry e : ledger.history(claimId)) {
            history.add(ClaimViews.entry(e));
            if (ClaimStatus.INFORMATION_REQUESTED.name().equals(e.toState()) && !ClaimStatus.INFORMATION_REQUESTED.name().equals(e.fromState())) {
                lastRequest = e;
            }
        }
        o.put("history", history);
        if (c.status() == ClaimStatus.INFORMATION_REQUESTED && lastRequest != null) {
            o.put("informationRequested", new JsonObject().put("reasonCode", lastRequest.reasonCode()).put("by", lastRequest.actor())
                    .put("at", lastRequest.at().toString()).put("what", lastRequest.detail().replaceFirst("^requested: ", "")));
        }
        JsonArray files = new JsonArray();
        attachments.of(tenant, claimId).forEach(a -> files.add(new JsonObject().put("attachmentId", a.attachmentId()).put("filename", a.filename())
                .put("contentType", a.contentType()).put("sizeBytes", a.sizeBytes()).put("sha256", a.sha256())
                .put("submittedBy", a.submittedBy()).put("submittedAt", a.submittedAt().toString())));
        o.put("attachments", files);
        if (c.device() != null) grants.find(claimId, c.device()).ifPresent(g -> o.put("locationAccess",
                new JsonObject().put("from", g.from().toString()).put("to", g.to().toString())));
        return o;
    }

    /**
     * {@link #claim} as {@code reader} may see it: an adjuster with the evidence window's positions (the read logged
     * in the location access log), an insurer without any device position ({@link ClaimPositions}).
     */
    public JsonObject claimFor(io.telerisk.hub.auth.Principal reader, String claimId) {
        Claim c = owned(reader.tenant(), claimId);
        return positions.view(c, claim(reader.tenant(), claimId), reader);
    }

    /**
     * {@link #report} by {@code filer}: the cross-check reads the device's positions around the reported time, so the
     * read is logged (resource {@code claim-report}, the filer's role) before it happens, and the answer is the claim
     * as the filer may see it.
     */
    public JsonObject reportAs(io.telerisk.hub.auth.Principal filer, JsonObject body) {
        Object type = body.getValue("deviceType"), id = body.getValue("deviceId"), at = body.getValue("lossTime");
        if (type instanceof String && id instanceof String && at instanceof String) {
            try {
                DeviceKey device = new DeviceKey(filer.tenant(), ClaimsInput.deviceType(type), (String) id);
                Instant loss = Instant.parse((String) at);
                if (registry.find(device).isPresent()) positions.reportRead(filer, device, loss);
            } catch (RuntimeException malformed) {
                // report() refuses the body with the reason; nothing is read then
            }
        }
        JsonObject filed = report(filer.tenant(), filer.username(), body);
        Claim c = owned(filer.tenant(), filed.getString("claimId"));
        return positions.view(c, filed, filer);
    }

    private Claim owned(String tenant, String claimId) {
        return claims.find(tenant, claimId).orElseThrow(() -> ApiException.notFound("no claim '" + claimId + "'"));
    }

    /**
     * A loss reported by a person (policyholder, broker, adjuster taking a call), cross-checked against the device's
     * stored telemetry, assessed and routed. Body: {@code deviceType, deviceId, lossTime, collision, place?
     * {latitudeDeg, longitudeDeg}, claimedAmount?, description?, reportedBy?, coverageCode?}.
     */
    public JsonObject report(String tenant, String username, JsonObject body) {
        DeviceType type = ClaimsInput.deviceType(body.getValue("deviceType"));
        String deviceId = ClaimsInput.text(body, "deviceId", true, 64);
        Instant lossTime = ClaimsInput.instant(body, "lossTime");
        if (lossTime.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) throw ApiException.badRequest("lossTime " + lossTime + " is in the future");
        Object collision = body.getValue("collision");
        if (!(collision instanceof Boolean)) throw ApiException.badRequest("collision must be true or false");
        GnssFix place = null;
        if (body.getValue("place") != null) {
            if (!(body.getValue("place") instanceof JsonObject p)) throw ApiException.badRequest("place must be an object {latitudeDeg, longitudeDeg}");
            double lat = ClaimsInput.number(p, "latitudeDeg"), lon = ClaimsInput.number(p, "longitudeDeg");
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) throw ApiException.badRequest("place out of range: " + lat + ", " + lon);
            place = GnssFix.of(lat, lon);
        }
        BigDecimal claimed = body.getValue("claimedAmount") == null ? null : ClaimsInput.amount(body.getValue("claimedAmount"), "claimedAmount");
        String description = ClaimsInput.text(body, "description", false, 2000);
        String reportedBy = Optional.ofNullable(ClaimsInput.text(body, "reportedBy", false, 128)).orElse(username);
        String cover = Optional.ofNullable(ClaimsInput.text(body, "coverageCode", false, 32)).orElse(CRASH_COVER);
        DeviceKey device = new DeviceKey(tenant, type, deviceId);
        ReportedLoss loss = new ReportedLoss(reportedBy, lossTime, place, (Boolean) collision, claimed, description);
        Claim c;
        try {
            c = reported.report(device, loss, cover, clock.instant());
        } catch (UnknownPolicyException e) {
            throw new ApiException(422, "no_policy", e.getMessage());
        }
        // No position grant from a report: its filer chose the loss time, and a grant would let an adjuster read a
        // vehicle's positions around any time it names. A second person (the tenant's operator, POST
        // /api/v1/claim-grants) grants access once the loss time is confirmed; device-detected crashes keep theirs.
        return ClaimViews.claim(c);
    }

    /**
     * An adjuster's decision. Body: {@code decision} (approve, adjust, reject, request-info), {@code reasonCode}
     * (a {@link ReasonCode}), {@code amount} (adjust: the approved loss; the payout is it capped at the cover's limit,
     * less the deductible), {@code what} (request-info: what is requested, required), {@code version} (optional: the
     * claim version decided on; 409 when the claim changed since). Four-eyes: an approval whose payout is above the
     * threshold waits for a second, different adjuster (409 when the same one tries).
     */
    public JsonObject decide(String tenant, String adjuster, String claimId, JsonObject body) {
        owned(tenant, claimId);
        String kind = ClaimsInput.text(body, "decision", true, 32).toLowerCase(Locale.ROOT);
        ReasonCode reason = ClaimsInput.reasonCode(body.getValue("reasonCode"));
        Long version = ClaimsInput.version(body, "version");
        Decision d = switch (kind) {
            case "approve" -> new Decision.Approve(reason);
            case "adjust" -> {
                if (body.getValue("amount") == null) throw ApiException.badRequest("decision 'adjust' needs an amount (the approved loss)");
                yield new Decision.AdjustAmount(ClaimsInput.amount(body.getValue("amount"), "amount"), reason);
            }
            case "reject" -> new Decision.Reject(reason);
            case "request-info" -> {
                String what = ClaimsInput.text(body, "what", false, 2000);
                if (what == null) {
                    throw ApiException.badRequest("decision 'request-info' needs 'what': the information or documents requested, "
                            + "e.g. \"repair quote from the garage\"");
                }
                yield new Decision.RequestInformation(reason, what);
            }
            default -> throw ApiException.badRequest("decision must be approve, adjust, reject or request-info, not '" + ClaimsInput.echo(kind) + "'");
        };
        try {
            Claim decided = desk.decide(claimId, adjuster, d, clock.instant(), version);
            // a parametric payout on a cover linked to a loan goes to the lender (idempotent per claim id)
            payLossPayeeOrLeaveToNextRun(decided, adjuster);
            return withLossPayee(ClaimViews.claim(decided), tenant, decided);
        } catch (FourEyesViolation | StaleClaimException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    /** An adjuster's note on a claim: written to the claim's ledger (reason {@code NOTE}); the state does not change. */
    public JsonObject addNote(String tenant, String author, String claimId, JsonObject body) {
        String text = ClaimsInput.text(body, "text", true, 4000);
        Long version = ClaimsInput.version(body, "version");
        try {
            synchronized (journal.lockOf(claimId)) {
                Claim c = owned(tenant, claimId);
                if (version != null && version != c.version()) throw new StaleClaimException(claimId, version, c.version());
                journal.change(c, c, clock.instant(), author, "NOTE", text);
            }
        } catch (StaleClaimException e) {
            throw ApiException.conflict(e.getMessage());
        }
        return claim(tenant, claimId);
    }

    /**
     * Information sent for a claim (what the claimant answered, with files): each file is stored with its SHA-256,
     * the submission is written to the ledger (reason {@code INFORMATION_SUBMITTED}, naming the files and their
     * hashes), and a claim waiting for information goes back to the adjusters' queue. Body: {@code text},
     * {@code attachments?: [{filename, contentType, contentBase64}]}.
     */
    public JsonObject submitInformation(String tenant, String username, String claimId, JsonObject body) {
        String text = ClaimsInput.text(body, "text", true, 4000);
        List<ClaimAttachments.Attachment> files = new java.util.ArrayList<>();
        List<byte[]> contents = new java.util.ArrayList<>();
        Instant now = clock.instant();
        if (body.getValue("attachments") != null) {
            if (!(body.getValue("attachments") instanceof JsonArray arr)) throw ApiException.badRequest("attachments must be an array of {filename, contentType, contentBase64}");
            if (arr.size() > 10) throw ApiException.badRequest("at most 10 attachments per submission");
            for (Object o : arr) {
                if (!(o instanceof JsonObject a)) throw ApiException.badRequest("each attachment must be an object {filename, contentType, contentBase64}");
                String filename = ClaimsInput.text(a, "filename", true, 200);
                if (filename.contains("/") || filename.contains("\\")) throw ApiException.badRequest("filename must not contain a path");
                String type = ClaimsInput.text(a, "contentType", true, 100);
                if (!type.matches("[a-zA-Z0-9.+-]+/[a-zA-Z0-9.+-]+")) throw ApiException.badRequest("contentType must be a media type such as image/jpeg");
                byte[] bytes;
                try {
                    bytes = java.util.Base64.getDecoder().decode(ClaimsInput.text(a, "contentBase64", true, ClaimAttachments.MAX_BYTES * 4 / 3 + 4));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("contentBase64 of " + ClaimsInput.echo(filename) + " is not base64");
                }
                if (bytes.length == 0) throw ApiException.badRequest("attachment " + ClaimsInput.echo(filename) + " is empty");
                if (bytes.length > ClaimAttachments.MAX_BYTES) throw ApiException.badRequest("attachment larger than " + ClaimAttachments.MAX_BYTES + " bytes");
                files.add(new ClaimAttachments.Attachment(java.util.UUID.randomUUID().toString(), claimId, filename, type, bytes.length,
                        sha256(bytes), username, now));
                contents.add(bytes);
            }
        }
        String detail = text + files.stream().map(f -> " | file " + f.filename() + " (" + f.contentType() + ", " + f.sizeBytes()
                + " bytes, sha256 " + f.sha256() + ")").collect(Collectors.joining());
        try {
            synchronized (journal.lockOf(claimId)) {
                Claim c = owned(tenant, claimId);
                if (c.status().closed()) throw ApiException.conflict("claim " + claimId + " is " + c.status() + ": closed claims take no more information");
                Claim after = c.status() == ClaimStatus.INFORMATION_REQUESTED ? c.withStatus(ClaimStatus.AWAITING_ADJUSTER) : c;
                journal.inTransaction(() -> {
                    for (int i = 0; i < files.size(); i++) attachments.store(files.get(i), tenant, contents.get(i));
                    return journal.change(c, after, now, username, "INFORMATION_SUBMITTED", detail);
                });
            }
        } catch (StaleClaimException e) {
            throw ApiException.conflict(e.getMessage());
        }
        return claim(tenant, claimId);
    }

    /** The bytes of a file sent for the tenant's claim. */
    public byte[] attachment(String tenant, String claimId, String attachmentId) {
        owned(tenant, claimId);
        return attachments.content(tenant, claimId, attachmentId).orElseThrow(() -> ApiException.notFound("no attachment '" + attachmentId + "'"));
    }

    /** The media type of a file sent for the tenant's claim. */
    public String attachmentType(String tenant, String claimId, String attachmentId) {
        return attachments.of(tenant, claimId).stream().filter(a -> a.attachmentId().equals(attachmentId)).findFirst()
                .map(ClaimAttachments.Attachment::contentType).orElseThrow(() -> ApiException.notFound("no attachment '" + attachmentId + "'"));
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The injury-risk curve the assessor uses, sampled by its own function ({@link InjuryRiskCurveView}). */
    public JsonObject injuryRiskCurve() {
        return InjuryRiskCurveView.of(rules.injuryRisk());
    }

    /**
     * Stores a policy for a registered device of the tenant (what claims checks cover against). Body: {@code policyId,
     * holder, deviceType, deviceId, inception, expiry, coverages: [{code, limit, deductible, currency, terms}]}, where
     * {@code terms} (optional, {@code DROUGHT} and {@code EXCESS_RAIN} only) are the cover's index terms
     * ({@link CoverTermsJson}). Refused: an unknown device (422), a cover code given twice, a deductible above the
     * limit, terms out of bounds or on another cover (400), and a cover the device already has under another policy in
     * force at the same time (409). The answer shows the terms in force (the defaults when none were given).
     */
    public JsonObject upsertPolicy(String tenant, JsonObject body) {
        String policyId = ClaimsInput.text(body, "policyId", true, 64);
        DeviceKey device = new DeviceKey(tenant, ClaimsInput.deviceType(body.getValue("deviceType")), ClaimsInput.text(body, "deviceId", true, 64));
        Instant inception = ClaimsInput.instant(body, "inception"), expiry = ClaimsInput.instant(body, "expiry");
        if (!expiry.isAfter(inception)) throw ApiException.badRequest("expiry must be after inception");
        if (!(body.getValue("coverages") instanceof JsonArray covers) || covers.isEmpty()) {
            throw ApiException.badRequest("coverages must be a non-empty array of {code, limit, deductible, currency}");
        }
        List<Coverage> list = new java.util.ArrayList<>();
        for (Object o : covers) {
            if (!(o instanceof JsonObject cv)) throw ApiException.badRequest("each coverage must be an object");
            String code = ClaimsInput.text(cv, "code", true, 32);
            if (!code.matches("[A-Z][A-Z0-9_]*")) throw ApiException.badRequest("coverage code must be upper case letters, digits and _, such as COLLISION, not '" + ClaimsInput.echo(code) + "'");
            if (list.stream().anyMatch(c -> c.code().equals(code))) throw ApiException.badRequest("coverage " + code + " is given twice");
            String currency = ClaimsInput.text(cv, "currency", true, 3);
            if (!currency.matches("[A-Z]{3}")) throw ApiException.badRequest("currency must be an ISO 4217 code, not '" + ClaimsInput.echo(currency) + "'");
            BigDecimal limit = ClaimsInput.amount(cv.getValue("limit"), "limit"), deductible = ClaimsInput.amount(cv.getValue("deductible"), "deductible");
            if (deductible.compareTo(limit) > 0) {
                throw ApiException.badRequest("coverage " + code + ": deductible " + deductible.toPlainString() + " exceeds the limit "
                        + limit.toPlainString() + " (such a cover could never pay)");
            }
            try {
                list.add(new Coverage(code, limit, deductible, currency, CoverTermsJson.parse(code, cv.getValue("terms"))));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        if (registry.find(device).isEmpty()) {
            throw new ApiException(422, "unknown_device", "no " + device.type().wireName() + " '" + device.deviceId() + "' is registered in tenant "
                    + tenant + ": register the device before insuring it");
        }
        for (Policy other : policies.overlapping(device, inception, expiry)) {
            if (other.policyId().equals(policyId)) continue;
            for (Coverage c : list) {
                if (other.coverage(c.code()).isPresent()) {
                    throw ApiException.conflict("device " + device.deviceId() + " already has " + c.code() + " cover under policy " + other.policyId()
                            + " (" + other.inception() + " to " + other.expiry() + "): one cover per device and period");
                }
            }
        }
        Policy p = new Policy(policyId, Optional.ofNullable(ClaimsInput.text(body, "holder", false, 128)).orElse(""), device, inception, expiry, list);
        policies.upsert(p);
        JsonArray coverJson = new JsonArray();
        list.forEach(c -> {
            JsonObject o = new JsonObject().put("code", c.code()).put("limit", ClaimViews.money(c.limit()))
                    .put("deductible", ClaimViews.money(c.deductible())).put("currency", c.currency());
            // the terms in force: the cover's own, or the defaults it runs on
            if (CoverTermsJson.effective(c) != null) o.put("terms", CoverTermsJson.json(CoverTermsJson.effective(c)));
            coverJson.add(o);
        });
        return new JsonObject().put("policyId", policyId).put("deviceType", device.type().wireName()).put("deviceId", device.deviceId())
                .put("inception", inception.toString()).put("expiry", expiry.toString()).put("coverages", coverJson);
    }
}
