package io.telerisk.agent.mqtt;

import java.util.Objects;

/**
 * A message the hub sent to the device on its {@code cmd} topic.
 *
 * @param topic       the topic it arrived on
 * @param contentType its MQTT 5 content type, or {@code null}
 * @param payload     raw bytes (commands are small; their schema belongs to the sender)
 */
public record Command(String topic, String contentType, byte[] payload) {
    public Command {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
