package io.telerisk.agent.mqtt;

import java.util.Objects;

/**
 * A raw message the hub sent to the device on its {@code cmd} topic, before the agent parses it as an
 * {@link io.telerisk.model.Command}.
 *
 * @param topic       the topic it arrived on
 * @param contentType its MQTT 5 content type, or {@code null}
 * @param payload     raw bytes (commands are small; their schema belongs to the sender)
 */
public record CmdMessage(String topic, String contentType, byte[] payload) {
    public CmdMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
