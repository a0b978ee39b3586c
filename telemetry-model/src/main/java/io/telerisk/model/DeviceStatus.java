package io.telerisk.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What a device publishes (retained, QoS 1) on its {@code status} topic: {@code online} when it connects, and
 * {@code offline} as its MQTT last will (or on a clean shutdown). JSON, whatever the telemetry encoding:
 * {@code {"v":1,"status":"online","t":"2026-05-01T08:00:00Z"}}.
 *
 * <p>For the last will, {@code t} is when the will was registered (the connect time), since the broker publishes it
 * later on the device's behalf; the hub records its own receive time alongside.
 *
 * @param state online or offline
 * @param time  when the device reported it (UTC)
 */
public record DeviceStatus(State state, Instant time) {
    /** Connection state. */
    public enum State {
        ONLINE, OFFLINE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DeviceStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(time, "time");
    }

    public static DeviceStatus online(Instant time) {
        return new DeviceStatus(State.ONLINE, time);
    }

    public static DeviceStatus offline(Instant time) {
        return new DeviceStatus(State.OFFLINE, time);
    }

    public boolean isOnline() {
        return state == State.ONLINE;
    }

    /** UTF-8 JSON, e.g. {@code {"v":1,"status":"offline","t":"2026-05-01T08:00:00Z"}}. */
    public byte[] toJson() {
        return SmallJson.write(g -> {
            g.writeStringField("status", state.wireName());
            g.writeStringField("t", time.toString());
        });
    }

    /**
     * Parses a status payload as the hub receives it: the JSON of {@link #fromJson}, or the bare word {@code online}
     * or {@code offline} (surrounding blanks and case ignored) that minimal devices publish, which carries no time
     * and so takes {@code receivedAt}. A JSON status without {@code t} also takes {@code receivedAt}.
     *
     * @throws IllegalArgumentException naming the problem (count it as MALFORMED)
     */
    public static DeviceStatus parse(byte[] payload, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (payload == null) throw new IllegalArgumentException("status: payload is null");
        if (payload.length <= 16) {
            String word = new String(payload, java.nio.charset.StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT);
            if (word.equals("online")) return online(receivedAt);
            if (word.equals("offline")) return offline(receivedAt);
        }
        return fromJson(payload, receivedAt);
    }

    /**
     * Parses a status message; unknown fields are ignored.
     *
     * @throws IllegalArgumentException naming the problem (count it as MALFORMED)
     */
    public static DeviceStatus fromJson(byte[] json) {
        return fromJson(json, null);
    }

    private static DeviceStatus fromJson(byte[] json, Instant defaultTime) {
        State[] state = {null};
        Instant[] time = {null};
        SmallJson.parseObject(json, "status", (p, name, value) -> {
            switch (name) {
                case "status" -> {
                    String s = SmallJson.string(p, value, "status");
                    state[0] = switch (s) {
                        case "online" -> State.ONLINE;
                        case "offline" -> State.OFFLINE;
                        default -> throw new IllegalArgumentException("status '" + (s.length() > 64 ? s.substring(0, 61) + "..." : s)
                                + "' is not online or offline");
                    };
                }
                case "t" -> time[0] = SmallJson.time(p, value, "status.t");
                default -> p.skipChildren();
            }
        });
        if (state[0] == null) throw new IllegalArgumentException("status: field 'status' is missing");
        if (time[0] == null && defaultTime == null) throw new IllegalArgumentException("status: field 't' is missing");
        return new DeviceStatus(state[0], time[0] != null ? time[0] : defaultTime);
    }
}
