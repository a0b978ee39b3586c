package io.telerisk.model.topic;

import java.util.Locale;

/** The last topic segment: what kind of message travels on it. */
public enum Channel {
    /** Device to hub: batches of samples. */
    TELEMETRY,
    /** Device to hub: edge-detected events. */
    EVENTS,
    /** Device to hub: online, or offline as the MQTT last will. */
    STATUS,
    /** Hub to device: commands and decisions. */
    CMD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromWire(String s) {
        for (Channel c : values()) {
            if (c.wireName().equals(s)) return c;
        }
        throw new IllegalArgumentException("unknown channel '" + s + "' (expected telemetry, events, status or cmd)");
    }
}
