package io.telerisk.hub.store.influx;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.telerisk.hub.store.EventJson;
import io.telerisk.hub.store.Field;
import io.telerisk.hub.store.SampleFields;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.Sample;

import java.util.List;

/**
 * Builds InfluxDB line protocol (nanosecond precision) straight into a StringBuilder: no Point objects, no maps.
 * Tags are tenant, type and device (bounded cardinality: one series per device per measurement); the envelope
 * sequence is the integer field {@code seq}. Events go to {@code events} with the event type as an extra tag.
 */
final class LineProtocol {
    /** Measurement of raw samples of a device type. */
    static String measurement(DeviceType t) {
        return switch (t) {
            case VEHICLE -> "vehicle";
            case WEARABLE -> "wearable";
            case FARM_SENSOR -> "farm";
        };
    }

    static final String EVENTS = "events";

    private LineProtocol() {
    }

    /** Appends one line per sample and event of the envelope; returns the number of lines appended. */
    static int append(StringBuilder sb, Envelope e) {
        int lines = 0;
        for (Sample s : e.samples()) {
            appendSample(sb, e, s);
            lines++;
        }
        for (DeviceEvent d : e.events()) {
            appendEvent(sb, e, d);
            lines++;
        }
        return lines;
    }

    static void appendSample(StringBuilder sb, Envelope e, Sample s) {
        DeviceType t = s.deviceType();
        sb.append(measurement(t));
        appendTags(sb, e);
        sb.append(" seq=").append(e.sequence()).append('i');
        List<Field> fields = SampleFields.of(t);
        Object[] values = SampleFields.values(s);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) continue;
            if (v instanceof Double d) {
                // NaN and infinities have no line-protocol form; validation rejects them before storage
                if (!Double.isFinite(d)) continue;
                sb.append(',').append(fields.get(i).name()).append('=');
                appendDouble(sb, d);
            } else if (v instanceof Long l) {
                sb.append(',').append(fields.get(i).name()).append('=').append(l.longValue()).append('i');
            } else if (v instanceof Boolean b) {
                sb.append(',').append(fields.get(i).name()).append('=').append(b ? 't' : 'f');
            } else {
                sb.append(',').append(fields.get(i).name()).append('=');
                appendString(sb, v.toString());
            }
        }
        sb.append(' ').append(EventJson.epochNanos(s.time())).append('\n');
    }

    static void appendEvent(StringBuilder sb, Envelope e, DeviceEvent d) {
        // tags in key order (device, event, tenant, type): InfluxDB then has nothing to sort
        sb.append(EVENTS).append(",device=");
        appendTagValue(sb, e.deviceId());
        sb.append(",event=");
        appendTagValue(sb, d.type());
        sb.append(",tenant=");
        appendTagValue(sb, e.tenant());
        sb.append(",type=").append(e.deviceType().wireName());
        sb.append(" seq=").append(e.sequence()).append('i');
        sb.append(",measures=");
        appendString(sb, EventJson.measures(d.measures()));
        sb.append(",labels=");
        appendString(sb, EventJson.labels(d.labels()));
        sb.append(",window=");
        appendString(sb, EventJson.window(d.window()));
        sb.append(' ').append(EventJson.epochNanos(d.time())).append('\n');
    }

    /** Tags in key order (device, tenant, type), which spares InfluxDB sorting them on every line. */
    private static void appendTags(StringBuilder sb, Envelope e) {
        sb.append(",device=");
        appendTagValue(sb, e.deviceId());
        sb.append(",tenant=");
        appendTagValue(sb, e.tenant());
        sb.append(",type=").append(e.deviceType().wireName());
    }

    /**
     * Tag values escape comma, equals sign and space. Line breaks cannot be stored, and neither can backslashes:
     * InfluxDB 1.x does not unescape {@code \\}, so a backslash before a separator would corrupt the line.
     */
    static void appendTagValue(StringBuilder sb, String v) {
        if (v.isEmpty()) throw new IllegalArgumentException("empty tag value");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case ',', '=', ' ' -> sb.append('\\').append(c);
                case '\\' -> throw new IllegalArgumentException("backslash in tag value: " + v);
                case '\n', '\r' -> throw new IllegalArgumentException("line break in tag value: " + v.replace("\n", "\\n"));
                default -> sb.append(c);
            }
        }
    }

    /** String field values are double-quoted with backslash and double quote escaped. */
    static void appendString(StringBuilder sb, String v) {
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        sb.append('"');
    }

    /**
     * The shortest decimal that reads back as exactly {@code d} (exponent allowed, as InfluxDB accepts); integral
     * values below 10^18 as {@code 12.0}, {@code -0.0} with its sign. Jackson's Schubfach writer instead of
     * {@code Double.toString}: on JDK 17 the latter was the largest single cost of formatting a batch (JFR, session 8
     * of docs/benchmarks-ingest.md), and it does not always give the shortest form.
     */
    static void appendDouble(StringBuilder sb, double d) {
        long l = (long) d;
        if (l == d && Math.abs(l) < 1_000_000_000_000_000L && (l != 0 || Double.doubleToRawLongBits(d) == 0)) {
            sb.append(l).append(".0");
        } else {
            sb.append(NumberOutput.toString(d, true));
        }
    }
}
