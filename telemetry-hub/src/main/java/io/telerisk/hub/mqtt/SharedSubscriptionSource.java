package io.telerisk.hub.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
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
 * restarts. Backpressure pauses the socket ({@link Pausable}); the receive maximum ({@value #RECEIVE_MAXIMUM}) is
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

    private SharedSubscriptionSource(Vertx vertx, IngestConfig cfg, Consumer<InboundMessage> sink) {
        this.vertx = vertx;
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
            s = new SharedSubscriptionSource(vertx, cfg, sink);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
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
                .compose(id -> {
                    s.deploymentId = id;
                    return s.firstSubscription.future().timeout(30, TimeUnit.SECONDS);
                })
                .map(v -> {
                    LOG.info("subscribed to " + String.join(", ", filters(cfg.sharedGroup())) + " at " + s.address + " as " + cfg.clientId());
                    return s;
                })
                .recover(t -> s.close().transform(x -> Future.failedFuture(
                        new IllegalStateException("cannot subscribe at the broker " + s.address + ": " + t.getMessage(), t))));
    }

    public boolean isConnected() {
        return connected;
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

    /** Disconnects (the session stays at the broker for {@value #SESSION_EXPIRY_SECONDS} s) and stops reconnecting. */
    public Future<Void> close() {
        closing = true;
        Context c = context;
        if (c == null) return Future.succeededFuture();
        Promise<Void> done = Promise.promise();
        c.runOnContext(v -> {
            if (reconnectTimer >= 0) vertx.cancelTimer(reconnectTimer);
            Connection x = conn;
            Future<Void> closed = x == null ? Future.succeededFuture() : x.disconnect();
            closed.recover(t -> Future.succeededFuture()).onComplete(ar -> {
                failCommands("hub stopping");
                String id = deploymentId;
                (id == null ? Future.<Void>succeededFuture() : vertx.undeploy(id).recover(t -> Future.succeededFuture()))
                        .onComplete(x2 -> done.complete());
            });
        });
        return done.future().timeout(10, TimeUnit.SECONDS).recover(t -> Future.succeededFuture());
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
        private final EmbeddedChannel codec = new EmbeddedChannel(new MqttDecoder(MAX_PACKET_BYTES), MqttEncoder.INSTANCE);
        private long pingTimer = -1;
        private long lastHeardNanos = System.nanoTime();
        private int subscribeId = -1;
        private boolean open = true;

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
            Object o;
            while (open && (o = codec.readInbound()) != null) {
                MqttMessage m = (MqttMessage) o;
                try {
                    if (m.decoderResult().isFailure()) {
                        LOG.warning("unreadable packet from the broker " + address + ": " + m.decoderResult().cause() + "; reconnecting");
                        socket.close();
                        return;
                    }
                    handle(m);
                } finally {
                    if (m instanceof MqttPublishMessage p) p.release();
                }
            }
        }

        private void handle(MqttMessage m) {
            switch (m.fixedHeader().messageType()) {
                case PUBLISH -> published((MqttPublishMessage) m);
                case CONNACK -> connAck((MqttConnAckMessage) m);
                case SUBACK -> subAck((MqttSubAckMessage) m);
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
            MqttMessageBuilders.SubscribeBuilder b = MqttMessageBuilders.subscribe();
            for (String f : filters(cfg.sharedGroup())) b.addSubscription(MqttQoS.AT_LEAST_ONCE, f);
            subscribeId = packetId();
            write(b.messageId(subscribeId).build());
            long period = KEEP_ALIVE_SECONDS * 1000L / 2;
            pingTimer = vertx.setPeriodic(period, id -> keepAlive());
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
            MqttProperties.MqttProperty<?> ct = p.variableHeader().properties().getProperty(MqttProperties.CONTENT_TYPE);
            boolean ack = p.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE;
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
            return socket.close();
        }

        private void closed(String why) {
            if (pingTimer >= 0) vertx.cancelTimer(pingTimer);
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
