package io.telerisk.sim.publish;

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
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * {@link MqttLink} speaking MQTT 5 so each PUBLISH carries the payload's content type (the hub picks its codec
 * from it). The Vert.x MQTT client cannot do this (it speaks 3.1.1), so this link frames packets with Netty's MQTT
 * codec (inside an {@link EmbeddedChannel}, which only encodes and decodes) over a plain Vert.x {@link NetSocket}:
 * still one event loop, no threads per connection.
 */
final class Mqtt5Link implements MqttLink {
    private final Vertx vertx;
    private final NetClient netClient;
    private final String contentType;
    private final int ackTimeoutSeconds;
    private final int keepAliveSeconds;
    private final EmbeddedChannel codec = new EmbeddedChannel(new MqttDecoder(1 << 20), MqttEncoder.INSTANCE);
    private final Map<Integer, Long> ackTimers = new HashMap<>();
    private NetSocket socket;
    private Promise<Void> connected;
    private long pingTimer = -1;
    private int nextId = 1;
    private boolean closed;
    private IntConsumer ackHandler = id -> { };
    private IntConsumer timeoutHandler = id -> { };
    private IntConsumer refusedHandler = id -> { };
    private Runnable closeHandler = () -> { };

    Mqtt5Link(Vertx vertx, NetClient netClient, String contentType, int ackTimeoutSeconds, int keepAliveSeconds) {
        this.vertx = vertx;
        this.netClient = netClient;
        this.contentType = contentType;
        this.ackTimeoutSeconds = ackTimeoutSeconds;
        this.keepAliveSeconds = keepAliveSeconds;
    }

    @Override
    public Future<Void> connect(String host, int port, String clientId, String username, String password) {
        connected = Promise.promise();
        netClient.connect(port, host).onComplete(ar -> {
            if (ar.failed()) {
                connected.tryFail(ar.cause());
                return;
            }
            socket = ar.result();
            socket.handler(this::received);
            socket.closeHandler(v -> closedNow());
            socket.exceptionHandler(e -> socket.close());
            MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                    .clientId(clientId).cleanSession(true).keepAlive(keepAliveSeconds);
            if (username != null) b.hasUser(true).username(username);
            if (password != null) b.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
            write(b.build());
        });
        return connected.future();
    }

    private void write(MqttMessage m) {
        codec.writeOutbound(m);
        ByteBuf out;
        while ((out = codec.readOutbound()) != null) {
            try {
                socket.write(Buffer.buffer(ByteBufUtil.getBytes(out)));
            } finally {
                out.release();
            }
        }
    }

    private void received(Buffer data) {
        codec.writeInbound(Unpooled.wrappedBuffer(data.getBytes()));
        Object o;
        while ((o = codec.readInbound()) != null) {
            MqttMessage m = (MqttMessage) o;
            if (m.decoderResult().isFailure()) {
                socket.close();
                return;
            }
            MqttMessageType type = m.fixedHeader().messageType();
            switch (type) {
                case CONNACK -> {
                    MqttConnectReturnCode rc = ((MqttConnAckMessage) m).variableHeader().connectReturnCode();
                    if (rc == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                        pingTimer = vertx.setPeriodic(keepAliveSeconds * 1000L * 3 / 4, id -> ping());
                        connected.tryComplete();
                    } else {
                        connected.tryFail("connection refused: " + rc);
                        socket.close();
                    }
                }
                case PUBACK -> {
                    Object vh = m.variableHeader();
                    int id = ((MqttMessageIdVariableHeader) vh).messageId();
                    Long timer = ackTimers.remove(id);
                    if (timer != null) vertx.cancelTimer(timer);
                    if (vh instanceof MqttPubReplyMessageVariableHeader r && r.reasonCode() >= 0x80) refusedHandler.accept(id);
                    else ackHandler.accept(id);
                }
                case DISCONNECT -> socket.close();
                default -> { }
            }
        }
    }

    private void ping() {
        if (!closed) write(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0)));
    }

    private void closedNow() {
        if (closed) return;
        closed = true;
        if (pingTimer >= 0) vertx.cancelTimer(pingTimer);
        ackTimers.values().forEach(vertx::cancelTimer);
        ackTimers.clear();
        codec.finishAndReleaseAll();
        if (connected != null) connected.tryFail("connection closed");
        closeHandler.run();
    }

    @Override
    public Future<Integer> publish(String topic, byte[] payload) {
        if (closed || socket == null) return Future.failedFuture("not connected");
        int id = nextId;
        for (int tries = 0; ackTimers.containsKey(id) && tries < 65535; tries++) id = id % 65535 + 1;
        nextId = id % 65535 + 1;
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, contentType));
        write(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE).retained(false).messageId(id)
                .payload(Unpooled.wrappedBuffer(payload)).properties(props).build());
        int packetId = id;
        ackTimers.put(packetId, vertx.setTimer(ackTimeoutSeconds * 1000L, t -> {
            if (ackTimers.remove(packetId) != null) timeoutHandler.accept(packetId);
        }));
        return Future.succeededFuture(packetId);
    }

    @Override
    public void onAck(IntConsumer handler) {
        this.ackHandler = handler;
    }

    @Override
    public void onAckTimeout(IntConsumer handler) {
        this.timeoutHandler = handler;
    }

    @Override
    public void onRefused(IntConsumer handler) {
        this.refusedHandler = handler;
    }

    @Override
    public void onClose(Runnable handler) {
        this.closeHandler = handler;
    }

    @Override
    public Future<Void> disconnect() {
        if (closed || socket == null) return Future.succeededFuture();
        write(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0)));
        return socket.close();
    }
}
