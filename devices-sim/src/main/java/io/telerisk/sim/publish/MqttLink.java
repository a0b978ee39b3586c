package io.telerisk.sim.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;

import java.util.function.IntConsumer;

/**
 * One device's MQTT connection as the publisher needs it: connect, QoS 1 publish, acknowledgements. Implementations
 * run on the event loop of the context that created them and never block.
 */
public interface MqttLink {
    /**
     * A link speaking MQTT 5 whose every PUBLISH carries {@code contentType} (the hub selects its codec by it), as a
     * device sending protobuf does. Create and use it on one Vert.x context; {@code netClient} may be shared.
     */
    static MqttLink mqtt5(Vertx vertx, NetClient netClient, String contentType, int ackTimeoutSeconds, int keepAliveSeconds) {
        return new Mqtt5Link(vertx, netClient, contentType, ackTimeoutSeconds, keepAliveSeconds);
    }

    /** Connects; fails if refused. */
    Future<Void> connect(String host, int port, String clientId, String username, String password);

    /** Publishes at QoS 1; the future yields the packet id once written. */
    Future<Integer> publish(String topic, byte[] payload);

    /** Called with the packet id of each PUBACK. */
    void onAck(IntConsumer handler);

    /** Called with the packet id of each publish whose PUBACK timed out. */
    void onAckTimeout(IntConsumer handler);

    /** Called with the packet id of each PUBACK whose reason code refuses the message (MQTT 5 only). */
    default void onRefused(IntConsumer handler) {
    }

    /** Called once when the connection closes (for whatever reason). */
    void onClose(Runnable handler);

    Future<Void> disconnect();
}
