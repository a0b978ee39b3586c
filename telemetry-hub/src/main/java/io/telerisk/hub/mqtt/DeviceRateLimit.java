package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.MqttLimits;

/**
 * Per-connection token buckets for PUBLISHes and payload bytes (one device has one connection per hub, so this is
 * per device). Confined to the connection's event loop: no locks. A device that keeps publishing while refused is
 * told to go away after {@link MqttLimits#refusalsBeforeDisconnect()} refusals in a row.
 */
final class DeviceRateLimit {
    enum Verdict { PASS, REFUSE, DISCONNECT }

    private final MqttLimits limits;
    private double messages;
    private double bytes;
    private long lastNanos;
    private int refusedInARow;

    DeviceRateLimit(MqttLimits limits, long nowNanos) {
        this.limits = limits;
        this.messages = limits.messageBurst();
        this.bytes = limits.byteBurst();
        this.lastNanos = nowNanos;
    }

    /** Takes one message of {@code payloadBytes} from the buckets if both hold enough. */
    Verdict admit(int payloadBytes, long nowNanos) {
        double seconds = Math.max(0, nowNanos - lastNanos) / 1e9;
        lastNanos = nowNanos;
        messages = Math.min(limits.messageBurst(), messages + seconds * limits.messagesPerSecond());
        bytes = Math.min(limits.byteBurst(), bytes + seconds * limits.bytesPerSecond());
        // a payload larger than the whole byte burst passes when the bucket is full, or it could never pass
        double cost = Math.min(payloadBytes, limits.byteBurst());
        if (messages >= 1 && bytes >= cost) {
            messages -= 1;
            bytes -= cost;
            refusedInARow = 0;
            return Verdict.PASS;
        }
        return ++refusedInARow >= limits.refusalsBeforeDisconnect() ? Verdict.DISCONNECT : Verdict.REFUSE;
    }

    /** The limit in words, for the MQTT 5 reason string. */
    String describe() {
        return "rate limit: " + limits.messagesPerSecond() + " messages/s (burst " + limits.messageBurst() + "), "
                + limits.bytesPerSecond() + " bytes/s (burst " + limits.byteBurst() + ")";
    }
}
