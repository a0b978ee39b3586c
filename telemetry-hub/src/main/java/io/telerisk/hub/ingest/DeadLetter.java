package io.telerisk.hub.ingest;

import io.telerisk.model.codec.RejectReason;

import java.time.Instant;
import java.util.Objects;

/**
 * A rejected message as kept for an operator: why, where it came from, and (a bounded copy of) what it was.
 *
 * @param receivedAt       when the hub received it
 * @param reason           counted category
 * @param detail           human-readable explanation naming the field and value
 * @param topic            MQTT topic it was published on
 * @param source           connection it came from: {@code builtin:<clientId>} or {@code broker:<uri>}
 * @param contentType      MQTT 5 content type, or null when absent
 * @param payloadBytes     size of the original payload
 * @param payloadTruncated whether {@link #payload} holds only the first {@link #MAX_PAYLOAD_BYTES} bytes
 * @param payload          the payload, at most {@link #MAX_PAYLOAD_BYTES} bytes
 */
public record DeadLetter(Instant receivedAt, RejectReason reason, String detail, String topic, String source,
                         String contentType, int payloadBytes, boolean payloadTruncated, byte[] payload) {
    /** Dead letters keep at most this much of a payload, so a flood of huge messages cannot fill the disk fast. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    public DeadLetter {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(payload, "payload");
        topic = topic == null ? "" : topic;
        source = source == null ? "" : source;
    }

    /** The tenant segment of the topic when it looks like ours ({@code v1/{tenant}/...}), or null. */
    public String topicTenant() {
        String[] p = topic.split("/", -1);
        return p.length >= 2 && io.telerisk.model.topic.Topic.VERSION.equals(p[0])
                && io.telerisk.model.topic.Topic.isValidSegment(p[1]) ? p[1] : null;
    }

    /** The device segment of the topic when it looks like ours ({@code v1/{tenant}/{type}/{device}/...}), or null. */
    public String topicDevice() {
        String[] p = topic.split("/", -1);
        return p.length >= 4 && io.telerisk.model.topic.Topic.VERSION.equals(p[0])
                && io.telerisk.model.topic.Topic.isValidSegment(p[3]) ? p[3] : null;
    }

    /** A dead letter for this payload, truncated to {@link #MAX_PAYLOAD_BYTES}. */
    public static DeadLetter of(Instant receivedAt, RejectReason reason, String detail, String topic, String source,
                                String contentType, byte[] payload) {
        byte[] p = payload == null ? new byte[0] : payload;
        boolean truncated = p.length > MAX_PAYLOAD_BYTES;
        byte[] kept = truncated ? java.util.Arrays.copyOf(p, MAX_PAYLOAD_BYTES) : p;
        return new DeadLetter(receivedAt, reason, detail, topic, source, contentType, p.length, truncated, kept);
    }
}
