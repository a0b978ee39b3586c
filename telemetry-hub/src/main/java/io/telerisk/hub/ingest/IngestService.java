package io.telerisk.hub.ingest;

import io.telerisk.hub.mqtt.BuiltInMqttEndpoint;
import io.telerisk.hub.mqtt.SharedSubscriptionSource;
import io.telerisk.hub.registry.DeviceRegistry;
import io.telerisk.hub.spool.DiskSpool;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.model.validation.EnvelopeValidator;
import io.telerisk.model.validation.Limits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The hub's ingest, started and stopped as one unit. It owns the MQTT sources (the built-in endpoint and/or the
 * external broker's shared subscription), the {@link IngestPipeline}, the batch writer with its disk spool, and
 * the dedup state. See docs/ingest.md for the at-least-once contract.
 *
 * <pre>{@code
 * IngestService ingest = IngestService.start(vertx, config.ingest(), telemetryStore, deviceRegistry, stats,
 *         FileDeadLetterStore.open(config.ingest())).await();   // or compose the Future
 * ingest.addListener(summariser::accept);
 * ingest.publishCommand(device, EncodedCommand.json("{\"type\":\"ping\"}"));
 * ...
 * ingest.close();
 * }</pre>
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class IngestService {
    private static final Logger LOG = Logger.getLogger(IngestService.class.getName());
    /** How often the {@code $share} path forgets the rate buckets of devices that went quiet (on a worker). */
    private static final long FORGET_QUIET_EVERY_MILLIS = 10_000;

    private final Vertx vertx;
    private final IngestConfig config;
    private final Listeners listeners;
    private final Backpressure backpressure;
    private final IngestLanes writer;
    private final Deduplicator dedup;
    private final IngestPipeline pipeline;
    private volatile BuiltInMqttEndpoint builtIn;
    private volatile SharedSubscriptionSource external;
    private volatile long forgetQuietTimer = -1;

    private IngestService(Vertx vertx, IngestConfig config, Listeners listeners, Backpressure backpressure,
                          IngestLanes writer, Deduplicator dedup, IngestPipeline pipeline) {
        this.vertx = vertx;
        this.config = config;
        this.listeners = listeners;
        this.backpressure = backpressure;
        this.writer = writer;
        this.dedup = dedup;
        this.pipeline = pipeline;
    }

    /**
     * Starts with the platform's codecs (JSON {@code application/json}, protobuf {@code application/x-protobuf})
     * limited to {@link IngestConfig#maxMessageBytes()}, and the model's {@link EnvelopeValidator}. See
     * {@link #start(Vertx, IngestConfig, TelemetryStore, DeviceRegistry, IngestStats, DeadLetterStore, List, EnvelopeCheck)}.
     */
    public static Future<IngestService> start(Vertx vertx, IngestConfig config, TelemetryStore store,
                                              DeviceRegistry registry, IngestStats stats, DeadLetterStore deadLetters) {
        Limits limits = Limits.DEFAULT.withMaxPayloadBytes(config.maxMessageBytes());
        Codecs codecs = Codecs.withLimits(limits);
        return start(vertx, config, store, registry, stats, deadLetters,
                List.of(codecs.jsonCodec(), codecs.protobufCodec()),
                EnvelopeCheck.of(new EnvelopeValidator(limits), Clock.systemUTC()));
    }

    /**
     * Opens the spool (replaying whatever a previous run left in it), starts the batch writer, then the built-in
     * MQTT endpoint (when {@link IngestConfig#builtInEnabled()}) and the external broker subscription (when
     * {@link IngestConfig#externalEnabled()}).
     *
     * @param vertx        the hub's Vert.x; the built-in endpoint runs on its event loop
     * @param config       ingest settings
     * @param store        where accepted telemetry goes; called from the two lanes' writer threads (must be thread-safe)
     * @param registry     authenticates devices on the built-in endpoint; checks devices seen via the broker
     * @param stats        counters, shared with the REST API and metrics
     * @param deadLetters  where rejected messages go (e.g. {@link FileDeadLetterStore}); not closed by this service
     * @param codecs       payload codecs, selected by MQTT 5 content type; one must serve
     *                     {@link IngestConfig#defaultContentType()}
     * @param check        semantic validation (the model's EnvelopeValidator adapted to {@link EnvelopeCheck})
     * @return the running service, or a failed future naming what could not start (port taken, broker refused)
     */
    public static Future<IngestService> start(Vertx vertx, IngestConfig config, TelemetryStore store,
                                              DeviceRegistry registry, IngestStats stats, DeadLetterStore deadLetters,
                                              List<EnvelopeCodec> codecs, EnvelopeCheck check) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(codecs, "codecs");
        Objects.requireNonNull(check, "check");
        CodecRegistry codecRegistry = new CodecRegistry(codecs, config.defaultContentType());
        return vertx.executeBlocking(() -> openSpools(config)).compose(spools -> {
            Listeners listeners = new Listeners();
            Backpressure bp = new Backpressure(config.maxInFlightBytes());
            IngestLanes writer = new IngestLanes(
                    new BatchWriter("telemetry", config.batchMaxDelay(), config, store, spools[0], deadLetters, stats, codecRegistry, listeners, bp),
                    new BatchWriter("urgent", Duration.ZERO, config, store, spools[1], deadLetters, stats, codecRegistry, listeners, bp));
            Deduplicator dedup = new Deduplicator(config.dedupWindow(), config.dedupMaxDevices());
            IngestPipeline pipeline = new IngestPipeline(config, codecRegistry, registry, check, dedup, stats, writer, Clock.systemUTC());
            IngestService s = new IngestService(vertx, config, listeners, bp, writer, dedup, pipeline);
            writer.start();
            Future<Void> builtIn = config.builtInEnabled()
                    ? BuiltInMqttEndpoint.start(vertx, config, registry, pipeline, bp, stats).map(e -> {
                        s.builtIn = e;
                        return null;
                    })
                    : Future.succeededFuture();
            return builtIn
                    .compose(v -> config.externalEnabled()
                            ? SharedSubscriptionSource.start(vertx, config, pipeline::acceptShared).map(x -> {
                                s.external = x;
                                bp.register(x);
                                s.forgetQuietTimer = vertx.setPeriodic(FORGET_QUIET_EVERY_MILLIS, id -> vertx.executeBlocking(() -> {
                                    pipeline.shareRate().forgetQuiet();
                                    return null;
                                }, false));
                                return (Void) null;
                            })
                            : Future.<Void>succeededFuture())
                    .map(v -> {
                        LOG.info("ingest started: " + config);
                        return s;
                    })
                    .recover(t -> s.close().transform(x -> Future.failedFuture(t)));
        });
    }

    /** Registers a listener for envelopes once they are in the telemetry store. See {@link AcceptedListener}. */
    public void addListener(AcceptedListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Registers a listener for device status messages (online/offline). See {@link DeviceStatusListener}. */
    public void addStatusListener(DeviceStatusListener listener) {
        listeners.addStatus(Objects.requireNonNull(listener, "listener"));
    }

    /** Sends one of the platform's commands ({@code io.telerisk.model.Command}) as JSON; see {@link #publishCommand(DeviceKey, EncodedCommand)}. */
    public Future<Void> publishCommand(DeviceKey device, io.telerisk.model.Command command) {
        return publishCommand(device, new EncodedCommand("application/json", command.toJson()));
    }

    public void removeListener(AcceptedListener listener) {
        listeners.remove(listener);
    }

    /**
     * Sends a command to a device on {@code v1/{tenant}/{type}/{deviceId}/cmd} at QoS 1: directly when the device is
     * connected to the built-in endpoint (completes once the device acknowledged it), otherwise through the
     * external broker (completes on the broker's PUBACK). Fails when neither can reach the device.
     */
    public Future<Void> publishCommand(DeviceKey device, EncodedCommand command) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(command, "command");
        BuiltInMqttEndpoint b = builtIn;
        if (b != null && b.canReach(device)) return b.publish(device, command);
        SharedSubscriptionSource x = external;
        if (x != null) return Future.fromCompletionStage(x.publish(device, command));
        if (b != null) return b.publish(device, command); // fails with the reason
        return Future.failedFuture(new IllegalStateException("no MQTT source is running"));
    }

    /**
     * Takes over and drains the broker session a departed hub of the shared group left behind, through this hub's
     * pipeline (see {@link SharedSubscriptionSource#drainSession}); the caller makes sure that hub is gone.
     *
     * @return the number of messages drained
     */
    public Future<Long> drainSession(String clientId) {
        if (!config.externalEnabled()) return Future.failedFuture(new IllegalStateException("no external broker is configured"));
        return SharedSubscriptionSource.drainSession(vertx, config, clientId, pipeline::accept);
    }

    /**
     * Tells the {@code $share} path's device rate how many hubs of the shared group are live (this one included):
     * each allows 1/n of a device's {@link MqttLimits}. Called by whoever samples the group (PostgreSQL, every few
     * seconds, off the event loop); 1 until then, and always with one hub.
     */
    public void sharedGroupHubs(int n) {
        pipeline.shareRate().liveHubs(n);
    }

    /** The live-hub count the {@code $share} path's device rate divides by. */
    public int sharedGroupHubs() {
        return pipeline.shareRate().liveHubs();
    }

    /** After {@link #close()}: whether this hub's broker session was drained and ended (false when kept or none). */
    public boolean brokerSessionEnded() {
        SharedSubscriptionSource x = external;
        return x != null && x.sessionEnded();
    }

    /** What the broker reports it dropped since it started (Mosquitto's $SYS counter), or -1 when unknown. */
    public long brokerDroppedMessages() {
        SharedSubscriptionSource x = external;
        return x == null ? -1 : x.brokerDroppedMessages();
    }

    /**
     * Ends the device's session on the built-in endpoint, if it has one on this hub (its credential was revoked).
     * Behind an external broker the broker holds the session: revoke the credential there too.
     */
    public void disconnectDevice(DeviceKey device) {
        BuiltInMqttEndpoint b = builtIn;
        if (b != null) b.disconnect(device);
    }

    /** Whether a command for the device goes through the external broker (which routes it to wherever it is). */
    public boolean brokerRoutesCommands() {
        return external != null;
    }

    /** Whether the device is connected to this hub's built-in endpoint and subscribed to its cmd topic. */
    public boolean reachesDirectly(DeviceKey device) {
        BuiltInMqttEndpoint b = builtIn;
        return b != null && b.canReach(device);
    }

    /**
     * Registers a listener told (on an event loop: hand work off) when a device on this hub's built-in endpoint
     * subscribes to its cmd topic. Nothing happens without the built-in endpoint.
     */
    public void onCommandTopicSubscribed(java.util.function.Consumer<DeviceKey> listener) {
        BuiltInMqttEndpoint b = builtIn;
        if (b != null) b.onCommandTopicSubscribed(listener);
    }

    /**
     * Checks the device's session on this hub's built-in endpoint, if any, against the registry again and ends it when
     * its credential no longer works (a change made on any hub; see {@code registry.RegistryChanges}).
     */
    public void recheckDevice(DeviceKey device) {
        BuiltInMqttEndpoint b = builtIn;
        if (b != null) b.recheck(device);
    }

    /**
     * Makes the built-in endpoint, if enabled, hold the only live connection of each device among the hubs that share
     * {@code notifications}, carrying its rate allowance along (see {@code mqtt.SessionTakeOver}); call before
     * {@link io.telerisk.hub.cluster.Notifications#start}. Nothing happens on H2 (one hub).
     */
    public void shareSessions(javax.sql.DataSource dataSource, io.telerisk.hub.cluster.Notifications notifications) {
        BuiltInMqttEndpoint b = builtIn;
        if (b != null) b.shareSessions(dataSource, notifications);
    }

    /** The built-in endpoint's bound port, or -1 when it is not enabled. */
    public int builtInPort() {
        BuiltInMqttEndpoint b = builtIn;
        return b == null ? -1 : b.port();
    }

    /** The pipeline, for sources started outside this service (tests, benchmarks). */
    public IngestPipeline pipeline() {
        return pipeline;
    }

    /** Health and load of the ingest, for the REST API and metrics. */
    public Status status() {
        BuiltInMqttEndpoint b = builtIn;
        SharedSubscriptionSource x = external;
        return new Status(writer.storeAvailable(), writer.spoolBytes(), config.spoolMaxBytes(),
                backpressure.inFlightBytes(), backpressure.isPaused(), backpressure.pauses(),
                b == null ? 0 : b.connectedDevices(), x != null && x.isConnected(), dedup.devices());
    }

    /**
     * Ingest health at one moment.
     *
     * @param storeAvailable    false while store calls fail or time out (data goes to the spool)
     * @param spoolBytes        bytes waiting in the spool for replay
     * @param spoolMaxBytes     spool bound
     * @param inFlightBytes     payload bytes received but not yet acknowledged
     * @param paused            whether reading is paused by backpressure
     * @param pauses            times reading was paused since start
     * @param connectedDevices  devices connected to the built-in endpoint
     * @param brokerConnected   whether the external broker connection is up (false when none is configured)
     * @param dedupDevices      devices whose dedup window is held in memory
     */
    /** The telemetry lane's spool and the urgent lane's; neither stays locked when the other cannot be opened. */
    private static DiskSpool[] openSpools(IngestConfig config) throws java.io.IOException {
        DiskSpool telemetry = openSpool(config.spoolDir(), config.spoolMaxBytes());
        try {
            return new DiskSpool[]{telemetry, openSpool(urgentSpoolDir(config), urgentSpoolMaxBytes(config))};
        } catch (java.io.IOException | RuntimeException e) {
            telemetry.close();
            throw e;
        }
    }

    private static DiskSpool openSpool(Path dir, long maxBytes) throws java.io.IOException {
        DiskSpool spool = DiskSpool.open(dir, maxBytes);
        if (!spool.isEmpty()) LOG.info("spool " + dir + " holds " + spool.sizeBytes() + " bytes from a previous run; replaying");
        return spool;
    }

    /** The urgent lane's spool: a subdirectory of the telemetry spool (whose files it never lists). */
    static Path urgentSpoolDir(IngestConfig config) {
        return config.spoolDir().resolve("urgent");
    }

    /** An eighth of the spool bound, at least 1 MiB: urgent envelopes are few. */
    static long urgentSpoolMaxBytes(IngestConfig config) {
        return Math.max(1024L * 1024, config.spoolMaxBytes() / 8);
    }

    public record Status(boolean storeAvailable, long spoolBytes, long spoolMaxBytes, long inFlightBytes,
                         boolean paused, long pauses, int connectedDevices, boolean brokerConnected,
                         int dedupDevices) {
    }

    /**
     * Stops the sources (the external one leaves its shared group by draining what the broker holds for this hub,
     * so the pipeline still runs meanwhile), writes what is already batched (store or spool), then stops the writer.
     * Messages not yet acknowledged are redelivered by their publishers or the broker. Does not close the store or the dead-letter
     * store.
     */
    public Future<Void> close() {
        if (forgetQuietTimer >= 0) vertx.cancelTimer(forgetQuietTimer);
        BuiltInMqttEndpoint b = builtIn;
        Future<Void> stopBuiltIn = b == null ? Future.succeededFuture() : b.close().recover(t -> Future.succeededFuture());
        SharedSubscriptionSource x = external;
        return stopBuiltIn.compose(v -> x == null ? Future.<Void>succeededFuture() : x.close())
                .compose(v -> vertx.executeBlocking(() -> {
                    writer.close();
                    return null;
                }));
    }
}
