package io.telerisk.sim.truth;

import io.telerisk.model.DeviceKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the ground-truth file: a record type and ordered fields. Rendered as one JSON object per line with
 * keys in insertion order, so the file is byte-for-byte reproducible. See docs/simulator.md for every type.
 */
public final class TruthRecord {
    private final String type;
    private final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();

    private TruthRecord(String type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A record of the given type, e.g. {@code crash}. */
    public static TruthRecord of(String type) {
        return new TruthRecord(type);
    }

    /** A record about one device: adds tenant, deviceType and deviceId. */
    public static TruthRecord of(String type, DeviceKey device) {
        return new TruthRecord(type).put("tenant", device.tenant()).put("deviceType", device.type().wireName())
                .put("deviceId", device.deviceId());
    }

    public String type() {
        return type;
    }

    public TruthRecord put(String key, Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) value = null;
        fields.put(key, value);
        return this;
    }

    public TruthRecord time(String key, Instant t) {
        return put(key, t == null ? null : t.toString());
    }

    /** A value rounded to {@code decimals} decimal places, so files stay small and stable. */
    public TruthRecord num(String key, double value, int decimals) {
        if (!Double.isFinite(value)) return put(key, null);
        double f = Math.pow(10, decimals);
        return put(key, Math.round(value * f) / f);
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public String getString(String key) {
        Object o = fields.get(key);
        return o == null ? null : o.toString();
    }

    public double getDouble(String key) {
        return ((Number) fields.get(key)).doubleValue();
    }

    public long getLong(String key) {
        return ((Number) fields.get(key)).longValue();
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** The JSON line (without newline). */
    public String toJson() {
        StringBuilder sb = new StringBuilder(128).append("{\"type\":");
        string(sb, type);
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            sb.append(',');
            string(sb, e.getKey());
            sb.append(':');
            value(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    private static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) sb.append(',');
                value(sb, list.get(i));
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    /** A list value for {@link #put}. */
    public static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    @Override
    public String toString() {
        return toJson();
    }
}
