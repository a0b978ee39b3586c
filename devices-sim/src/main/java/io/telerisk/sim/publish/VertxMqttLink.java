package io.telerisk.sim.publish;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.util.function.IntConsumer;

/**
 * {@link MqttLink} on the Vert.x MQTT client. That client speaks MQTT 3.1.1 only (it sends protocol level 4 and
 * has no PUBLISH properties), so messages carry no content type and the hub decodes them as JSON, its default.
 */
final class VertxMqttLink implements MqttLink {
    private final Vertx vertx;
    private final int maxInflight;
    private final int ackTimeoutSeconds;
    private final int keepAliveSeconds;
    private MqttClient client;
    private IntConsumer ackHandler = id -> { };
    private IntConsumer timeoutHandler = id -> { };
    private Runnable closeHandler = () -> { };

    VertxMqttLink(Vertx vertx, int maxInflight, int ackTimeoutSeconds, int keepAliveSeconds) {
        this.vertx = vertx;
        this.maxInflight = maxInflight;
        this.ackTimeoutSeconds = ackTimeoutSeconds;
        this.keepAliveSeconds = keepAliveSeconds;
    }

    @Override
    public Future<Void> connect(String host, int port, String clientId, String username, String password) {
        MqttClientOptions o = new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(true)
                .setMaxInflightQueue(Math.max(maxInflight, 1) + 2)
                .setAckTimeout(ackTimeoutSeconds)
                .setKeepAliveInterval(keepAliveSeconds)
                .setAutoKeepAlive(true)
                .setMaxMessageSize(-1);
        o.setConnectTimeout(10_000);
        o.setReconnectAttempts(0);
        if (username != null) o.setUsername(username);
        if (password != null) o.setPassword(password);
        client = MqttClient.create(vertx, o);
        client.publishCompletionHandler(id -> ackHandler.accept(id));
        client.publishCompletionExpirationHandler(id -> timeoutHandler.accept(id));
        client.closeHandler(v -> closeHandler.run());
        return client.connect(port, host).mapEmpty();
    }

    @Override
    public Future<Integer> publish(String topic, byte[] payload) {
        return client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false);
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
    public void onClose(Runnable handler) {
        this.closeHandler = handler;
    }

    @Override
    public Future<Void> disconnect() {
        MqttClient c = client;
        if (c == null || !c.isConnected()) return Future.succeededFuture();
        return c.disconnect();
    }
}
