package io.telerisk.sim.publish;

import io.vertx.core.Future;

import java.util.function.IntConsumer;

/**
 * One device's MQTT connection as the publisher needs it: connect, QoS 1 publish, acknowledgements. Implementations
 * run on the event loop of the context that created them and never block.
 */
interface MqttLink {
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
