package io.telerisk.model.topic;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import java.util.Objects;

/**
 * An MQTT topic of the platform: {@code v1/{tenant}/{type}/{deviceId}/{channel}}.
 * Tenant and device id are 1..64 characters of letters, digits, '-', '_' and '.', so they can never carry
 * MQTT wildcards or extra levels.
 */
public record Topic(String tenant, DeviceType type, String deviceId, Channel channel) {
    /** Topic layout version, the first segment. */
    public static final String VERSION = "v1";

    public Topic {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channel, "channel");
        requireSegment("tenant", tenant);
        requireSegment("deviceId", deviceId);
    }

    /** The topic for a device and channel. */
    public static Topic of(DeviceKey key, Channel channel) {
        return new Topic(key.tenant(), key.type(), key.deviceId(), channel);
    }

    /** Whether {@code s} is a legal tenant or device id segment. */
    public static boolean isValidSegment(String s) {
        // a loop, not a regex: it runs for every message the hub receives
        if (s == null || s.isEmpty() || s.length() > 64) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }

    private static void requireSegment(String what, String s) {
        if (!isValidSegment(s)) {
            throw new IllegalArgumentException("invalid " + what + " '" + s + "': 1-64 of [A-Za-z0-9._-]");
        }
    }

    /**
     * Parses a topic string.
     *
     * @throws IllegalArgumentException with the reason when it is not a platform topic
     */
    public static Topic parse(String topic) {
        if (topic == null) throw new IllegalArgumentException("topic is null");
        String[] p = topic.split("/", -1);
        if (p.length != 5) throw new IllegalArgumentException("topic '" + topic + "' must have 5 levels: v1/{tenant}/{type}/{deviceId}/{channel}");
        if (!VERSION.equals(p[0])) throw new IllegalArgumentException("unsupported topic version '" + p[0] + "' in '" + topic + "'");
        return new Topic(p[1], DeviceType.fromWire(p[2]), p[3], Channel.fromWire(p[4]));
    }

    /** The device this topic belongs to. */
    public DeviceKey deviceKey() {
        return new DeviceKey(tenant, type, deviceId);
    }

    /** The topic string. */
    public String render() {
        return VERSION + "/" + tenant + "/" + type.wireName() + "/" + deviceId + "/" + channel.wireName();
    }

    /** Filter matching one channel of every device of every tenant, e.g. {@code v1/+/+/+/telemetry}. */
    public static String filterAll(Channel channel) {
        return VERSION + "/+/+/+/" + channel.wireName();
    }

    @Override
    public String toString() {
        return render();
    }
}
