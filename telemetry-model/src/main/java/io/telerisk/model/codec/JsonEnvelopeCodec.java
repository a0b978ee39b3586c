package io.telerisk.model.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;
import io.telerisk.model.validation.Limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The readable encoding, {@code application/json}: one JSON object per envelope, field names with units, times as
 * ISO-8601 UTC strings. The shape is specified in docs/telemetry.md.
 *
 * <p>Uses Jackson's streaming parser and generator directly (no data binding, no tree) because the hub must ingest
 * tens of thousands of messages per second on two cores. Decoding is structural: it checks JSON syntax, types,
 * required fields, the schema version and the size limits, and ignores unknown fields so that newer devices can add
 * fields; physical ranges are {@link io.telerisk.model.validation.EnvelopeValidator}'s job. NaN and infinite numbers
 * (the non-standard tokens {@code NaN}, {@code Infinity}, or numbers too large for a double) are rejected here as
 * {@link RejectReason#NOT_A_NUMBER}, since they cannot be represented in either wire format.
 *
 * <p>Thread-safe; create once and share.
 */
public final class JsonEnvelopeCodec implements EnvelopeCodec {
    /** The MQTT 5 content type of this encoding. */
    public static final String CONTENT_TYPE = "application/json";

    /** Deepest JSON nesting accepted (the schema itself needs 4: envelope, events, window, sample). */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longest JSON string accepted, characters. */
    public static final int MAX_STRING_CHARS = 64 * 1024;

    private final Limits limits;
    private final JsonFactory factory;

    /** A codec with {@link Limits#DEFAULT}. */
    public JsonEnvelopeCodec() {
        this(Limits.DEFAULT);
    }

    /** A codec enforcing {@code limits} (payload size, samples and events per batch) while decoding. */
    public JsonEnvelopeCodec(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.factory = newFactory();
    }

    static JsonFactory newFactory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_CHARS)
                        .maxNameLength(1024)
                        .maxNumberLength(64)
                        .build())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // so NaN is reported as NOT_A_NUMBER, not MALFORMED
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES) // hostile payloads must not fill the intern pool
                .build();
    }

    /** The limits enforced while decoding. */
    public Limits limits() {
        return limits;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    /**
     * Encodes an envelope as UTF-8 JSON. Absent (null) readings are omitted; empty {@code samples} and
     * {@code events} arrays are omitted.
     *
     * @throws IllegalArgumentException if a reading is NaN or infinite (not representable in JSON)
     */
    @Override
    public byte[] encode(Envelope e) {
        ByteArrayBuilder out = new ByteArrayBuilder(128 + 64 * e.samples().size());
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            char[] timeBuf = new char[IsoTime.MAX_CHARS];
            g.writeStartObject();
            g.writeNumberField("v", e.schemaVersion());
            g.writeStringField("tenant", e.tenant());
            g.writeStringField("device", e.deviceId());
            g.writeStringField("type", e.deviceType().wireName());
            g.writeNumberField("seq", e.sequence());
            writeTime(g, "sentAt", e.sentAt(), timeBuf);
            if (!e.samples().isEmpty()) {
                g.writeArrayFieldStart("samples");
                for (Sample s : e.samples()) writeSample(g, s, timeBuf);
                g.writeEndArray();
            }
            if (!e.events().isEmpty()) {
                g.writeArrayFieldStart("events");
                for (DeviceEvent ev : e.events()) writeEvent(g, ev, timeBuf);
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // cannot happen writing to memory
        }
        return out.toByteArray();
    }

    private static void writeTime(JsonGenerator g, String name, Instant t, char[] buf) throws IOException {
        g.writeFieldName(name);
        g.writeString(buf, 0, IsoTime.format(t, buf));
    }

    private static void writeEvent(JsonGenerator g, DeviceEvent ev, char[] timeBuf) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", ev.type());
        writeTime(g, "t", ev.time(), timeBuf);
        if (!ev.measures().isEmpty()) {
            g.writeObjectFieldStart("measures");
            for (Map.Entry<String, Double> m : ev.measures().entrySet()) {
                writeNumber(g, m.getKey(), m.getValue());
            }
            g.writeEndObject();
        }
        if (!ev.labels().isEmpty()) {
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> l : ev.labels().entrySet()) g.writeStringField(l.getKey(), l.getValue());
            g.writeEndObject();
        }
        if (!ev.window().isEmpty()) {
            g.writeArrayFieldStart("window");
            for (Sample s : ev.window()) writeSample(g, s, timeBuf);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeSample(JsonGenerator g, Sample s, char[] timeBuf) throws IOException {
        g.writeStartObject();
        writeTime(g, "t", s.time(), timeBuf);
        if (s instanceof VehicleSample v) {
            GnssFix p = v.position();
            if (p != null) {
                writeNumber(g, "lat", p.latitudeDeg());
                writeNumber(g, "lon", p.longitudeDeg());
                writeNumber(g, "altM", p.altitudeM());
                writeNumber(g, "hdop", p.hdop());
                if (p.satellites() != null) g.writeNumberField("sats", p.satellites());
            }
            writeNumber(g, "speedMps", v.speedMps());
            writeNumber(g, "headingDeg", v.headingDeg());
            Acceleration a = v.acceleration();
            if (a != null) {
                writeNumber(g, "axMps2", a.xMps2());
                writeNumber(g, "ayMps2", a.yMps2());
                writeNumber(g, "azMps2", a.zMps2());
            }
            writeNumber(g, "odometerKm", v.odometerKm());
            if (v.ignitionOn() != null) g.writeBooleanField("ignition", v.ignitionOn());
        } else if (s instanceof WearableSample w) {
            if (w.heartRateBpm() != null) g.writeNumberField("heartRateBpm", w.heartRateBpm());
            if (w.steps() != null) g.writeNumberField("steps", w.steps());
            if (w.sleepStage() != null) g.writeStringField("sleepStage", w.sleepStage().name().toLowerCase(Locale.ROOT));
            writeNumber(g, "spo2Percent", w.spo2Percent());
        } else if (s instanceof FarmSample f) {
            writeNumber(g, "soilMoistureVwc", f.soilMoistureVwc());
            writeNumber(g, "soilTemperatureC", f.soilTemperatureC());
            writeNumber(g, "airTemperatureC", f.airTemperatureC());
            writeNumber(g, "relativeHumidityPercent", f.relativeHumidityPercent());
            writeNumber(g, "rainfallMm", f.rainfallMm());
            writeNumber(g, "leafWetnessPercent", f.leafWetnessPercent());
        }
        g.writeEndObject();
    }

    private static void writeNumber(JsonGenerator g, String name, Double v) throws IOException {
        if (v == null) return;
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " is " + v + ": not representable in JSON");
        // whole numbers as integers: shorter, and what a human would write
        long l = (long) v.doubleValue();
        if (l == v && Math.abs(l) < (1L << 53) && !(l == 0 && 1 / v < 0)) {
            g.writeNumberField(name, l);
        } else {
            g.writeNumberField(name, v.doubleValue());
        }
    }

    @Override
    public Decoded decode(byte[] payload) {
        if (payload == null) return Decoded.rejected(RejectReason.MALFORMED, "payload is null");
        if (payload.length > limits.maxPayloadBytes()) {
            return Decoded.rejected(RejectReason.TOO_LARGE,
                    "payload is " + payload.length + " bytes, limit " + limits.maxPayloadBytes());
        }
        if (payload.length == 0) return Decoded.rejected(RejectReason.MALFORMED, "payload is empty");
        try (JsonParser p = factory.createParser(payload)) {
            return Decoded.ok(new Reader(p, limits).envelope());
        } catch (DecodeFailure f) {
            return f.toRejected();
        } catch (StreamConstraintsException e) {
            return Decoded.rejected(RejectReason.TOO_LARGE, "JSON exceeds a parser limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return Decoded.rejected(RejectReason.MALFORMED, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset()));
        } catch (IOException | RuntimeException e) {
            return Decoded.rejected(RejectReason.MALFORMED, "not decodable: " + e);
        }
    }

    /** One decode: the parser plus the running totals the limits apply to. */
    private static final class Reader {
        private final JsonParser p;
        private final Limits limits;
        private int totalSamples;

        Reader(JsonParser p, Limits limits) {
            this.p = p;
            this.limits = limits;
        }

        Envelope envelope() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) throw malformed("payload is not a JSON object");
            Integer version = null;
            String tenant = null, device = null, type = null;
            Long seq = null;
            Instant sentAt = null;
            List<SampleFields> samples = List.of();
            List<EventFields> events = List.of();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) continue;
                switch (name) {
                    case "v" -> {
                        version = (int) integer("v", value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                        if (version != Envelope.CURRENT_SCHEMA_VERSION) throw schemaVersion(version);
                    }
                    case "tenant" -> tenant = string("tenant", value);
                    case "device" -> device = string("device", value);
                    case "type" -> type = string("type", value);
                    case "seq" -> seq = integer("seq", value, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "sentAt" -> sentAt = time("sentAt", value);
                    case "samples" -> samples = samples("samples", value);
                    case "events" -> events = events(value);
                    default -> p.skipChildren(); // forward compatibility: newer fields are ignored
                }
            }
            if (t != JsonToken.END_OBJECT) throw malformed("envelope object is not closed");
            if (p.nextToken() != null) throw malformed("trailing content after the envelope object");
            if (version == null) throw missing("v");
            if (tenant == null) throw missing("tenant");
            if (device == null) throw missing("device");
            if (type == null) throw missing("type");
            if (seq == null) throw missing("seq");
            if (sentAt == null) throw missing("sentAt");
            DeviceType deviceType;
            try {
                deviceType = DeviceType.fromWire(type);
            } catch (IllegalArgumentException e) {
                throw malformed("type: " + e.getMessage());
            }
            List<Sample> typed = new ArrayList<>(samples.size());
            for (int i = 0; i < samples.size(); i++) typed.add(samples.get(i).build(deviceType, "samples", i));
            List<DeviceEvent> typedEvents = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) typedEvents.add(events.get(i).build(deviceType, i));
            return new Envelope(version, tenant, device, deviceType, seq, sentAt, typed, typedEvents);
        }

        private List<SampleFields> samples(String path, JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) throw wrongType(path, "an array", value);
            List<SampleFields> out = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (++totalSamples > limits.maxSamplesPerBatch()) {
                    throw new DecodeFailure(RejectReason.TOO_LARGE, "more than " + limits.maxSamplesPerBatch()
                            + " samples in the envelope (samples and event windows together)");
                }
                out.add(sample(path, out.size(), t));
            }
            return out;
        }

        private SampleFields sample(String arrayPath, int index, JsonToken start) throws IOException {
            if (start != JsonToken.START_OBJECT) throw wrongType(path(arrayPath, index, null), "an object", start);
            SampleFields s = new SampleFields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int field = SampleFields.index(name);
                if (field == -2) {
                    p.skipChildren();
                    continue;
                }
                if (value == JsonToken.VALUE_NULL) continue;
                if (field == -1) {
                    s.time = time(arrayPath, index, "t", value);
                } else if (field == SampleFields.IGNITION) {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                        throw wrongType(path(arrayPath, index, "ignition"), "true or false", value);
                    }
                    s.set(field, value == JsonToken.VALUE_TRUE ? 1 : 0);
                } else if (field == SampleFields.SLEEP) {
                    String stage = string(arrayPath, index, "sleepStage", value);
                    s.sleepStage = sleepStage(stage, arrayPath, index);
                    s.present |= 1 << field;
                } else if ((SampleFields.INTEGER_MASK & 1 << field) != 0) {
                    s.set(field, integer(arrayPath, index, name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                } else {
                    s.set(field, number(arrayPath, index, name, value));
                }
            }
            return s;
        }

        private List<EventFields> events(JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) throw wrongType("events", "an array", value);
            List<EventFields> out = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                int i = out.size();
                if (i >= limits.maxEventsPerBatch()) {
                    throw new DecodeFailure(RejectReason.TOO_LARGE, "more than " + limits.maxEventsPerBatch()
                            + " events in the envelope");
                }
                if (t != JsonToken.START_OBJECT) throw wrongType("events[" + i + "]", "an object", t);
                EventFields ev = new EventFields();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_NULL) continue;
                    switch (name) {
                        case "type" -> ev.type = string("events[" + i + "].type", v);
                        case "t" -> ev.time = time("events[" + i + "].t", v);
                        case "measures" -> ev.measures = measures(i, v);
                        case "labels" -> ev.labels = labels(i, v);
                        case "window" -> ev.window = samples("events[" + i + "].window", v);
                        default -> p.skipChildren();
                    }
                }
                out.add(ev);
            }
            return out;
        }

        private Map<String, Double> measures(int event, JsonToken value) throws IOException {
            String path = "events[" + event + "].measures";
            if (value != JsonToken.START_OBJECT) throw wrongType(path, "an object", value);
            Map<String, Double> out = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v != JsonToken.VALUE_NULL) out.put(key, number(path + "." + key, v));
            }
            return out;
        }

        private Map<String, String> labels(int event, JsonToken value) throws IOException {
            String path = "events[" + event + "].labels";
            if (value != JsonToken.START_OBJECT) throw wrongType(path, "an object", value);
            Map<String, String> out = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v != JsonToken.VALUE_NULL) out.put(key, string(path + "." + key, v));
            }
            return out;
        }

        // Paths in rejection details are built only on failure: (array, index, field), index -1 for none.

        private String string(String path, JsonToken value) throws IOException {
            return string(path, -1, null, value);
        }

        private String string(String a, int i, String f, JsonToken value) throws IOException {
            if (value != JsonToken.VALUE_STRING) throw wrongType(path(a, i, f), "a string", value);
            return p.getText();
        }

        private Instant time(String path, JsonToken value) throws IOException {
            return time(path, -1, null, value);
        }

        private Instant time(String a, int i, String f, JsonToken value) throws IOException {
            if (value != JsonToken.VALUE_STRING) throw wrongType(path(a, i, f), "a string", value);
            try {
                return IsoTime.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } catch (DateTimeException e) {
                throw malformed(path(a, i, f) + " '" + abbreviate(p.getText()) + "' is not an ISO-8601 UTC instant");
            }
        }

        private double number(String path, JsonToken value) throws IOException {
            return number(path, -1, null, value);
        }

        private double number(String a, int i, String f, JsonToken value) throws IOException {
            if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                throw wrongType(path(a, i, f), "a number", value);
            }
            double d = p.getDoubleValue();
            if (!Double.isFinite(d)) {
                throw new DecodeFailure(RejectReason.NOT_A_NUMBER, path(a, i, f) + " is " + abbreviate(p.getText()));
            }
            return d;
        }

        private long integer(String path, JsonToken value, long min, long max) throws IOException {
            return integer(path, -1, null, value, min, max);
        }

        private long integer(String a, int i, String f, JsonToken value, long min, long max) throws IOException {
            if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                int v = p.getIntValue(); // the common case, without the checks below
                if (v >= min && v <= max) return v;
            }
            String path = path(a, i, f);
            long v;
            if (value == JsonToken.VALUE_NUMBER_INT) {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw malformed(path + " " + abbreviate(p.getText()) + " does not fit in 64 bits");
                }
                v = p.getLongValue();
            } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw new DecodeFailure(RejectReason.NOT_A_NUMBER, path + " is " + abbreviate(p.getText()));
                }
                if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) throw malformed(path + " " + p.getText() + " is not a whole number");
                v = (long) d;
            } else {
                throw wrongType(path, "a whole number", value);
            }
            if (v < min || v > max) throw malformed(path + " " + v + " does not fit in " + (max == Integer.MAX_VALUE ? 32 : 64) + " bits");
            return v;
        }

        private SleepStage sleepStage(String s, String a, int i) {
            String path = path(a, i, "sleepStage");
            return switch (s) {
                case "awake" -> SleepStage.AWAKE;
                case "light" -> SleepStage.LIGHT;
                case "deep" -> SleepStage.DEEP;
                case "rem" -> SleepStage.REM;
                default -> throw malformed(path + " '" + abbreviate(s) + "' is not one of awake, light, deep, rem");
            };
        }

        private DecodeFailure wrongType(String path, String expected, JsonToken got) {
            return malformed(path + " must be " + expected + ", got " + describe(got));
        }

        private static String describe(JsonToken t) {
            if (t == null) return "end of input";
            return switch (t) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> t.toString();
            };
        }

        private static DecodeFailure schemaVersion(int v) {
            return new DecodeFailure(RejectReason.SCHEMA_VERSION, "schema version v=" + v + " is not supported (this reader understands "
                    + Envelope.CURRENT_SCHEMA_VERSION + ")");
        }
    }

    /** An event as read, typed once the envelope's device type is known. */
    private static final class EventFields {
        String type;
        Instant time;
        Map<String, Double> measures;
        Map<String, String> labels;
        List<SampleFields> window = List.of();

        DeviceEvent build(DeviceType deviceType, int index) {
            if (type == null) throw missing("events[" + index + "].type");
            if (time == null) throw missing("events[" + index + "].t");
            List<Sample> typed = new ArrayList<>(window.size());
            for (int i = 0; i < window.size(); i++) {
                typed.add(window.get(i).build(deviceType, "events[" + index + "].window", i));
            }
            return new DeviceEvent(type, time, measures, labels, typed);
        }
    }

    static DecodeFailure malformed(String detail) {
        return new DecodeFailure(RejectReason.MALFORMED, detail);
    }

    static DecodeFailure missing(String path) {
        return new DecodeFailure(RejectReason.MISSING_FIELD, path + " is missing");
    }

    /** Keeps hostile values from blowing up rejection details and logs. */
    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    static String path(String array, int index, String field) {
        String p = index < 0 ? array : array + "[" + index + "]";
        return field == null ? p : p + "." + field;
    }
}
