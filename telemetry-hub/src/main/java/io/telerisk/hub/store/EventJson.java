package io.telerisk.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Sample;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The JSON text an event's measures, labels and raw window are stored as (one string column or field each).
 * A window is {@code [{"t":epochNanos,"speedMps":..},..]} with the stored field names of {@link SampleFields}.
 * Windows longer than {@link #MAX_PLAIN_CHARS} are gzipped and base64-encoded with prefix {@code gz:} so a
 * 10 s crash window at 100 Hz stays under InfluxDB 1.x's 64 KiB string-field limit.
 */
public final class EventJson {
    /** Above this many characters a window is compressed. */
    public static final int MAX_PLAIN_CHARS = 16_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    /** Measures as a JSON object, keys sorted. */
    public static String measures(Map<String, Double> measures) {
        ObjectNode o = MAPPER.createObjectNode();
        new TreeMap<>(measures).forEach(o::put);
        return o.toString();
    }

    /** Labels as a JSON object, keys sorted. */
    public static String labels(Map<String, String> labels) {
        ObjectNode o = MAPPER.createObjectNode();
        new TreeMap<>(labels).forEach(o::put);
        return o.toString();
    }

    /** A window as JSON, compressed when long; empty string for an empty window. */
    public static String window(List<Sample> window) {
        if (window.isEmpty()) return "";
        ArrayNode arr = MAPPER.createArrayNode();
        for (Sample s : window) {
            ObjectNode o = arr.addObject();
            o.put("t", epochNanos(s.time()));
            SampleFields.valueMap(s).forEach((k, v) -> {
                if (v instanceof Double d) o.put(k, d);
                else if (v instanceof Long l) o.put(k, l);
                else if (v instanceof Boolean b) o.put(k, b);
                else o.put(k, v.toString());
            });
        }
        String json = arr.toString();
        if (json.length() <= MAX_PLAIN_CHARS) return json;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length() / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "gz:" + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** Parses measures written by {@link #measures(Map)}. */
    public static Map<String, Double> parseMeasures(String json) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (json == null || json.isEmpty()) return m;
        JsonNode n = read(json);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asDouble());
        }
        return m;
    }

    /** Parses labels written by {@link #labels(Map)}. */
    public static Map<String, String> parseLabels(String json) {
        Map<String, String> m = new LinkedHashMap<>();
        if (json == null || json.isEmpty()) return m;
        JsonNode n = read(json);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    /** Parses a window written by {@link #window(List)}. */
    public static List<Sample> parseWindow(DeviceType type, String text) {
        List<Sample> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        String json = text;
        if (text.startsWith("gz:")) {
            byte[] gz = Base64.getDecoder().decode(text.substring(3));
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("corrupt compressed event window", e);
            }
        }
        for (JsonNode o : read(json)) {
            long t = o.get("t").asLong();
            out.add(SampleFields.sample(type, ofEpochNanos(t), name -> {
                JsonNode v = o.get(name);
                if (v == null || v.isNull()) return null;
                if (v.isBoolean()) return v.booleanValue();
                if (v.isIntegralNumber()) return v.longValue();
                if (v.isNumber()) return v.doubleValue();
                return v.asText();
            }));
        }
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt stored event JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Nanoseconds since the epoch (valid until 2262). */
    public static long epochNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /** The instant of an epoch-nanosecond timestamp. */
    public static Instant ofEpochNanos(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    }
}
