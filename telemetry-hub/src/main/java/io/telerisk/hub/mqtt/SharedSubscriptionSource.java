package io.telerisk.hub.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.telerisk.hub.ingest.AckTarget;
import io.telerisk.hub.ingest.EncodedCommand;
import io.telerisk.hub.ingest.InboundMessage;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.Pausable;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ingest from an external broker (Mosquitto, EMQX, HiveMQ) through MQTT 5 shared subscriptions
 * {@code $share/{group}/v1/+/+/+/{telemetry|events|status}}: every hub of a deployment joins the same group and
 * the broker hands each message to one of them.
 *
 * <p>An MQTT 5 client of its own: Netty's MQTT codec (in an {@link EmbeddedChannel}, which only encodes and
 * decodes) over a Vert.x {@link NetSocket}, on one event loop, like the built-in endpoint. Paho did this job before;
 * its packet parser copies every payload byte by byte through a synchronized stream, twice, and that alone was
 * two thirds of the hub's CPU per message (see docs/benchmarks-ingest.md).
 *
 * <p>Manual acknowledgements: the PUBACK for a message is sent only when the pipeline acknowledges it (stored,
 * spooled, dead-lettered or duplicate). The session is persistent (clean start off, session expiry
 * {@value #SESSION_EXPIRY_SECONDS} s), so the broker redelivers what was unacknowledged when this hub reconnects or
 * restarts.
 *
 * <p>Leaving the group without losing anything (docs/ingest.md, "Several hubs"): a broker keeps handing a
 * disconnected member's session its round-robin share, and ends its in-flight messages with the session (Mosquitto
 * 2.0 does both; verified by {@code SharedSubscriptionSourceTest}). So a member leaves by draining: {@link #close()}
 * unsubscribes, keeps acknowledging until nothing is in flight and the broker has been quiet for
 * {@value #QUIET_MILLIS} ms, then disconnects with session expiry 0, which ends the session. A member that died
 * (kill -9) leaves its session behind; {@link #drainSession} takes it over with the same client id and drains it the
 * same way (the hub decides whose session, see {@code BrokerSessions}).
 *
 * <p>Also subscribes (not shared, QoS 0) to Mosquitto's {@value #DROPPED_TOPIC}: the broker's count of messages it
 * dropped, exposed as a metric; brokers without it never answer and the value stays unknown. Backpressure pauses the socket ({@link Pausable}); the receive maximum ({@value #RECEIVE_MAXIMUM}) is
 * only the broker's window. Acknowledgements of messages received before a
 * reconnect are not sent on the new connection (packet ids belong to a connection's flow); the broker redelivers
 * those messages and dedup or the idempotent store absorbs them.
 *
 * <p>Reconnects with exponential backoff and jitter (1 s to 10 s) and subscribes again on every connection
 * (harmless when the session kept the subscriptions, needed when the broker lost them: Mosquitto 2.0 does not
 * restore {@code $share} subscriptions after a restart). A connection that is silent for 1.5 keep-alive periods is
 * closed and replaced.
 */
public final class SharedSubscriptionSource implements Pausable {
    private static final Logger LOG = Logger.getLogger(SharedSubscriptionSource.class.getName());
    /** How long the broker keeps this hub's session (and queues its share) while it is away. */
    static final long SESSION_EXPIRY_SECONDS = 3600;
    /** Mosquitto's cumulative count of messages it dropped (queue or in-flight limits), retained. */
    static final String DROPPED_TOPIC = "$SYS/broker/publish/messages/dropped";
    /** How long the broker must stay quiet, with nothing in flight, before a drained session is ended. */
    static final long QUIET_MILLIS = 1_000;
    /** The longest a graceful stop drains before it disconnects keeping the session (for a restart or adoption). */
    static final long DRAIN_TIMEOUT_MILLIS = 20_000;
    static final int KEEP_ALIVE_SECONDS = 30;
    /**
     * The receive maximum announced to the broker: MQTT's largest. One connection carries every device's messages
     * and the pipeline acknowledges a batch at a time, so the window must cover rate × acknowledgement delay
     * (50,000 msg/s × 50 ms = 2,500); with 1,000 it capped ingest near 20,000 msg/s. Memory stays bounded by
     * {@link #pause()}: backpressure stops reading this socket at {@code maxInFlightBytes}.
     */
    static final int RECEIVE_MAXIMUM = 65_535;
    /** MQTT's own packet limit: the pipeline dead-letters oversized payloads, so none may become a poison pill here. */
    private static final int MAX_PACKET_BYTES = 268_435_455;

    private final Vertx vertx;
    private final IngestConfig cfg;
    private final BrokerAddress address;
    private final Consumer<InboundMessage> sink;
    private final String source;
    private final AtomicLong generation = new AtomicLong();
    private final Promise<Void> firstSubscription = Promise.promise();
    /** Draining another member's session only: no subscription, one connection, completes with the count. */
    private final boolean drainOnly;
    private final Promise<Long> drained = Promise.promise();
    private final AtomicLong brokerDropped = new AtomicLong(-1);
    private volatile boolean sessionEnded;
    private volatile boolean connected;
    private volatile boolean closing;
    private volatile boolean paused;
    private volatile Context context;
    private volatile String deploymentId;

    // confined to the event loop of `context`
    private NetClient net;
    private Connection conn;
    private long reconnectTimer = -1;
    private int failures;
    private int nextPacketId = 1;
    private final Map<Integer, CompletableFuture<Void>> commands = new HashMap<>();

    private SharedSubscriptionSource(Vertx vertx, IngestConfig cfg, Consumer<InboundMessage> sink, boolean drainOnly) {
        this.vertx = vertx;
        this.drainOnly = drainOnly;
        this.cfg = cfg;
        this.address = BrokerAddress.parse(cfg.externalBrokerUri());
        this.sink = sink;
        this.source = "broker:" + address;
    }

    /** The shared-subscription filters this source subscribes to. */
    public static String[] filters(String group) {
        return new String[]{
                "$share/" + group + "/" + Topic.filterAll(Channel.TELEMETRY),
                "$share/" + group + "/" + Topic.filterAll(Channel.EVENTS),
                "$share/" + group + "/" + Topic.filterAll(Channel.STATUS)};
    }

    /**
     * Connects and subscribes on an event loop of its own. Completes once the first subscription is acknowledged;
     * fails when the broker refuses the connection or the subscription, or when it cannot be reached within 30 s.
     * Later connection losses are healed by reconnecting.
     *
     * @param sink takes every PUBLISH (on the event loop: return quickly); its {@link InboundMessage#ackTarget()}
     *             sends the PUBACK
     */
    public static Future<SharedSubscriptionSource> start(Vertx vertx, IngestConfig cfg, Consumer<InboundMessage> sink) {
        SharedSubscriptionSource s;
        try {
            s = new SharedSubscriptionSource(vertx, cfg, sink, false);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return s.deploy()
                .compose(v -> s.firstSubscription.future().timeout(30, TimeUnit.SECONDS))
                .map(v -> {
                    LOG.info("subscribed to " + String.join(", ", filters(cfg.sharedGroup())) + " at " + s.address + " as " + cfg.clientId());
                    return s;
                })
                .recover(t -> s.close().transform(x -> Future.failedFuture(
                        new IllegalStateException("cannot subscribe at the broker " + s.address + ": " + t.getMessage(), t))));
    }

    /**
     * Takes over the persistent session of a group member that is gone (killed, or its drain timed out) and drains
     * it: connects with that member's client id, unsubscribes it from the group (so the broker stops handing it a
     * share), hands every queued and in-flight message to {@code sink} like a live member, and once nothing is in
     * flight and the broker has been quiet for {@value #QUIET_MILLIS} ms, ends the session (disconnect with session
     * expiry 0). The caller must make sure the member is really gone: connecting with its client id would
     * disconnect it (see {@code BrokerSessions}).
     *
     * @param clientId the departed member's client id
     * @return the number of messages drained (0 when the broker had no such session), or a failure when the
     * connection was lost or the drain did not finish within {@value #DRAIN_TIMEOUT_MILLIS} ms (the session is kept)
     */
    public static Future<Long> drainSession(Vertx vertx, IngestConfig cfg, String clientId, Consumer<InboundMessage> sink) {
        SharedSubscriptionSource s;
        try {
            s = new SharedSubscriptionSource(vertx, cfg.withExternalBroker(cfg.externalBrokerUri(), cfg.sharedGroup(),
                    clientId, cfg.brokerUsername(), cfg.brokerPassword()), sink, true);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return s.deploy()
                .compose(v -> s.drained.future().timeout(DRAIN_TIMEOUT_MILLIS + 15_000, TimeUnit.MILLISECONDS))
                .eventually(() -> s.close());
    }

    private Future<Void> deploy() {
        SharedSubscriptionSource s = this;
        return vertx.deployVerticle(new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        s.context = context;
                        NetClientOptions o = new NetClientOptions().setConnectTimeout(10_000).setTcpNoDelay(true);
                        if (s.address.tls()) o.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
                        s.net = vertx.createNetClient(o);
                        s.connect();
                        return Future.succeededFuture();
                    }
                })
                .map(id -> {
                    s.deploymentId = id;
                    return null;
                });
    }

    public boolean isConnected() {
        return connected;
    }

    /** Whether {@link #close()} ended this member's session at the broker (drained); false when it is kept. */
    public boolean sessionEnded() {
        return sessionEnded;
    }

    /**
     * The broker's own count of messages it dropped since it started ({@value #DROPPED_TOPIC}), or -1 when the broker
     * has not reported it (not Mosquitto, or the hub may not read {@code $SYS}).
     */
    public long brokerDroppedMessages() {
        return brokerDropped.get();
    }

    /** Stops reading from the broker (backpressure); the broker keeps the messages. Idempotent, any thread. */
    @Override
    public void pause() {
        paused = true;
        Context c = context;
        if (c != null) c.runOnContext(v -> {
            if (conn != null && paused) conn.socket.pause();
        });
    }

    @Override
    public void resume() {
        paused = false;
        Context c = context;
        if (c != null) c.runOnContext(v -> {
            if (conn != null && !paused) conn.socket.resume();
        });
    }

    /** Publishes a command to the device's cmd topic through the broker at QoS 1; completes on the broker's PUBACK. */
    public CompletableFuture<Void> publish(DeviceKey device, EncodedCommand command) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Context c = context;
        if (c == null || closing) {
            done.completeExceptionally(new IllegalStateException("not connected to the broker " + address));
            return done;
        }
        c.runOnContext(v -> {
            Connection x = conn;
            if (x == null || !connected) {
                done.completeExceptionally(new IllegalStateException("not connected to the broker " + address));
                return;
            }
            int id = packetId();
            commands.put(id, done);
            MqttProperties p = new MqttProperties();
            p.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, command.contentType()));
            x.write(MqttMessageBuilders.publish().topicName(Topic.of(device, Channel.CMD).render()).qos(MqttQoS.AT_LEAST_ONCE)
                    .retained(false).messageId(id).payload(Unpooled.wrappedBuffer(command.payload())).properties(p).build());
        });
        return done;
    }

    /**
     * Leaves the group and stops reconnecting: unsubscribes, drains what the broker still holds for this member (the
     * pipeline must still be running to acknowledge it), then ends the session. When the drain cannot finish within
     * {@value #DRAIN_TIMEOUT_MILLIS} ms (or there is no connection), disconnects keeping the session: the broker holds
     * the rest for this hub's restart or another hub's {@link #drainSession}. See {@link #sessionEnded()}.
     */
    public Future<Void> close() {
        closing = true;
        Context c = context;
        if (c == null) return Future.succeededFuture();
        Promise<Void> done = Promise.promise();
        c.runOnContext(v -> {
            if (reconnectTimer >= 0) vertx.cancelTimer(reconnectTimer);
            Connection x = conn;
            Future<Void> closed = x == null ? Future.succeededFuture() : drainOnly ? x.disconnect() : x.leave();
            closed.recover(t -> Future.succeededFuture()).onComplete(ar -> {
                connected = false;
                failCommands("hub stopping");
                String id = deploymentId;
                (id == null ? Future.<Void>succeededFuture() : vertx.undeploy(id).recover(t -> Future.succeededFuture()))
                        .onComplete(x2 -> done.complete());
            });
        });
        return done.future().timeout(DRAIN_TIMEOUT_MILLIS + 10_000, TimeUnit.MILLISECONDS).recover(t -> Future.succeededFuture());
    }

    /** Drops the connection without DISCONNECT and stops, as a killed process would; the session stays (tests). */
    Future<Void> abort() {
        closing = true;
        Context c = context;
        if (c == null) return Future.succeededFuture();
        Promise<Void> done = Promise.promise();
        c.runOnContext(v -> {
            if (reconnectTimer >= 0) vertx.cancelTimer(reconnectTimer);
            Connection x = conn;
            if (x != null) {
                x.open = false;
                x.socket.close();
            }
            String id = deploymentId;
            (id == null ? Future.<Void>succeededFuture() : vertx.undeploy(id).recover(t -> Future.succeededFuture()))
                    .onComplete(x2 -> done.complete());
        });
        return done.future();
    }

    // ---------------------------------------------------------------- connection management (event loop)

    private void connect() {
        reconnectTimer = -1;
        if (closing) return;
        net.connect(address.port(), address.host()).onComplete(ar -> {
            if (ar.failed()) {
                reconnectLater("cannot connect: " + ar.cause().getMessage());
            } else if (closing) {
                ar.result().close();
            } else {
                conn = new Connection(ar.result(), generation.incrementAndGet());
                if (paused) conn.socket.pause();
                conn.sendConnect();
            }
        });
    }

    private void reconnectLater(String why) {
        connected = false;
        if (drainOnly) {
            drained.tryFail("draining the session of " + cfg.clientId() + " at " + address + " stopped: " + why);
            closing = true;
        }
        if (closing) return;
        failures++;
        long max = Math.min(10_000, 1_000L << Math.min(failures - 1, 4));
        long delay = Math.max(200, (long) (max * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble())));
        if (failures == 1) LOG.warning("lost the broker " + address + " (" + why + "); reconnecting");
        else LOG.log(Level.FINE, "broker " + address + " still unavailable (" + why + "); next attempt in " + delay + " ms");
        if (!firstSubscription.future().isComplete() && why.startsWith("refused")) {
            firstSubscription.tryFail(why);
            return;
        }
        reconnectTimer = vertx.setTimer(delay, id -> connect());
    }

    private int packetId() {
        int id = nextPacketId;
        for (int tries = 0; commands.containsKey(id) && tries < 65535; tries++) id = id % 65535 + 1;
        nextPacketId = id % 65535 + 1;
        return id;
    }

    private void failCommands(String why) {
        if (commands.isEmpty()) return;
        List<CompletableFuture<Void>> pending = new ArrayList<>(commands.values());
        commands.clear();
        pending.forEach(f -> f.completeExceptionally(new IllegalStateException("command not confirmed by the broker: " + why)));
    }

    /** One TCP connection to the broker and its MQTT flow. Everything runs on the source's event loop. */
    private final class Connection implements AckTarget {
        private final NetSocket socket;
        private final long gen;
        // Each decoded packet is handled inside the decoder's read, not queued in the channel until after it: a
        // PUBLISH's payload is a retained slice of the decoder's cumulation, and while any is alive the decoder never
        // discards what it has read. Queued, the slices of every read were alive at that moment, and under sustained
        // load the cumulation grew with every byte received (540 MB of direct memory in bench ingest overload, #12).
        private final EmbeddedChannel codec = new EmbeddedChannel(new MqttDecoder(MAX_PACKET_BYTES), MqttEncoder.INSTANCE,
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        decoded((MqttMessage) msg);
                    }
                });
        private boolean unreadable;
        private long pingTimer = -1;
        private long lastHeardNanos = System.nanoTime();
        private int subscribeId = -1;
        private boolean open = true;
        private boolean accepted;
        // leaving the group (close or drainSession): messages received and not yet acknowledged, and the last one's time
        private int outstanding;
        private long drainedMessages;
        private long lastPublishNanos = System.nanoTime();
        private int unsubscribeId = -1;
        private long drainTimer = -1;
        private Promise<Void> leaving;

        Connection(NetSocket socket, long gen) {
            this.socket = socket;
            this.gen = gen;
            socket.handler(this::received);
            socket.closeHandler(v -> closed("connection closed"));
            socket.exceptionHandler(t -> {
                LOG.log(Level.FINE, "broker connection " + address, t);
                socket.close();
            });
        }

        void sendConnect() {
            MqttProperties p = new MqttProperties();
            p.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, (int) SESSION_EXPIRY_SECONDS));
            p.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, RECEIVE_MAXIMUM));
            MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                    .clientId(cfg.clientId()).cleanSession(false).keepAlive(KEEP_ALIVE_SECONDS).properties(p);
            if (cfg.brokerUsername() != null) b.hasUser(true).username(cfg.brokerUsername());
            if (cfg.brokerPassword() != null) b.hasPassword(true).password(cfg.brokerPassword().getBytes(StandardCharsets.UTF_8));
            write(b.build());
        }

        void write(MqttMessage m) {
            if (!open) return;
            codec.writeOutbound(m);
            flushOutbound();
        }

        private void flushOutbound() {
            ByteBuf out;
            Buffer all = null;
            while ((out = codec.readOutbound()) != null) {
                try {
                    if (all == null) all = Buffer.buffer(out.readableBytes());
                    all.appendBytes(ByteBufUtil.getBytes(out));
                } finally {
                    out.release();
                }
            }
            if (all != null) socket.write(all);
        }

        private void received(Buffer data) {
            lastHeardNanos = System.nanoTime();
            codec.writeInbound(Unpooled.wrappedBuffer(data.getBytes()));
        }

        /** One packet, as the decoder produces it (see {@link #codec}); a PUBLISH's payload is released after. */
        private void decoded(MqttMessage m) {
            try {
                if (!open || unreadable) return;
                if (m.decoderResult().isFailure()) {
                    unreadable = true; // nothing after it on this connection is read
                    LOG.warning("unreadable packet from the broker " + address + ": " + m.decoderResult().cause() + "; reconnecting");
                    socket.close();
                    return;
                }
                handle(m);
            } finally {
                if (m instanceof MqttPublishMessage p) p.release();
            }
        }

        private void handle(MqttMessage m) {
            switch (m.fixedHeader().messageType()) {
                case PUBLISH -> published((MqttPublishMessage) m);
                case CONNACK -> connAck((MqttConnAckMessage) m);
                case SUBACK -> subAck((MqttSubAckMessage) m);
                case UNSUBACK -> {
                    if (((MqttMessageIdVariableHeader) m.variableHeader()).messageId() == unsubscribeId) awaitQuiet();
                }
                case PUBACK -> {
                    Object vh = m.variableHeader();
                    CompletableFuture<Void> f = commands.remove(((MqttMessageIdVariableHeader) vh).messageId());
                    if (f == null) return;
                    int rc = vh instanceof MqttPubReplyMessageVariableHeader r ? r.reasonCode() & 0xff : 0;
                    // 0x10: accepted, but no device subscribes to its cmd topic right now (it gets it on reconnect
                    // only if it has a session); reported as delivered to the broker, which is what was promised
                    if (rc < 0x80) f.complete(null);
                    else f.completeExceptionally(new IllegalStateException("the broker refused the command: reason 0x" + Integer.toHexString(rc)));
                }
                case DISCONNECT -> {
                    LOG.warning("the broker " + address + " disconnected this hub: " + m.variableHeader());
                    socket.close();
                }
                default -> { } // PINGRESP: lastHeardNanos was updated
            }
        }

        private void connAck(MqttConnAckMessage m) {
            MqttConnectReturnCode rc = m.variableHeader().connectReturnCode();
            if (rc != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                String why = "refused by the broker: " + rc;
                LOG.severe("the broker " + address + " refused client " + cfg.clientId() + ": " + rc);
                open = false;
                socket.close();
                reconnectLater(why);
                return;
            }
            accepted = true;
            long period = KEEP_ALIVE_SECONDS * 1000L / 2;
            pingTimer = vertx.setPeriodic(period, id -> keepAlive());
            if (drainOnly) {
                if (m.variableHeader().isSessionPresent()) {
                    LOG.info("took over the broker session of " + cfg.clientId() + " at " + address + "; draining it");
                    leave().onComplete(ar -> {
                        if (sessionEnded) drained.tryComplete(drainedMessages);
                        else drained.tryFail("the session of " + cfg.clientId() + " did not drain within " + DRAIN_TIMEOUT_MILLIS + " ms");
                    });
                } else {
                    endSession(); // connecting created an empty session: end it, there was nothing to drain
                    drained.tryComplete(0L);
                }
                return;
            }
            MqttMessageBuilders.SubscribeBuilder b = MqttMessageBuilders.subscribe();
            for (String f : filters(cfg.sharedGroup())) b.addSubscription(MqttQoS.AT_LEAST_ONCE, f);
            subscribeId = packetId();
            write(b.messageId(subscribeId).build());
            // a separate packet: a broker that refuses $SYS to this user must not fail the group subscription
            write(MqttMessageBuilders.subscribe().addSubscription(MqttQoS.AT_MOST_ONCE, DROPPED_TOPIC).messageId(packetId()).build());
        }

        /**
         * Leaves the group: unsubscribe, acknowledge until the broker is quiet with nothing in flight, then end the
         * session. Disconnects keeping the session when that takes longer than {@value #DRAIN_TIMEOUT_MILLIS} ms.
         */
        Future<Void> leave() {
            if (leaving != null) return leaving.future();
            leaving = Promise.promise();
            if (!open || !accepted) {
                disconnect().onComplete(ar -> leaving.tryComplete());
                return leaving.future();
            }
            MqttMessageBuilders.UnsubscribeBuilder b = MqttMessageBuilders.unsubscribe();
            for (String f : filters(cfg.sharedGroup())) b.addTopicFilter(f);
            b.addTopicFilter(DROPPED_TOPIC);
            unsubscribeId = packetId();
            write(b.messageId(unsubscribeId).build());
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MILLIS);
            drainTimer = vertx.setPeriodic(100, id -> {
                if (System.nanoTime() - deadline > 0) {
                    LOG.warning("could not drain the broker session of " + cfg.clientId() + " within " + DRAIN_TIMEOUT_MILLIS
                            + " ms (" + outstanding + " in flight); disconnecting and keeping the session for a restart or another hub");
                    disconnect().onComplete(ar -> leaving.tryComplete());
                }
            });
            return leaving.future();
        }

        /** After the UNSUBACK no new message is routed to this session: what still comes is its backlog. */
        private void awaitQuiet() {
            lastPublishNanos = System.nanoTime();
            long quiet = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
            vertx.setPeriodic(QUIET_MILLIS / 10, id -> {
                if (!open) {
                    vertx.cancelTimer(id);
                } else if (outstanding == 0 && System.nanoTime() - lastPublishNanos >= quiet) {
                    vertx.cancelTimer(id);
                    endSession();
                    LOG.info("left the shared group at " + address + " as " + cfg.clientId() + " after draining " + drainedMessages + " messages; session ended");
                    if (leaving != null) leaving.tryComplete();
                }
            });
        }

        /** Disconnect with session expiry 0 (MQTT 5 §3.14.2.2.2): the broker discards the session at once. */
        private void endSession() {
            MqttProperties p = new MqttProperties();
            p.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 0));
            write(MqttMessageBuilders.disconnect().reasonCode((byte) 0).properties(p).build());
            sessionEnded = true;
            open = false;
            socket.close();
        }

        private void subAck(MqttSubAckMessage m) {
            if (m.variableHeader().messageId() != subscribeId) return;
            List<Integer> codes = m.payload().reasonCodes();
            for (int c : codes) {
                if (c >= 0x80) {
                    String why = "refused the subscription " + String.join(", ", filters(cfg.sharedGroup())) + ": reason 0x" + Integer.toHexString(c);
                    LOG.severe("the broker " + address + " " + why);
                    if (!firstSubscription.future().isComplete()) firstSubscription.tryFail("refused: " + why);
                    closing = true; // a refused subscription is a configuration error: retrying cannot help
                    socket.close();
                    return;
                }
            }
            if (failures > 0) LOG.info("reconnected to " + address + " and subscribed again");
            failures = 0;
            connected = true;
            firstSubscription.tryComplete();
        }

        private void keepAlive() {
            if (System.nanoTime() - lastHeardNanos > TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS) * 3 / 2) {
                LOG.warning("no packet from the broker " + address + " for " + KEEP_ALIVE_SECONDS * 3 / 2 + " s; reconnecting");
                socket.close();
                return;
            }
            write(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0)));
        }

        private void published(MqttPublishMessage p) {
            if (p.variableHeader().topicName().startsWith("$SYS/")) {
                brokerReported(p.variableHeader().topicName(), p.payload().toString(StandardCharsets.US_ASCII));
                return;
            }
            MqttProperties.MqttProperty<?> ct = p.variableHeader().properties().getProperty(MqttProperties.CONTENT_TYPE);
            boolean ack = p.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE;
            lastPublishNanos = System.nanoTime();
            drainedMessages++;
            if (ack) outstanding++;
            try {
                sink.accept(new InboundMessage(p.variableHeader().topicName(), ct == null ? null : (String) ct.value(),
                        ByteBufUtil.getBytes(p.payload()), null, null, source, ack ? this : null, p.variableHeader().packetId()));
            } catch (RuntimeException e) {
                // never acknowledged, it would hold one of the receive-maximum slots forever: start a new
                // connection instead, and the broker redelivers everything unacknowledged
                LOG.log(Level.SEVERE, "ingest failed on a message from " + p.variableHeader().topicName() + "; reconnecting to " + address, e);
                open = false; // stop reading this connection; its close handler only cleans up
                socket.close();
                reconnectLater("ingest failed: " + e);
            }
        }

        /** Called by the ingest writer once the messages are durable; hops to the event loop once per batch. */
        @Override
        public void acknowledge(int[] messageIds, RejectReason[] rejections, int count) {
            if (gen != generation.get()) return; // an older connection: the broker redelivers those
            int[] ids = java.util.Arrays.copyOf(messageIds, count);
            context.runOnContext(v -> {
                if (!open || gen != generation.get()) return;
                outstanding -= ids.length;
                // Success even for dead-lettered messages: the broker does not relay reason codes to the device.
                // A success PUBACK without properties is four bytes in MQTT 5 (reason code 0 may be omitted,
                // §3.4.2.1): written directly, all of a batch in one buffer, rather than one encoder pass each.
                Buffer acks = Buffer.buffer(ids.length * 4);
                for (int id : ids) acks.appendByte((byte) 0x40).appendByte((byte) 2).appendUnsignedShort(id);
                socket.write(acks);
            });
        }

        Future<Void> disconnect() {
            if (!open) return Future.succeededFuture();
            write(MqttMessageBuilders.disconnect().build());
            open = false;
            return socket.close();
        }

        private void brokerReported(String topic, String value) {
            if (!DROPPED_TOPIC.equals(topic)) return;
            try {
                brokerDropped.set(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                LOG.fine("unreadable " + topic + ": " + value);
            }
        }

        private void closed(String why) {
            if (pingTimer >= 0) vertx.cancelTimer(pingTimer);
            if (drainTimer >= 0) vertx.cancelTimer(drainTimer);
            if (leaving != null) leaving.tryComplete();
            codec.finishAndReleaseAll();
            boolean wasOpen = open;
            open = false;
            if (conn == this) {
                conn = null;
                generation.incrementAndGet();
                failCommands(why);
                if (wasOpen) reconnectLater(why);
            }
        }
    }
}
