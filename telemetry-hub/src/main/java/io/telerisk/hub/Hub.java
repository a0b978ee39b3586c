package io.telerisk.hub;

import io.telerisk.hub.api.ApiServices;
import io.telerisk.hub.api.ApiVerticle;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.api.HealthCheck;
import io.telerisk.hub.auth.SigningKeys;
import io.telerisk.hub.auth.PasswordHasher;
import io.telerisk.hub.auth.TokenService;
import io.telerisk.hub.auth.UserStore;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.ingest.IngestService;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.metrics.HubMetrics;
import io.telerisk.hub.privacy.ClaimAccessGrants;
import io.telerisk.hub.privacy.LocationAccessLog;
import io.telerisk.hub.privacy.LocationPolicy;
import io.telerisk.hub.registry.DeviceStatusTracker;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.retention.RetentionJob;
import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.retention.RollupStore;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.store.TelemetryStores;
import io.telerisk.hub.store.jdbc.JdbcTelemetryStore;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.hub.summary.JdbcSummaryRepository;
import io.telerisk.hub.summary.SpeedLimits;
import io.telerisk.hub.summary.Summarizer;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running hub: the one place where everything is wired, in start order — system of record (+ Flyway), telemetry
 * store, registry and auth, summariser, retention job, ingest (built-in MQTT endpoint and/or external broker), REST
 * API. {@link #close()} stops them in reverse order, flushing what is buffered. Embeddable: the launcher's demo and
 * end-to-end tests start one with {@link #start(HubConfig)}; {@link HubMain} is the command line around it.
 */
public final class Hub implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Hub.class.getName());

    /** How long a starting hub waits while another hub drains the session its previous run left at the broker. */
    private static final Duration BROKER_SESSION_WAIT = Duration.ofSeconds(60);
    /** How often a hub looks for departed hubs of its broker group whose sessions need draining. */
    private static final Duration BROKER_SESSION_SCAN = Duration.ofSeconds(2);
    /** Parametric covers: first evaluation a minute after start, then hourly (each policy once a day across all hubs). */
    private static final Duration PARAMETRIC_FIRST_RUN = Duration.ofMinutes(1), PARAMETRIC_INTERVAL = Duration.ofHours(1);
    /** How often a hub deletes dead letters past their retention or the row cap (idempotent: every hub may). */
    private static final Duration DEAD_LETTER_PRUNE = Duration.ofMinutes(10);

    private final HubConfig config;
    private final List<AutoCloseable> stopOrder = new ArrayList<>();
    private Vertx vertx;
    private SystemOfRecord sor;
    private TelemetryStore store;
    private HubMetrics metrics;
    private JdbcDeviceRegistry registry;
    private DeviceStatusTracker statuses;
    private UserStore users;
    private TokenService tokens;
    private IngestStats stats;
    private JdbcSummaryRepository summaries;
    private Summarizer summarizer;
    private IngestService ingest;
    private io.telerisk.hub.command.CommandRelay commands;
    private ApiServices services;
    private ApiVerticle api;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;

    private Hub(HubConfig config) {
        this.config = config;
    }

    /**
     * Starts a hub and returns once every part is up (or throws, having stopped what had started).
     *
     * @throws IllegalStateException naming the part that could not start (database unreachable, port taken, ...)
     */
    public static Hub start(HubConfig config) {
        Objects.requireNonNull(config, "config");
        Hub hub = new Hub(config);
        try {
            hub.startAll();
            return hub;
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        } catch (Exception e) {
            hub.close();
            throw new IllegalStateException("hub failed to start: " + e.getMessage(), e);
        }
    }

    private void startAll() throws Exception {
        Clock clock = Clock.systemUTC();
        try {
            // only the hub's user may read positions, health data and the signing key kept here
            io.telerisk.hub.spool.PrivateFiles.createDirectory(config.dataDir());
            io.telerisk.hub.spool.PrivateFiles.restrictTree(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        RetentionPolicies policies = config.retentionPolicies();

        sor = SystemOfRecord.open(config.sor().jdbcUrl(), config.sor().user(), config.sor().password());
        stopOrder.add(0, sor);
        // H2 creates its files with the process umask: tighten what it just created in the data directory
        io.telerisk.hub.spool.PrivateFiles.restrictTree(config.dataDir());
        TelemetryStore raw = config.telemetryInSor()
                ? new JdbcTelemetryStore(sor.dataSource(), sor.dialect(), config.storage().batchSize(), policies, clock, null)
                : TelemetryStores.open(config.storage(), policies, clock);
        stopOrder.add(0, raw);
        metrics = new HubMetrics();
        stopOrder.add(0, metrics);
        store = metrics.timed(raw);

        initialiseNettyFlightRecorderEvents();
        // built with the hook that counts MQTT connections closed by the connect timeout
        vertx = io.telerisk.hub.mqtt.ConnectTimeouts.vertx();
        stopOrder.add(0, () -> vertx.close().await());
        stopOrder.add(0, new io.telerisk.hub.metrics.EventLoopLag(((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup(),
                metrics.registry()));

        registry = new JdbcDeviceRegistry(sor.dataSource(), clock, config.credentialCacheTtl(), Duration.ofSeconds(5));
        // registry changes (and commands for devices on other hubs) reach every hub through PostgreSQL NOTIFY
        io.telerisk.hub.cluster.Notifications notifications = io.telerisk.hub.cluster.Notifications.of(
                io.telerisk.hub.cluster.Notifications.listenerSource(sor.dataSource(), sor.dialect(), config.sor().jdbcUrl(),
                        config.sor().user(), config.sor().password()), sor.dialect(), clock);
        io.telerisk.hub.registry.RegistryChanges registryChanges = io.telerisk.hub.registry.RegistryChanges.share(registry, sor.dataSource(), notifications);
        statuses = new DeviceStatusTracker(sor.dataSource());
        io.telerisk.hub.config.ApiConfig.Login login = config.api().login();
        users = new UserStore(sor.dataSource(), new PasswordHasher(), clock, io.telerisk.hub.auth.LoginThrottle.of(sor.dataSource(), clock,
                login.sourceFreeFailures(), login.sourceMaxDelay(), login.usernameFreeFailures(), login.usernameMaxDelay()));
        tokens = new TokenService(vertx, SigningKeys.loadOrCreate(sor.dataSource(), clock), config.api().tokenTtl());
        stats = new IngestStats(clock);
        metrics.bindIngest(stats);
        metrics.bindRefusedLogins(registry.refusedLogins());

        // dead letters in the system of record: every hub lists all hubs' rejections; pruning is idempotent, any hub runs it
        io.telerisk.hub.ingest.JdbcDeadLetterStore deadLetters = new io.telerisk.hub.ingest.JdbcDeadLetterStore(sor.dataSource(),
                io.telerisk.hub.ingest.JdbcDeadLetterStore.DEFAULT_RETENTION, io.telerisk.hub.ingest.JdbcDeadLetterStore.DEFAULT_MAX_ROWS);
        long pruneTimer = vertx.setPeriodic(DEAD_LETTER_PRUNE.toMillis(), id -> vertx.executeBlocking(() -> deadLetters.prune(clock.instant()), false)
                .onFailure(t -> LOG.log(System.Logger.Level.WARNING, "dead letters not pruned: " + t.getMessage())));
        stopOrder.add(0, () -> vertx.cancelTimer(pruneTimer));

        summaries = new JdbcSummaryRepository(sor.dataSource(), clock);
        summarizer = new Summarizer(store, summaries, policies, SpeedLimits.everywhere(config.speedLimitKmh()), clock,
                config.summaryQueue());
        // several hubs: one elected hub recomputes the marked days, one applies retention (docs/topology.md)
        io.telerisk.hub.cluster.Leadership summaryLead = io.telerisk.hub.cluster.Leadership.of(sor.dataSource(), sor.dialect(), "summaries");
        stopOrder.add(0, summaryLead);
        // an active day is re-read from the store at most every ten intervals (and once more when it goes quiet)
        summarizer.leadWhen(summaryLead).recomputeActiveDaysEvery(config.summaryInterval().multipliedBy(10));
        summarizer.start(config.summaryInterval());
        stopOrder.add(0, summarizer);

        if (raw instanceof RollupStore rollups) {
            io.telerisk.hub.cluster.Leadership retentionLead = io.telerisk.hub.cluster.Leadership.of(sor.dataSource(), sor.dialect(), "retention");
            stopOrder.add(0, retentionLead);
            RetentionJob retention = new RetentionJob(rollups, policies, clock).leadWhen(retentionLead);
            retention.start(Duration.ofMinutes(1), config.retentionInterval());
            stopOrder.add(0, retention);
        }

        // flushed on a worker; the last flush happens in close()
        long flushTimer = vertx.setPeriodic(config.statusFlushInterval().toMillis(), id ->
                vertx.executeBlocking(statuses::flushUnlessBusy, false).onFailure(t ->
                        LOG.log(System.Logger.Level.WARNING, "device status flush failed: " + t.getMessage())));
        stopOrder.add(0, () -> {
            vertx.cancelTimer(flushTimer);
            statuses.close();
        });
        // stops after the ingest (added before it): statuses the ingest drains on its way out are still written
        io.telerisk.hub.registry.DeviceStatusWrites statusWrites = new io.telerisk.hub.registry.DeviceStatusWrites(statuses, clock);
        stopOrder.add(0, statusWrites);

        // crash candidates and loan requests are judged through this queue, by whichever hub takes them
        io.telerisk.hub.work.WorkQueue workQueue = new io.telerisk.hub.work.WorkQueue(sor.dataSource(), clock);
        // claims: crash candidates are handled on the listener's own workers; it stops after ingest (drains its queue)
        io.telerisk.hub.claims.ClaimsApi claims = io.telerisk.hub.claims.ClaimsApi.create(sor.dataSource(), store, summaries, registry,
                new ClaimAccessGrants(sor.dataSource(), clock), clock, config.dataDir().resolve("models").resolve("crash"), config.claimsClassifier());
        LOG.log(System.Logger.Level.INFO, "crash classifier: " + claims.classifier() + " (telerisk.claims.classifier = "
                + config.claimsClassifier().name().toLowerCase(java.util.Locale.ROOT) + ")");
        // the model is released after the listener's workers stopped (added before them, so it stops after them)
        stopOrder.add(0, claims::closeClassifier);
        io.telerisk.hub.claims.ClaimsListener claimsListener = new io.telerisk.hub.claims.ClaimsListener(claims, workQueue, clock);
        stopOrder.add(0, claimsListener);
        claimsListener.warmUp();
        // parametric covers: every hub ticks; each policy is evaluated once a day (the database records who did it)
        long parametricTimer = vertx.setPeriodic(PARAMETRIC_FIRST_RUN.toMillis(), PARAMETRIC_INTERVAL.toMillis(), id -> vertx.executeBlocking(() ->
                claims.parametric().evaluate(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusDays(1)), false)
                .onFailure(t -> LOG.log(System.Logger.Level.WARNING, "parametric covers not evaluated: " + t.getMessage())));
        stopOrder.add(0, () -> vertx.cancelTimer(parametricTimer));
        // several hubs on one broker group: own this hub's broker session before connecting (see BrokerSessions)
        io.telerisk.hub.mqtt.BrokerSessions brokerSessions = config.ingest().externalEnabled()
                && sor.dialect() == io.telerisk.hub.store.jdbc.SqlDialect.POSTGRESQL
                ? io.telerisk.hub.mqtt.BrokerSessions.claim(sor.dataSource(), config.ingest().sharedGroup(),
                config.ingest().clientId(), config.ingest().externalBrokerUri(), clock, BROKER_SESSION_WAIT)
                : null;
        if (brokerSessions != null) stopOrder.add(0, brokerSessions);
        // Ingest's registry check answers from memory: every device loaded before the first message, and again
        // every half cache lifetime (a worker), so no device's message waits for a query on the event loop.
        LOG.log(System.Logger.Level.INFO, "registry: " + registry.preload() + " devices preloaded");
        long registryRefresh = vertx.setPeriodic(Math.max(1_000, config.credentialCacheTtl().toMillis() / 2), id ->
                vertx.executeBlocking(registry::preload, false).onFailure(t ->
                        LOG.log(System.Logger.Level.WARNING, "registry preload failed: " + t.getMessage())));
        stopOrder.add(0, () -> vertx.cancelTimer(registryRefresh));
        ingest = IngestService.start(vertx, config.ingest(), store, registry, stats, deadLetters).await();
        stopOrder.add(0, () -> {
            ingest.close().await();
            if (brokerSessions != null) brokerSessions.left(ingest.brokerSessionEnded());
        });
        if (brokerSessions != null) {
            // one scan at a time, on a worker: a departed hub's session keeps receiving its share until drained
            long adoptTimer = vertx.setPeriodic(BROKER_SESSION_SCAN.toMillis(), id -> vertx.executeBlocking(
                    () -> brokerSessions.adoptDeparted(c -> ingest.drainSession(c).toCompletionStage()), true));
            stopOrder.add(0, () -> vertx.cancelTimer(adoptTimer));
            // the $share device rate: each live hub of the group allows 1/N of a device's telerisk.mqtt.rate.*
            stopOrder.add(0, io.telerisk.hub.mqtt.LiveHubCount.start(vertx, brokerSessions, ingest::sharedGroupHubs));
        }
        if (config.ingest().externalEnabled()) {
            metrics.functionCounter("telerisk_broker_dropped_messages",
                    "messages the broker reports it dropped since it started (Mosquitto $SYS/broker/publish/messages/dropped; 0 when the broker does not report it)",
                    ingest, i -> Math.max(0, i.brokerDroppedMessages()));
        }
        ingest.addListener(summarizer); // marks the stored batch's device-days before it is acknowledged
        ingest.addListener(claimsListener);
        metrics.gauge("telerisk_claims_events_failed", "envelopes with crash events claims could not handle (see log)", claimsListener,
                l -> l.stats().failed() + l.stats().overflow());
        metrics.gauge("telerisk_claims_crash_model_load_failures", "failed loads of the crash model since start (see log and /health)", claims,
                io.telerisk.hub.claims.ClaimsApi::crashModelLoadFailures);
        metrics.gauge("telerisk_claims_crash_claims_opened", "claims opened from device crash candidates since start", claims,
                c -> c.crashStats().opened());
        // Both listeners run on the ingest writer threads as data becomes durable, so the hub's clock orders them
        // (a last will carries the device's connect time, which would sort before the telemetry). Urgent events
        // (crash, loan request) are written on their own lane, normally ahead of the telemetry lane's batch.
        // a disabled, decommissioned or re-credentialed device's session ends at once
        registry.onRevoked(ingest::disconnectDevice);
        // a change made on any hub: this hub's session of the device is checked again (ended if its credential is gone)
        registryChanges.onChanged(ingest::recheckDevice);
        // one live built-in endpoint connection per device across the hubs; its rate allowance moves with it (#12)
        ingest.shareSessions(sor.dataSource(), notifications);
        // commands reach the device through the broker, or the hub holding its built-in endpoint connection (outbox)
        commands = io.telerisk.hub.command.CommandRelay.start(vertx, ingest, sor.dataSource(), notifications, clock, config.commandOutbox());
        stopOrder.add(0, commands);
        for (String k : commands.counters().keySet()) {
            metrics.gauge("telerisk_commands_" + k, "commands to devices since start: " + k, commands, r -> r.counters().get(k));
        }
        notifications.start(10_000);
        stopOrder.add(0, notifications);
        ingest.addListener(e -> statuses.seen(e.key(), clock.instant()));
        // edge agents' health reports (queue depth, drops, reconnects): latest per device, for operators
        ingest.addListener(registry.agentHealth());
        // connects and disconnects written at once, in order, off the writer thread (last seen: the flush timer)
        ingest.addStatusListener(statusWrites::status);
        metrics.gauge("telerisk_device_status_stale_offlines", "offlines ignored since start: about a connection the device had already left (e.g. for another hub)",
                statuses, io.telerisk.hub.registry.DeviceStatusTracker::staleOfflines);
        // crop credit: loan requests from field devices answered on their cmd topic (see io.telerisk.hub.agri)
        io.telerisk.hub.agri.AgriApi agri = new io.telerisk.hub.agri.AgriApi(sor.dataSource(), summaries,
                io.telerisk.hub.agri.NdviStores.open(config.storage(), config.telemetryInSor(), sor.dataSource()), clock);
        // lender as loss payee: approved parametric payouts on a cover linked to a loan go to its instalments
        claims.payLossPayeesWith(agri.covers().asLossPayees());
        // drought covers with an NDVI condition read the NDVI anomaly of the sensor's field from the agri desk
        claims.ndviAnomaliesFrom(agri.asNdviAnomalies());
        io.telerisk.hub.agri.LoanRequestListener loanDesk = agri.loanListener(commands::send);
        stopOrder.add(0, loanDesk);
        ingest.addListener(loanDesk);
        for (String k : loanDesk.counters().keySet()) {
            metrics.gauge("telerisk_agri_loan_requests_" + k, "device loan requests since start: " + k, loanDesk, l -> l.counters().get(k));
        }
        metrics.gauge("telerisk_mqtt_connected_devices", "devices connected to the built-in endpoint", ingest,
                i -> i.status().connectedDevices());
        metrics.gauge("telerisk_ingest_spool_bytes", "bytes waiting in the spool", ingest, i -> i.status().spoolBytes());

        // pricing: the telematics score model loads on the first quote that needs it, not here (see LazyTelematicsScorer)
        io.telerisk.hub.pricing.LazyTelematicsScorer scorer = io.telerisk.hub.pricing.LazyTelematicsScorer.of(config.scoreModel(), clock);
        stopOrder.add(0, scorer);
        metrics.gauge("telerisk_pricing_score_model_load_failures", "failed loads of the telematics score model since start (see log)",
                scorer, io.telerisk.hub.pricing.LazyTelematicsScorer::loadFailures);
        services = new ApiServices(config.api(), clock, registry, statuses, users, tokens, store, summaries, stats,
                deadLetters, new ClaimAccessGrants(sor.dataSource(), clock), new LocationAccessLog(sor.dataSource()),
                new LocationPolicy(), metrics, List.of(drainCheck(), sorCheck(), storeCheck(), brokerCheck(), ingestCheck(), crashClassifierCheck(claims)),
                new io.telerisk.hub.pricing.PricingApi(sor.dataSource(), summaries, clock, scorer), agri, claims);
        api = new ApiVerticle(services);
        String apiDeployment = vertx.deployVerticle(api).await();
        stopOrder.add(0, () -> vertx.undeploy(apiDeployment).await());
    }

    private HealthCheck drainCheck() {
        return new HealthCheck("draining", () -> {
            if (draining.get()) throw new IllegalStateException("hub is stopping: no new work");
            return "accepting work";
        });
    }

    /** The external broker's connection; without one (built-in endpoint only) there is nothing to reach. */
    private HealthCheck brokerCheck() {
        return new HealthCheck("broker", () -> {
            if (!config.ingest().externalEnabled()) return "no external broker (built-in endpoint "
                    + (config.ingest().builtInEnabled() ? "on port " + ingest.builtInPort() : "off") + ")";
            if (!ingest.status().brokerConnected()) {
                throw new IllegalStateException("not connected to " + config.ingest().externalBrokerUri());
            }
            return "connected to " + config.ingest().externalBrokerUri();
        });
    }

    private HealthCheck sorCheck() {
        return new HealthCheck("sor", () -> {
            try (Connection c = sor.dataSource().getConnection()) {
                if (!c.isValid(2)) throw new IllegalStateException("connection not valid");
                return c.getMetaData().getDatabaseProductName();
            }
        });
    }

    private HealthCheck storeCheck() {
        // a real round trip to the backend: an empty read of a reserved device
        DeviceKey probe = new DeviceKey("_health", DeviceType.VEHICLE, "_probe");
        return new HealthCheck("store", () -> {
            store.raw(probe, Instant.EPOCH, Instant.EPOCH.plusSeconds(1), 1);
            return store.describe();
        });
    }

    /**
     * A crash model that failed to load shows in {@code /health} (down, with the reason and the next attempt) without
     * taking the hub out of rotation: ingest is unaffected, and the crash events wait in the shared queue for this hub's
     * next attempt or for another hub (this hub's crash workers take none meanwhile).
     */
    private static HealthCheck crashClassifierCheck(io.telerisk.hub.claims.ClaimsApi claims) {
        return new HealthCheck("crashClassifier", claims::crashClassifierHealth, false);
    }

    /** Spooling is degraded but still safe (nothing is lost), so it shows in /health without taking the hub out of rotation. */
    private HealthCheck ingestCheck() {
        return new HealthCheck("ingest", () -> {
            IngestService.Status s = ingest.status();
            if (!s.storeAvailable()) throw new IllegalStateException("store unavailable; spooling (" + s.spoolBytes() + " bytes)");
            return "connected devices " + s.connectedDevices() + ", spool " + s.spoolBytes() + " bytes";
        }, false);
    }

    /** Provisions a demo tenant (users per role, devices with credentials) and mints a bearer token per role. */
    public DemoProvisioner.DemoSetup provisionDemo(String tenant) {
        return new DemoProvisioner(users, registry, tokens).provision(tenant);
    }

    /** Provisions a demo tenant with these devices (registered now unless they already are). */
    public DemoProvisioner.DemoSetup provisionDemo(String tenant, List<DeviceKey> devices) {
        return new DemoProvisioner(users, registry, tokens).provision(tenant, devices);
    }

    /** The provisioner of demo tenants (users, logins, devices with credentials) on this hub's stores. */
    public DemoProvisioner demoProvisioner() {
        return new DemoProvisioner(users, registry, tokens);
    }

    /**
     * Netty's pooled allocator declares JFR events; the first chunk it allocates initialises the class, and with it the
     * JVM's whole flight-recorder metadata. That happened on an event loop, on the first MQTT packet, and blocked it
     * for 2-5 s on a busy machine (BlockedThreadChecker, side-by-side rig 2026-12-06): do it here, before any loop runs.
     */
    private static void initialiseNettyFlightRecorderEvents() {
        try {
            Class.forName("io.netty.buffer.AllocateChunkEvent", true, Hub.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // another Netty version without that event, or no jdk.jfr module: nothing to initialise early
        }
    }

    public HubConfig config() {
        return config;
    }

    /** The REST API's port (the actual one when configured as 0). */
    public int apiPort() {
        return api.actualPort();
    }

    /** Base URL of the REST API, e.g. {@code http://127.0.0.1:8080} ({@code https} when TLS is configured). */
    public String apiUrl() {
        String host = config.api().host();
        return (config.api().tls().enabled() ? "https" : "http") + "://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host)
                + ":" + apiPort();
    }

    /** The built-in MQTT endpoint's port, or -1 when it is disabled. */
    public int mqttPort() {
        return config.ingest().builtInEnabled() ? ingest.builtInPort() : -1;
    }

    public Vertx vertx() {
        return vertx;
    }

    public ApiServices services() {
        return services;
    }

    public JdbcDeviceRegistry registry() {
        return registry;
    }

    public DeviceStatusTracker statuses() {
        return statuses;
    }

    public IngestStats ingestStats() {
        return stats;
    }

    public IngestService ingest() {
        return ingest;
    }

    /** Sends commands to devices, whichever hub holds their connection (see {@link io.telerisk.hub.command.CommandRelay}). */
    public io.telerisk.hub.command.CommandRelay commands() {
        return commands;
    }

    public TelemetryStore store() {
        return store;
    }

    public JdbcSummaryRepository summaries() {
        return summaries;
    }

    public Summarizer summarizer() {
        return summarizer;
    }

    public SystemOfRecord systemOfRecord() {
        return sor;
    }

    /**
     * Marks the hub as stopping: {@code GET /health/ready} answers 503 from now on, while everything keeps working.
     * {@link #close()} starts with this; it is public for orchestration that wants to drain earlier.
     */
    public void drain() {
        if (!draining.getAndSet(true)) LOG.log(System.Logger.Level.INFO, "draining: readiness reports 503 from now on");
    }

    /** Whether {@link #drain()} was called. */
    public boolean draining() {
        return draining.get();
    }

    /**
     * Drains first (readiness down, then {@code telerisk.api.drain-delay} so load balancers stop sending work while
     * the hub still takes it), then stops everything in reverse start order; each part is closed even if another
     * fails. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        drain();
        Duration delay = config.api().drainDelay();
        if (!delay.isZero() && api != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (AutoCloseable c : stopOrder) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "error while stopping " + c + ": " + e.getMessage(), e);
            }
        }
        stopOrder.clear();
    }
}
