package io.telerisk.hub.ingest;

import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.Objects;

/**
 * One MQTT PUBLISH entering the pipeline, whatever its source.
 *
 * @param topic       topic it was published on
 * @param contentType MQTT 5 content type, or null when absent
 * @param payload     the bytes (owned by the pipeline from now on)
 * @param connectedAs the authenticated device of the connection (built-in endpoint), or null when the source is
 *                    an external broker that authenticated the publisher itself
 * @param registeredAt when {@code connectedAs} was registered (for timestamp plausibility), or null
 * @param source      for dead letters and logs, e.g. {@code builtin:client-7}
 * @param ackTarget   where the acknowledgement goes, or null for QoS 0
 * @param messageId   MQTT packet identifier (ignored for QoS 0)
 */
public record InboundMessage(String topic, String contentType, byte[] payload, DeviceKey connectedAs, Instant registeredAt, String source,
                             AckTarget ackTarget, int messageId) {
    public InboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }

    /** Whether the source waits for an acknowledgement (QoS 1 or 2). */
    public boolean needsAck() {
        return ackTarget != null;
    }
}
