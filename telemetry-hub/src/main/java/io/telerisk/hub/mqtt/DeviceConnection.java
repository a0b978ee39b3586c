package io.telerisk.hub.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.telerisk.hub.ingest.AckTarget;
import io.telerisk.hub.ingest.Pausable;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.codec.RejectReason;
import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * One authenticated device connected to the built-in endpoint: where its acknowledgements go (hopping to the
 * connection's event loop once per batch) and how it is paused under backpressure.
 */
final class DeviceConnection implements AckTarget, Pausable {
    private static final Logger LOG = Logger.getLogger(DeviceConnection.class.getName());
    private static volatile boolean pauseUnavailableLogged;

    final MqttEndpoint endpoint;
    final Context context;
    final DeviceKey device;
    final java.time.Instant registeredAt;
    final boolean mqtt5;
    /** This connection as the device's status sees it (see {@link io.telerisk.hub.registry.DeviceSession}). */
    final io.telerisk.hub.registry.DeviceSession session;
    volatile boolean cmdSubscribed;
    /** Reading paused until the device's previous hub hands its allowance over ({@link #awaitLevel}). */
    private volatile boolean waitingForLevel;
    private volatile java.util.function.BooleanSupplier backpressurePaused = () -> false;
    /** Whether this hub read its own announcement of this connection in the hubs' shared order ({@link SessionTakeOver}). */
    volatile boolean announced;
    /** Commands sent to the device awaiting its PUBACK, by packet id (confined to the event loop). */
    final java.util.Map<Integer, io.vertx.core.Promise<Void>> commandAcks = new java.util.HashMap<>();
    /** PUBLISH rate and bytes of this device, shared with its other connections here ({@link DeviceAllowances}). */
    final DeviceRateLimit rate;
    /** Silence after which the hub ends the connection itself (keep-alive it imposed), or 0: Vert.x enforces the device's. */
    final long idleLimitNanos;
    /** When the device last sent a packet ({@link System#nanoTime()}). */
    volatile long lastHeardNanos;
    /** Packet ids of QoS 2 messages awaiting PUBREC (confined to the event loop). */
    final Set<Integer> qos2Ids = ConcurrentHashMap.newKeySet();
    private final NetSocket socket;
    private int commandId;

    DeviceConnection(MqttEndpoint endpoint, Context context, DeviceKey device, java.time.Instant registeredAt,
                     io.telerisk.hub.registry.DeviceSession session, DeviceRateLimit rate, long idleLimitNanos) {
        this.rate = rate;
        this.idleLimitNanos = idleLimitNanos;
        this.lastHeardNanos = System.nanoTime();
        this.registeredAt = registeredAt;
        this.session = session;
        this.endpoint = endpoint;
        this.context = context;
        this.device = device;
        this.mqtt5 = endpoint.protocolVersion() >= 5;
        this.socket = socketOf(endpoint);
    }

    /** The device sent a packet: it is alive. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** Whether the device has been silent for longer than the keep-alive the hub imposed on it. */
    boolean silentTooLong(long nowNanos) {
        return idleLimitNanos > 0 && nowNanos - lastHeardNanos > idleLimitNanos;
    }

    @Override
    public void acknowledge(int[] messageIds, RejectReason[] rejections, int count) {
        int[] ids = java.util.Arrays.copyOf(messageIds, count);
        RejectReason[] reasons = java.util.Arrays.copyOf(rejections, count);
        context.runOnContext(v -> {
            if (!endpoint.isConnected()) return; // the device resends after reconnecting; dedup or the store absorb it
            for (int i = 0; i < ids.length; i++) {
                int id = ids[i];
                if (qos2Ids.remove(id)) {
                    if (mqtt5 && reasons[i] != null) endpoint.publishReceived(id, pubRecCode(reasons[i]), MqttProperties.NO_PROPERTIES);
                    else endpoint.publishReceived(id);
                } else if (mqtt5 && reasons[i] != null) {
                    endpoint.publishAcknowledge(id, pubAckCode(reasons[i]), MqttProperties.NO_PROPERTIES);
                } else {
                    endpoint.publishAcknowledge(id);
                }
            }
        });
    }

    /**
     * MQTT 5 PUBACK reason for a dead-lettered message, so the device learns it was not accepted and must not resend it
     * (too large included: 0x99). 0x97 Quota exceeded is kept for the rate limit, which asks for a resend later.
     */
    static MqttPubAckReasonCode pubAckCode(RejectReason r) {
        return switch (r) {
            case NOT_AUTHORISED, UNKNOWN_DEVICE -> MqttPubAckReasonCode.NOT_AUTHORIZED;
            default -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
        };
    }

    private static MqttPubRecReasonCode pubRecCode(RejectReason r) {
        return switch (r) {
            case NOT_AUTHORISED, UNKNOWN_DEVICE -> MqttPubRecReasonCode.NOT_AUTHORIZED;
            default -> MqttPubRecReasonCode.PAYLOAD_FORMAT_INVALID;
        };
    }

    @Override
    public void pause() {
        if (socket == null) return;
        // on the connection's own event loop (the usual case: the publish that crossed the bound) pause at once,
        // before the rest of the current read is decoded
        if (io.vertx.core.Vertx.currentContext() == context) socket.pause();
        else context.runOnContext(v -> socket.pause());
    }

    @Override
    public void resume() {
        // not while waiting for the previous hub's level: levelArrived resumes then
        if (socket != null) context.runOnContext(v -> {
            if (!waitingForLevel) socket.resume();
        });
    }

    boolean canPause() {
        return socket != null;
    }

    /**
     * The endpoint's socket. Vert.x 5's MqttEndpoint exposes no pause(); its implementation holds the NetSocket in
     * a field. Without it, the MQTT 5 receive maximum (unacknowledged QoS 1 per connection) is the only bound.
     */
    private static NetSocket socketOf(MqttEndpoint endpoint) {
        try {
            Field f = endpoint.getClass().getDeclaredField("conn");
            f.setAccessible(true);
            Object o = f.get(endpoint);
            return o instanceof NetSocket s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!pauseUnavailableLogged) {
                pauseUnavailableLogged = true;
                LOG.warning("cannot pause MQTT connections (" + e + "); relying on the receive maximum alone");
            }
            return null;
        }
    }

    /** Packet id for a hub-to-device PUBLISH (event loop only): Vert.x's publish with properties takes it explicitly. */
    int nextCommandId() {
        commandId = commandId % 65535 + 1;
        return commandId;
    }

    /**
     * Stops reading the device's packets until its previous hub's level arrives ({@link #levelArrived}) or {@code maxMs}
     * passed (that hub is gone, say): its first PUBLISHes wait a NOTIFY round trip instead of meeting an empty bucket.
     * Call on the connection's event loop.
     */
    void awaitLevel(io.vertx.core.Vertx vertx, long maxMs, java.util.function.BooleanSupplier backpressurePaused) {
        if (socket == null) return;
        this.backpressurePaused = backpressurePaused;
        waitingForLevel = true;
        socket.pause();
        vertx.setTimer(maxMs, t -> {
            if (!waitingForLevel) return;
            rate.stopAwaiting(System.nanoTime());
            levelArrived();
        });
    }

    /** The previous hub's level arrived (or will not): reading goes on, unless backpressure paused it meanwhile. */
    void levelArrived() {
        if (!waitingForLevel) return;
        waitingForLevel = false;
        context.runOnContext(v -> {
            if (!backpressurePaused.getAsBoolean()) socket.resume();
        });
    }

    /** CONNACK properties for an MQTT 5 device: what the endpoint supports, and the keep-alive it imposes (0: none). */
    static MqttProperties connackProperties(io.telerisk.hub.ingest.IngestConfig cfg, int maxPacketBytes, int serverKeepAlive) {
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, cfg.receiveMaximum()));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_QOS, 1));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.RETAIN_AVAILABLE, 0));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE, 0));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 0));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
        p.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, maxPacketBytes));
        if (serverKeepAlive > 0) p.add(new MqttProperties.IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE, serverKeepAlive));
        return p;
    }

    /** The device's last will as an inbound message (its "offline" status, usually), or null when it left none. */
    io.telerisk.hub.ingest.InboundMessage lastWill(String source) {
        var will = endpoint.will();
        if (will == null || !will.isWillFlag() || will.getWillTopic() == null) return null;
        String ct = null;
        var props = will.getWillProperties();
        var p = props == null ? null : props.getProperty(MqttProperties.CONTENT_TYPE);
        if (p != null && p.value() instanceof String str) ct = str;
        return new io.telerisk.hub.ingest.InboundMessage(will.getWillTopic(), ct, will.getWillMessageBytes(), device,
                registeredAt, source, null, 0, session);
    }

    /** Answers a SUBSCRIBE: only the device's own cmd topic is granted, anything else is refused (and counted). */
    void grant(io.vertx.mqtt.messages.MqttSubscribeMessage s, EndpointRefusals refusals) {
        String own = io.telerisk.model.topic.Topic.of(device, io.telerisk.model.topic.Channel.CMD).render();
        java.util.List<io.vertx.mqtt.messages.codes.MqttSubAckReasonCode> codes = new java.util.ArrayList<>();
        java.util.List<MqttQoS> qos = new java.util.ArrayList<>();
        for (var sub : s.topicSubscriptions()) {
            if (own.equals(sub.topicName())) {
                MqttQoS g = grant(sub.qualityOfService());
                codes.add(io.vertx.mqtt.messages.codes.MqttSubAckReasonCode.qosGranted(g));
                qos.add(g);
                cmdSubscribed = true;
            } else {
                LOG.fine(() -> device + " may not subscribe to " + sub.topicName() + " (only " + own + ")");
                refusals.subscribeRefused();
                codes.add(io.vertx.mqtt.messages.codes.MqttSubAckReasonCode.NOT_AUTHORIZED);
                qos.add(MqttQoS.FAILURE);
            }
        }
        if (mqtt5) endpoint.subscribeAcknowledge(s.messageId(), codes, MqttProperties.NO_PROPERTIES);
        else endpoint.subscribeAcknowledge(s.messageId(), qos);
    }

    /**
     * Publishes a command on the device's cmd topic at QoS 1; completes on the device's PUBACK, fails when the
     * connection closes first or after {@code ackTimeoutMs} without one.
     */
    io.vertx.core.Future<Void> sendCommand(io.vertx.core.Vertx vertx, io.telerisk.hub.ingest.EncodedCommand command, long ackTimeoutMs) {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> {
            if (!endpoint.isConnected()) {
                done.tryFail("device " + device + " is not connected");
                return;
            }
            MqttProperties p = new MqttProperties();
            if (mqtt5) p.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, command.contentType()));
            int id = nextCommandId();
            commandAcks.put(id, done);
            endpoint.publish(io.telerisk.model.topic.Topic.of(device, io.telerisk.model.topic.Channel.CMD).render(),
                            io.vertx.core.buffer.Buffer.buffer(command.payload()), MqttQoS.AT_LEAST_ONCE, false, false, id, p)
                    .onFailure(t -> {
                        commandAcks.remove(id, done);
                        done.tryFail(t);
                    });
            vertx.setTimer(ackTimeoutMs, t -> {
                if (commandAcks.remove(id, done)) done.tryFail("device " + device + " did not acknowledge the command within "
                        + ackTimeoutMs + " ms");
            });
        });
        return done.future();
    }

    static MqttQoS grant(MqttQoS requested) {
        return requested == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
    }
}
