package io.telerisk.hub.ingest;

import java.util.Objects;

/**
 * A command encoded for the wire (the model's {@code io.telerisk.model.Command} is its usual content): a message
 * from the hub to one device, published on its {@code v1/{tenant}/{type}/{deviceId}/cmd} topic.
 *
 * @param contentType MQTT 5 content type of the payload, e.g. {@code application/json}
 * @param payload     the bytes the device receives
 */
public record EncodedCommand(String contentType, byte[] payload) {
    public EncodedCommand {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(payload, "payload");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** A JSON command. */
    public static EncodedCommand json(String json) {
        return new EncodedCommand("application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
