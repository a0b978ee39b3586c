package io.telerisk.agent.queue;

import io.telerisk.model.topic.Channel;

import java.time.Instant;
import java.util.Objects;

/**
 * A message held in the queue until the broker acknowledges it.
 *
 * @param sequence    per-device sequence number, assigned at enqueue
 * @param priority    priority class
 * @param channel     topic channel it is published on
 * @param contentType MQTT 5 content type of the payload
 * @param enqueuedAt  when it was enqueued (device clock)
 * @param payload     encoded envelope
 */
public record QueuedMessage(long sequence, Priority priority, Channel channel, String contentType, Instant enqueuedAt,
                            byte[] payload) {
    public QueuedMessage {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        Objects.requireNonNull(payload, "payload");
    }
}
