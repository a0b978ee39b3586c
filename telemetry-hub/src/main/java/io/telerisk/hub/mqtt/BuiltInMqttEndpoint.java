package io.telerisk.hub.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.telerisk.hub.ingest.Backpressure;
import io.telerisk.hub.ingest.EncodedCommand;
import io.telerisk.hub.registry.DeviceSession;
import io.telerisk.hub.ingest.InboundMessage;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.IngestPipeline;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.hub.ingest.MqttRefusal;
import io.telerisk.hub.registry.DeviceRegistry;
import io.telerisk.hub.registry.RefusedLogins;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub's own MQTT endpoint (Vert.x MQTT server) for the embedded mode: devices connect here directly.
 *
 * <ul>
 *   <li>CONNECT ({@link ConnectGate}): username {@code tenant/deviceId}, password the device token, checked by the
 *       {@link DeviceRegistry} on a worker thread. Missing or wrong credentials are refused with
 *       "bad user name or password" (0x86 in MQTT 5, 4 in 3.1.1). CONNACK announces receive maximum, maximum QoS 1,
 *       no retain, no wildcard or shared subscriptions. One connection per device: a newer one replaces the older with
 *       DISCONNECT 0x8E, on this hub or, through {@link SessionTakeOver}, on any hub of the system of record.
 *   <li>PUBLISH: handed to the {@link IngestPipeline} with the device's identity; PUBACK only when the pipeline
 *       acknowledges (durable, dead-lettered or duplicate). Publishing outside its own topics is dead-lettered
 *       as NOT_AUTHORISED and the connection is KEPT: the device's valid data keeps flowing and a reconnect loop
 *       is avoided; the violation is visible in the counters and the dead letters.
 *   <li>SUBSCRIBE: only the device's own {@code .../cmd} topic is granted; anything else gets "not authorized".
 *   <li>Refused CONNECTs are counted and reported to the registry's {@link RefusedLogins} (username, remote
 *       address, time), which a timer flushes every second on a worker into the shared table operators read.
 *   <li>Abuse (issue #12), each refusal counted in {@code telerisk_mqtt_refused{reason}} ({@link MqttRefusal}) and
 *       told to MQTT 5 devices with its reason code and a reason string: a packet above the announced Maximum
 *       Packet Size ends the connection with 0x95; a retained PUBLISH (retain is announced unavailable) with 0x9A;
 *       PUBLISHes above the device's rate ({@link MqttLimits}, kept across its reconnects by {@link DeviceAllowances})
 *       get PUBACK 0x97 and, after too many in a row, the
 *       connection ends with 0x96; CONNECTs beyond {@link MqttLimits#maxPendingConnects()} being authenticated get
 *       0x89; a connection without CONNECT closes after {@link MqttLimits#connectTimeout()}; a device asking for no
 *       keep-alive or one above {@link MqttLimits#maxKeepAlive()} is given that maximum (Server Keep Alive) and
 *       disconnected with 0x8D after 1.5 times it in silence.
 *   <li>Presence: an accepted connection makes the device online and the end of its current connection (clean
 *       DISCONNECT or lost) offline, through {@link IngestPipeline#presence}, whatever the device publishes itself.
 * </ul>
 * No session state survives a disconnect (clean sessions only): a device re-publishes what was not acknowledged.
 */
public final class BuiltInMqttEndpoint {
    private static final Logger LOG = Logger.getLogger(BuiltInMqttEndpoint.class.getName());

    private final Vertx vertx;
    private final IngestConfig cfg;
    private final DeviceRegistry registry;
    private final IngestPipeline pipeline;
    private final Backpressure backpressure;
    private final IngestStats stats;
    private final MqttLimits limits;
    private final EndpointRefusals refusals;
    private final ConnectGate connectGate;
    private final Map<DeviceKey, DeviceConnection> connections = new ConcurrentHashMap<>();
    /** Each device's rate allowance here, kept across its connections. */
    private final DeviceAllowances allowances;
    /** Told of every connection accepted here (the take-over between hubs); nothing by default. */
    private volatile java.util.function.BiConsumer<DeviceKey, DeviceSession> sessionStarted = (d, s) -> { };
    private volatile long keepAliveTimer = -1;
    /** One server per event loop; Vert.x spreads accepted connections over them. */
    private final List<MqttServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<DeviceKey>> commandTopicListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closing;
    /** How long a connection's first packets wait for the allowance its previous hub hands over (see DeviceConnection#awaitLevel). */
    private static final long LEVEL_WAIT_MS = 1000;
    /** How long a command waits for the device's PUBACK before it counts as not delivered. */
    static final long COMMAND_ACK_TIMEOUT_MS = 10_000;
    private volatile long flushTimer = -1;
    /** Counts connections closed by the connect timeout (Vert.x closes them without telling). */
    private volatile ConnectTimeouts.Watch connectTimeouts;
    /** How often refused logins go to the shared table. */
    private static final long REFUSED_FLUSH_MS = 1000;

    private BuiltInMqttEndpoint(Vertx vertx, IngestConfig cfg, DeviceRegistry registry, IngestPipeline pipeline,
                                Backpressure backpressure, IngestStats stats) {
        this.vertx = vertx;
        this.cfg = cfg;
        this.registry = registry;
        this.pipeline = pipeline;
        this.backpressure = backpressure;
        this.stats = stats;
        this.limits = cfg.limits();
        this.refusals = new EndpointRefusals(cfg, stats);
        this.allowances = new DeviceAllowances(limits);
        this.connectGate = new ConnectGate(vertx, registry, stats, limits, this::accept);
    }

    /**
     * Largest MQTT packet accepted (announced as Maximum Packet Size): a bit above twice the payload limit, so a
     * payload over the limit is still read and dead-lettered as too large, not a dropped connection.
     */
    static int maxPacketBytes(IngestConfig cfg) {
        return cfg.maxMessageBytes() * 2 + 1024;
    }

    /** Starts listening on {@code cfg.mqttHost():cfg.mqttPort()}. */
    public static Future<BuiltInMqttEndpoint> start(Vertx vertx, IngestConfig cfg, DeviceRegistry registry,
                                                    IngestPipeline pipeline, Backpressure backpressure, IngestStats stats) {
        BuiltInMqttEndpoint e = new BuiltInMqttEndpoint(vertx, cfg, registry, pipeline, backpressure, stats);
        // Vert.x shares a listening socket among instances only for a concrete port, so 0 is resolved first
        int port = cfg.mqttPort() == 0 ? freePort(cfg.mqttHost()) : cfg.mqttPort();
        e.connectTimeouts = ConnectTimeouts.watch(vertx, port, cfg.limits().connectTimeout(), () -> stats.refused(MqttRefusal.CONNECT_TIMEOUT));
        MqttServerOptions options = new MqttServerOptions()
                .setHost(cfg.mqttHost())
                .setPort(port)
                .setMaxMessageSize(maxPacketBytes(cfg))
                .setTimeoutOnConnect((int) cfg.limits().connectTimeout().toSeconds())
                // the MQTT default of 23 characters is too short for real device client ids
                .setMaxClientIdLength(256);
        if (cfg.mqttTlsCertPath() != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(cfg.mqttTlsCertPath()).setKeyPath(cfg.mqttTlsKeyPath()));
        }
        // one deployment of several instances: Vert.x shares the listening socket among them
        return vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
                    @Override
                    public Future<?> start() {
                        MqttServer server = MqttServer.create(vertx, options);
                        server.endpointHandler(endpoint -> {
                            e.connectTimeouts.connected(endpoint.remoteAddress());
                            e.connectGate.onConnect(endpoint);
                        }).exceptionHandler(t -> LOG.log(Level.FINE, "mqtt server", t));
                        return server.listen().onSuccess(e.servers::add);
                    }
                }, new io.vertx.core.DeploymentOptions().setInstances(INSTANCES))
                .compose(id -> {
                    e.deployments.add(id);
                    long ports = e.servers.stream().mapToInt(MqttServer::actualPort).distinct().count();
                    if (ports != 1) return Future.failedFuture(new IllegalStateException("MQTT server instances bound " + ports + " different ports"));
                    if (registry.refusedLogins() != RefusedLogins.NOWHERE) {
                        e.flushTimer = vertx.setPeriodic(REFUSED_FLUSH_MS, t -> vertx.executeBlocking(() -> {
                            registry.refusedLogins().flush();
                            return null;
                        }, false).onFailure(x -> LOG.log(Level.FINE, "refused logins flush", x)));
                    }
                    e.keepAliveTimer = vertx.setPeriodic(1000, t -> {
                        e.refusals.endSilent(e.connections.values());
                        e.allowances.evictIdle(System.nanoTime());
                    });
                    if (cfg.mqttTlsCertPath() == null && !cfg.builtInLoopbackOnly()) {
                        LOG.warning("the built-in MQTT endpoint listens on " + cfg.mqttHost() + " without TLS: device "
                                + "credentials and positions cross the network in clear; set telerisk.mqtt.tls-cert and "
                                + "telerisk.mqtt.tls-key (docs/operations.md)");
                    }
                    LOG.info("built-in MQTT endpoint listening on " + cfg.mqttHost() + ":" + e.port() + " on " + INSTANCES
                            + " event loops" + (cfg.mqttTlsCertPath() != null ? " (TLS)" : ""));
                    return Future.succeededFuture(e);
                })
                .recover(t -> e.close().transform(x -> Future.failedFuture(t)));
    }

    private static int freePort(String host) {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port on " + host, e);
        }
    }

    /** Event loops serving MQTT connections: the cores, at most 4 (the writer and the store need CPU too). */
    static final int INSTANCES = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** The port actually bound (useful when configured with 0). */
    public int port() {
        return servers.isEmpty() ? -1 : servers.get(0).actualPort();
    }

    /** Devices currently connected. */
    public int connectedDevices() {
        return connections.size();
    }

    /** Whether this device is connected and subscribed to its cmd topic. */
    public boolean canReach(DeviceKey device) {
        DeviceConnection c = connections.get(device);
        return c != null && c.cmdSubscribed;
    }

    private void accept(MqttEndpoint endpoint, Context ctx, DeviceRegistry.RegisteredDevice registered, boolean v5) {
        DeviceKey device = registered.key();
        int askedKeepAlive = endpoint.keepAliveTimeSeconds();
        int maxKeepAlive = (int) limits.maxKeepAlive().toSeconds();
        // Vert.x enforces the keep-alive a device asks for, and none when it asks for 0: the hub imposes its maximum
        boolean imposeKeepAlive = askedKeepAlive == 0 || askedKeepAlive > maxKeepAlive;
        DeviceConnection conn = new DeviceConnection(endpoint, ctx, device, registered.registeredAt(),
                DeviceSession.begin(java.time.Instant.now()), allowances.attach(device, System.nanoTime()),
                imposeKeepAlive ? maxKeepAlive * 1_500_000_000L : 0);
        String source = "builtin:" + endpoint.clientIdentifier();
        endpoint.publishAutoAck(false);
        endpoint.subscriptionAutoAck(false);
        endpoint.publishHandler(m -> onPublish(conn, source, m));
        endpoint.publishReleaseHandler(id -> {
            conn.heard();
            endpoint.publishComplete(id);
        });
        endpoint.pingHandler(v -> conn.heard());
        endpoint.publishAcknowledgeHandler(id -> {
            conn.heard();
            Promise<Void> p = conn.commandAcks.remove(id);
            if (p != null) p.tryComplete();
        });
        endpoint.subscribeHandler(s -> onSubscribe(conn, s));
        endpoint.unsubscribeHandler(u -> {
            conn.heard();
            if (u.topics().contains(Topic.of(device, Channel.CMD).render())) conn.cmdSubscribed = false;
            endpoint.unsubscribeAcknowledge(u.messageId());
        });
        boolean[] cleanDisconnect = {false};
        endpoint.disconnectHandler(v -> cleanDisconnect[0] = true);
        endpoint.closeHandler(v -> {
            conn.commandAcks.values().forEach(p -> p.tryFail("the connection of " + device + " closed before it acknowledged the command"));
            conn.commandAcks.clear();
            boolean current = connections.remove(device, conn);
            allowances.detach(conn.rate);
            backpressure.unregister(conn);
            // Nothing when a newer connection of the same device replaced this one, nor when the hub itself shuts down.
            // A connection taken over by another hub goes on like one lost: its offline is about a session the device
            // left, which the status table tells apart (DeviceStatusTracker); its last will is published as a broker would.
            if (!current || closing) return;
            // a connection lost without DISCONNECT publishes its last will (the device's "offline" status)
            InboundMessage will = cleanDisconnect[0] ? null : conn.lastWill(source + " (last will)");
            if (will != null) pipeline.accept(will);
            // Whatever the device said or left as its will, it is not connected any more: a clean DISCONNECT has no
            // will, and devices that never publish their status would otherwise stay online for ever.
            pipeline.presence(device, false, registered.registeredAt(), source + " (disconnected)", conn.session);
        });
        endpoint.exceptionHandler(t -> refusals.decoderFailure(conn, t));
        if (v5) endpoint.accept(false, DeviceConnection.connackProperties(cfg, maxPacketBytes(cfg), imposeKeepAlive ? maxKeepAlive : 0));
        else endpoint.accept(false);
        DeviceConnection previous = connections.put(device, conn);
        pipeline.presence(device, true, registered.registeredAt(), source + " (connected)", conn.session);
        if (previous != null && previous.endpoint != endpoint) refusals.takenOver(previous, "a newer connection of the device on this hub");
        backpressure.register(conn);
        if (conn.rate.awaitingLevel()) conn.awaitLevel(vertx, LEVEL_WAIT_MS, backpressure::isPaused);
        sessionStarted.accept(device, conn.session);
    }

    private void onPublish(DeviceConnection conn, String source, MqttPublishMessage m) {
        conn.heard();
        if (refusals.refused(conn, m)) return;
        String contentType = null;
        var ct = m.properties() == null ? null : m.properties().getProperty(MqttProperties.CONTENT_TYPE);
        if (ct != null && ct.value() instanceof String s) contentType = s;
        boolean needsAck = m.qosLevel() != MqttQoS.AT_MOST_ONCE;
        if (m.qosLevel() == MqttQoS.EXACTLY_ONCE) conn.qos2Ids.add(m.messageId());
        byte[] payload = m.payload().getBytes();
        pipeline.accept(new InboundMessage(m.topicName(), contentType, payload, conn.device, conn.registeredAt, source,
                needsAck ? conn : null, m.messageId(), conn.session));
    }

    private void onSubscribe(DeviceConnection conn, MqttSubscribeMessage s) {
        conn.heard();
        conn.grant(s, refusals);
        if (conn.cmdSubscribed) {
            for (var l : commandTopicListeners) {
                try {
                    l.accept(conn.device);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "command topic listener failed for " + conn.device, e);
                }
            }
        }
    }

    /**
     * Registers a listener told (on the event loop: hand work off) when a device connected here subscribes to its cmd
     * topic, i.e. when commands kept for it can be delivered.
     */
    public void onCommandTopicSubscribed(java.util.function.Consumer<DeviceKey> listener) {
        commandTopicListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Publishes a command on the device's cmd topic at QoS 1. Completes when the device acknowledged it (PUBACK); fails
     * when the device is not connected or not subscribed to its cmd topic, when its connection closes first, or after
     * {@value #COMMAND_ACK_TIMEOUT_MS} ms without an acknowledgement.
     */
    public Future<Void> publish(DeviceKey device, EncodedCommand command) {
        DeviceConnection c = connections.get(device);
        if (c == null || !c.cmdSubscribed)
            return Future.failedFuture(new IllegalStateException("device " + device + (c == null ? " is not connected" : " has not subscribed to its cmd topic")));
        return c.sendCommand(vertx, command, COMMAND_ACK_TIMEOUT_MS);
    }

    /**
     * Ends the device's connection, if it has one here: its credential stopped working (disabled, decommissioned,
     * rotated). The end is told to the status listeners like any other (offline).
     */
    public void disconnect(DeviceKey device) {
        DeviceConnection c = connections.get(device);
        if (c == null) return;
        LOG.info("ending the connection of " + device + ": its credential was revoked");
        c.context.runOnContext(v -> {
            if (c.endpoint.isConnected()) c.endpoint.close();
        });
    }

    /**
     * Checks the device's connection here, if it has one, against the registry again with the credentials it connected
     * with, and ends it when they no longer work: another hub (or this one) changed the device's state or credential.
     * A connection made with the new credential stays. When the registry cannot answer, the connection stays (the
     * next change or the next connect checks again).
     */
    public void recheck(DeviceKey device) {
        DeviceConnection c = connections.get(device);
        if (c == null) return;
        var auth = c.endpoint.auth();
        String username = auth == null ? null : auth.getUsername();
        String password = auth == null ? null : auth.getPassword();
        vertx.executeBlocking(() -> registry.authenticate(username, password), false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.log(Level.WARNING, "could not check the connection of " + device + " again", ar.cause());
            } else if (ar.result().filter(d -> d.key().equals(device)).isEmpty()) {
                LOG.info("ending the connection of " + device + ": its credential no longer works");
                c.context.runOnContext(v -> {
                    if (c.endpoint.isConnected()) c.endpoint.close();
                });
            }
        });
    }

    /**
     * Makes this endpoint hold the only live connection of each device among the hubs sharing {@code notifications}
     * ({@link SessionTakeOver}); call before {@link Notifications#start}. Nothing when notifications do not travel (H2).
     */
    public void shareSessions(javax.sql.DataSource dataSource, io.telerisk.hub.cluster.Notifications notifications) {
        if (notifications.shared()) SessionTakeOver.share(vertx, dataSource, notifications, this);
    }

    void onSessionStarted(java.util.function.BiConsumer<DeviceKey, DeviceSession> listener) {
        sessionStarted = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** This hub's announcement of the device's session came in the shared order: a later one elsewhere replaces it. */
    void announcedHere(DeviceKey device, String sessionId) {
        DeviceConnection c = connections.get(device);
        if (c != null && c.session.id().equals(sessionId)) c.announced = true;
    }

    /**
     * Another hub announced a session of the device: this hub's connection of it ends (0x8E) unless its own
     * announcement is still to come (then it is the later one and stays), and its allowance moves away.
     *
     * @return what was left of the allowance here, for the new session's hub; empty when this connection stays or this
     * hub held nothing of the device
     */
    java.util.Optional<DeviceRateLimit.Level> announcedElsewhere(DeviceKey device) {
        DeviceConnection c = connections.get(device);
        if (c != null && !c.announced) return java.util.Optional.empty();
        if (c != null) refusals.takenOver(c, "a newer connection of the device on another hub");
        return allowances.movedAway(device, System.nanoTime());
    }

    /** The device's previous hub handed over what was left of its allowance: the session here continues from it. */
    void continueFrom(DeviceKey device, String sessionId, DeviceRateLimit.Level level) {
        DeviceConnection c = connections.get(device);
        if (c == null || !c.session.id().equals(sessionId)) return;
        allowances.continueFrom(device, level, System.nanoTime());
        c.levelArrived();
    }

    /** Stops listening and closes every connection. */
    public Future<Void> close() {
        closing = true;
        if (connectTimeouts != null) connectTimeouts.close();
        if (flushTimer >= 0) vertx.cancelTimer(flushTimer);
        if (keepAliveTimer >= 0) vertx.cancelTimer(keepAliveTimer);
        connections.values().forEach(c -> c.context.runOnContext(v -> {
            if (c.endpoint.isConnected()) c.endpoint.close();
        }));
        Future<Void> all = Future.succeededFuture();
        for (String id : deployments) all = all.compose(v -> vertx.undeploy(id).recover(t -> Future.succeededFuture()));
        // what was refused in the last second still goes to the shared table
        return all.compose(v -> vertx.executeBlocking(() -> {
            registry.refusedLogins().flush();
            return (Void) null;
        }, false).recover(t -> Future.succeededFuture()));
    }
}
