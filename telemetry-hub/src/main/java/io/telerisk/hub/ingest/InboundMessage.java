package io.telerisk.hub.ingest;

import io.telerisk.hub.registry.DeviceSession;
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
 * @param session     the built-in endpoint's connection it came over (its status messages are about that session),
 *                    or null when the source is an external broker
 */
public record InboundMessage(String topic, String contentType, byte[] payload, DeviceKey connectedAs, Instant registeredAt, String source,
                             AckTarget ackTarget, int messageId, DeviceSession session) {
    public InboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }

    /** A message from no particular device session (external broker, tests). */
    public InboundMessage(String topic, String contentType, byte[] payload, DeviceKey connectedAs, Instant registeredAt, String source,
                          AckTarget ackTarget, int messageId) {
        this(topic, contentType, payload, connectedAs, registeredAt, source, ackTarget, messageId, null);
    }

    /** Whether the source waits for an acknowledgement (QoS 1 or 2). */
    public boolean needsAck() {
        return ackTarget != null;
    }
}
