package io.telerisk.model.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.Sample;
import io.telerisk.model.validation.Limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The compact binary encoding, {@code application/x-protobuf}, specified by {@code telerisk/telemetry.proto}
 * (on the classpath, and in docs/telemetry.md). Hand-written against protobuf-java's {@link CodedOutputStream} and
 * {@link CodedInputStream}: no generated classes, no intermediate message objects.
 *
 * <p>Samples are stored as columns of fixed-point integers, delta-encoded per column as zigzag varints in packed
 * fields; times are microseconds, delta-of-delta encoded against {@code sentAt} (or the event time for event
 * windows). The encoding is therefore lossy in a documented way: times keep microseconds (sub-microsecond digits
 * are dropped, rounding towards the past), and each reading keeps its column's resolution (1e-7 degree for
 * latitude and longitude, 0.001 m/s² for acceleration, 0.01 °C for temperatures, ...; see the .proto). Event
 * measures are full doubles. A value that is already on its column's grid survives the round trip exactly.
 *
 * <p>Decoding never throws: truncated or random bytes are {@link RejectReason#MALFORMED}, absent required fields
 * {@link RejectReason#MISSING_FIELD}, another schema version {@link RejectReason#SCHEMA_VERSION}, oversized payloads
 * or batches {@link RejectReason#TOO_LARGE}, NaN or infinite measures {@link RejectReason#NOT_A_NUMBER}. Unknown
 * fields are skipped (forward compatibility). Thread-safe; create once and share.
 */
public final class ProtobufEnvelopeCodec implements EnvelopeCodec {
    /** The MQTT 5 content type of this encoding. */
    public static final String CONTENT_TYPE = "application/x-protobuf";
    /** Classpath location of the schema this codec implements. */
    public static final String PROTO_RESOURCE = "telerisk/telemetry.proto";
    /** Longest string accepted, bytes of UTF-8. */
    public static final int MAX_STRING_BYTES = 64 * 1024;

    // Envelope fields
    static final int F_VERSION = 1, F_TENANT = 2, F_DEVICE = 3, F_TYPE = 4, F_SEQUENCE = 5, F_SENT_AT = 6,
            F_SAMPLES = 7, F_EVENTS = 8;
    // Event fields
    static final int E_TYPE = 1, E_OFFSET = 2, E_MEASURES = 3, E_LABELS = 4, E_WINDOW = 5;
    // SampleBlock fields
    static final int B_TIME = 1, B_PRESENCE = 2, B_UNIFORM = 3;

    private final Limits limits;

    /** A codec with {@link Limits#DEFAULT}. */
    public ProtobufEnvelopeCodec() {
        this(Limits.DEFAULT);
    }

    /** A codec enforcing {@code limits} (payload size, samples and events per batch) while decoding. */
    public ProtobufEnvelopeCodec(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The limits enforced while decoding. */
    public Limits limits() {
        return limits;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    // ------------------------------------------------------------------------------------------------ encoding

    /**
     * Encodes an envelope.
     *
     * @throws IllegalArgumentException if a reading is NaN, infinite or beyond its fixed-point column, a sample is
     *                                  of another device type than the envelope, or a time is beyond ±292,000 years
     */
    @Override
    public byte[] encode(Envelope e) {
        long sentUs = micros(e.sentAt());
        ColumnLayout layout = ColumnLayout.of(e.deviceType());
        byte[] block = e.samples().isEmpty() ? null : encodeBlock(layout, e.samples(), sentUs);
        byte[][] events = new byte[e.events().size()][];
        for (int i = 0; i < events.length; i++) events[i] = encodeEvent(layout, e.events().get(i), sentUs);

        int size = CodedOutputStream.computeUInt32Size(F_VERSION, e.schemaVersion())
                + CodedOutputStream.computeStringSize(F_TENANT, e.tenant())
                + CodedOutputStream.computeStringSize(F_DEVICE, e.deviceId())
                + CodedOutputStream.computeEnumSize(F_TYPE, typeNumber(e.deviceType()))
                + CodedOutputStream.computeUInt64Size(F_SEQUENCE, e.sequence())
                + CodedOutputStream.computeSInt64Size(F_SENT_AT, sentUs);
        if (block != null) size += CodedOutputStream.computeByteArraySize(F_SAMPLES, block);
        for (byte[] ev : events) size += CodedOutputStream.computeByteArraySize(F_EVENTS, ev);

        byte[] out = new byte[size];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeUInt32(F_VERSION, e.schemaVersion());
            o.writeString(F_TENANT, e.tenant());
            o.writeString(F_DEVICE, e.deviceId());
            o.writeEnum(F_TYPE, typeNumber(e.deviceType()));
            o.writeUInt64(F_SEQUENCE, e.sequence());
            o.writeSInt64(F_SENT_AT, sentUs);
            if (block != null) o.writeByteArray(F_SAMPLES, block);
            for (byte[] ev : events) o.writeByteArray(F_EVENTS, ev);
            o.checkNoSpaceLeft();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // cannot happen: the array is sized exactly
        }
        return out;
    }

    private static byte[] encodeEvent(ColumnLayout layout, DeviceEvent ev, long sentUs) {
        long timeUs = micros(ev.time());
        long offset;
        try {
            offset = Math.subtractExact(timeUs, sentUs);
        } catch (ArithmeticException x) {
            throw new IllegalArgumentException("event time " + ev.time() + " too far from sentAt");
        }
        byte[] window = ev.window().isEmpty() ? null : encodeBlock(layout, ev.window(), timeUs);
        int size = CodedOutputStream.computeStringSize(E_TYPE, ev.type())
                + CodedOutputStream.computeSInt64Size(E_OFFSET, offset);
        for (Map.Entry<String, Double> m : ev.measures().entrySet()) {
            int entry = measureEntrySize(m);
            size += CodedOutputStream.computeTagSize(E_MEASURES) + CodedOutputStream.computeUInt32SizeNoTag(entry) + entry;
        }
        for (Map.Entry<String, String> l : ev.labels().entrySet()) {
            int entry = labelEntrySize(l);
            size += CodedOutputStream.computeTagSize(E_LABELS) + CodedOutputStream.computeUInt32SizeNoTag(entry) + entry;
        }
        if (window != null) size += CodedOutputStream.computeByteArraySize(E_WINDOW, window);

        byte[] out = new byte[size];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeString(E_TYPE, ev.type());
            o.writeSInt64(E_OFFSET, offset);
            for (Map.Entry<String, Double> m : ev.measures().entrySet()) {
                o.writeTag(E_MEASURES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                o.writeUInt32NoTag(measureEntrySize(m));
                o.writeString(1, m.getKey());
                o.writeDouble(2, m.getValue());
            }
            for (Map.Entry<String, String> l : ev.labels().entrySet()) {
                o.writeTag(E_LABELS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                o.writeUInt32NoTag(labelEntrySize(l));
                o.writeString(1, l.getKey());
                o.writeString(2, l.getValue());
            }
            if (window != null) o.writeByteArray(E_WINDOW, window);
            o.checkNoSpaceLeft();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out;
    }

    private static int measureEntrySize(Map.Entry<String, Double> m) {
        return CodedOutputStream.computeStringSize(1, m.getKey()) + CodedOutputStream.computeDoubleSize(2, m.getValue());
    }

    private static int labelEntrySize(Map.Entry<String, String> l) {
        return CodedOutputStream.computeStringSize(1, l.getKey()) + CodedOutputStream.computeStringSize(2, l.getValue());
    }

    /** Encodes samples as a SampleBlock with times relative to {@code baseUs}. */
    static byte[] encodeBlock(ColumnLayout layout, List<Sample> samples, long baseUs) {
        int n = samples.size();
        int k = layout.columns();
        long[] time = new long[n];
        int[] masks = new int[n];
        long[][] cols = new long[k][n];
        int[] counts = new int[k];
        long[] previous = new long[k];
        long[] row = new long[k];
        long prevT = baseUs, prevDelta = 0;
        boolean uniform = true;
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            if (s.deviceType() != layout.type) {
                throw new IllegalArgumentException("sample " + i + " is a " + s.deviceType().wireName()
                        + " sample in a " + layout.type.wireName() + " envelope");
            }
            long t = micros(s.time());
            long delta = Math.subtractExact(t, prevT);
            time[i] = i >= 2 ? Math.subtractExact(delta, prevDelta) : delta;
            prevDelta = delta;
            prevT = t;
            int mask = layout.toRow(s, row);
            masks[i] = mask;
            uniform &= mask == masks[0];
            for (int c = 0; c < k; c++) {
                if ((mask & 1 << c) != 0) {
                    cols[c][counts[c]++] = row[c] - previous[c];
                    previous[c] = row[c];
                }
            }
        }
        int timeBytes = 0;
        for (long v : time) timeBytes += CodedOutputStream.computeSInt64SizeNoTag(v);
        int size = CodedOutputStream.computeTagSize(B_TIME) + CodedOutputStream.computeUInt32SizeNoTag(timeBytes) + timeBytes;
        int presenceBytes = 0;
        if (uniform) {
            if (masks[0] != 0) size += CodedOutputStream.computeUInt32Size(B_UNIFORM, masks[0]);
        } else {
            for (int m : masks) presenceBytes += CodedOutputStream.computeUInt32SizeNoTag(m);
            size += CodedOutputStream.computeTagSize(B_PRESENCE) + CodedOutputStream.computeUInt32SizeNoTag(presenceBytes) + presenceBytes;
        }
        int[] colBytes = new int[k];
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) continue;
            for (int j = 0; j < counts[c]; j++) colBytes[c] += CodedOutputStream.computeSInt64SizeNoTag(cols[c][j]);
            size += CodedOutputStream.computeTagSize(layout.fieldBase + c) + CodedOutputStream.computeUInt32SizeNoTag(colBytes[c]) + colBytes[c];
        }

        byte[] out = new byte[size];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeTag(B_TIME, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(timeBytes);
            for (long v : time) o.writeSInt64NoTag(v);
            if (uniform) {
                if (masks[0] != 0) o.writeUInt32(B_UNIFORM, masks[0]);
            } else {
                o.writeTag(B_PRESENCE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                o.writeUInt32NoTag(presenceBytes);
                for (int m : masks) o.writeUInt32NoTag(m);
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) continue;
                o.writeTag(layout.fieldBase + c, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                o.writeUInt32NoTag(colBytes[c]);
                for (int j = 0; j < counts[c]; j++) o.writeSInt64NoTag(cols[c][j]);
            }
            o.checkNoSpaceLeft();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out;
    }

    static int typeNumber(DeviceType t) {
        return switch (t) {
            case VEHICLE -> 1;
            case WEARABLE -> 2;
            case FARM_SENSOR -> 3;
        };
    }

    /** Microseconds since the epoch, rounding towards the past. */
    static long micros(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time " + t + " is beyond the microsecond range of the encoding");
        }
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    // ------------------------------------------------------------------------------------------------ decoding

    @Override
    public Decoded decode(byte[] payload) {
        if (payload == null) return Decoded.rejected(RejectReason.MALFORMED, "payload is null");
        if (payload.length > limits.maxPayloadBytes()) {
            return Decoded.rejected(RejectReason.TOO_LARGE,
                    "payload is " + payload.length + " bytes, limit " + limits.maxPayloadBytes());
        }
        if (payload.length == 0) return Decoded.rejected(RejectReason.MALFORMED, "payload is empty");
        try {
            return Decoded.ok(new Reader(payload, limits).envelope());
        } catch (DecodeFailure f) {
            return f.toRejected();
        } catch (InvalidProtocolBufferException e) {
            return Decoded.rejected(RejectReason.MALFORMED, "not valid protobuf: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Decoded.rejected(RejectReason.MALFORMED, "not decodable: " + e);
        }
    }

    /** One decode: the payload plus the running totals the limits apply to. */
    private static final class Reader {
        private final byte[] buf;
        private final Limits limits;
        private int totalSamples;

        Reader(byte[] buf, Limits limits) {
            this.buf = buf;
            this.limits = limits;
        }

        Envelope envelope() throws IOException {
            CodedInputStream in = CodedInputStream.newInstance(buf);
            Integer version = null, typeNumber = null;
            String tenant = null, device = null;
            Long seq = null, sentUs = null;
            int[] block = null;
            List<int[]> events = new ArrayList<>();
            int tag;
            while ((tag = in.readTag()) != 0) {
                int field = WireFormat.getTagFieldNumber(tag);
                int wt = WireFormat.getTagWireType(tag);
                switch (field) {
                    case F_VERSION -> {
                        expect(wt, WireFormat.WIRETYPE_VARINT, "schema_version");
                        version = in.readUInt32();
                        if (version != Envelope.CURRENT_SCHEMA_VERSION) {
                            throw new DecodeFailure(RejectReason.SCHEMA_VERSION, "schema version v="
                                    + Integer.toUnsignedString(version) + " is not supported (this reader understands "
                                    + Envelope.CURRENT_SCHEMA_VERSION + ")");
                        }
                    }
                    case F_TENANT -> tenant = string(in, wt, "tenant");
                    case F_DEVICE -> device = string(in, wt, "device_id");
                    case F_TYPE -> {
                        expect(wt, WireFormat.WIRETYPE_VARINT, "device_type");
                        typeNumber = in.readEnum();
                    }
                    case F_SEQUENCE -> {
                        expect(wt, WireFormat.WIRETYPE_VARINT, "sequence");
                        seq = in.readUInt64();
                    }
                    case F_SENT_AT -> {
                        expect(wt, WireFormat.WIRETYPE_VARINT, "sent_at_us");
                        sentUs = in.readSInt64();
                    }
                    case F_SAMPLES -> {
                        if (block != null) throw JsonEnvelopeCodec.malformed("samples block appears twice");
                        block = slice(in, wt, 0, "samples");
                    }
                    case F_EVENTS -> {
                        if (events.size() >= limits.maxEventsPerBatch()) {
                            throw new DecodeFailure(RejectReason.TOO_LARGE, "more than " + limits.maxEventsPerBatch()
                                    + " events in the envelope");
                        }
                        events.add(slice(in, wt, 0, "events[" + events.size() + "]"));
                    }
                    default -> skip(in, tag);
                }
            }
            if (version == null) throw JsonEnvelopeCodec.missing("schema_version");
            if (tenant == null) throw JsonEnvelopeCodec.missing("tenant");
            if (device == null) throw JsonEnvelopeCodec.missing("device_id");
            if (typeNumber == null) throw JsonEnvelopeCodec.missing("device_type");
            if (seq == null) throw JsonEnvelopeCodec.missing("sequence");
            if (sentUs == null) throw JsonEnvelopeCodec.missing("sent_at_us");
            DeviceType type = switch (typeNumber) {
                case 1 -> DeviceType.VEHICLE;
                case 2 -> DeviceType.WEARABLE;
                case 3 -> DeviceType.FARM_SENSOR;
                default -> throw JsonEnvelopeCodec.malformed("device_type " + typeNumber + " is not 1 (vehicle), 2 (wearable) or 3 (farm-sensor)");
            };
            ColumnLayout layout = ColumnLayout.of(type);
            List<Sample> samples = block == null ? List.of() : block(layout, block, sentUs, "samples");
            List<DeviceEvent> typedEvents = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) typedEvents.add(event(layout, events.get(i), sentUs, i));
            return new Envelope(version, tenant, device, type, seq, instant(sentUs), samples, typedEvents);
        }

        private DeviceEvent event(ColumnLayout layout, int[] slice, long sentUs, int index) throws IOException {
            String path = "events[" + index + "]";
            CodedInputStream in = CodedInputStream.newInstance(buf, slice[0], slice[1]);
            String type = null;
            Long offset = null;
            Map<String, Double> measures = new HashMap<>();
            Map<String, String> labels = new HashMap<>();
            int[] window = null;
            int tag;
            while ((tag = in.readTag()) != 0) {
                int field = WireFormat.getTagFieldNumber(tag);
                int wt = WireFormat.getTagWireType(tag);
                switch (field) {
                    case E_TYPE -> type = string(in, wt, path + ".type");
                    case E_OFFSET -> {
                        expect(wt, WireFormat.WIRETYPE_VARINT, path + ".time_offset_us");
                        offset = in.readSInt64();
                    }
                    case E_MEASURES, E_LABELS -> {
                        expect(wt, WireFormat.WIRETYPE_LENGTH_DELIMITED, path + (field == E_MEASURES ? ".measures" : ".labels"));
                        int old = in.pushLimit(in.readRawVarint32());
                        String key = "";
                        double measure = 0;
                        String label = "";
                        int t;
                        while ((t = in.readTag()) != 0) {
                            int f = WireFormat.getTagFieldNumber(t);
                            if (f == 1) {
                                key = string(in, WireFormat.getTagWireType(t), path + ".key");
                            } else if (f == 2 && field == E_MEASURES) {
                                expect(WireFormat.getTagWireType(t), WireFormat.WIRETYPE_FIXED64, path + ".measures value");
                                measure = in.readDouble();
                            } else if (f == 2) {
                                label = string(in, WireFormat.getTagWireType(t), path + ".labels value");
                            } else {
                                skip(in, t);
                            }
                        }
                        in.popLimit(old);
                        if (field == E_MEASURES) {
                            if (!Double.isFinite(measure)) {
                                throw new DecodeFailure(RejectReason.NOT_A_NUMBER, path + ".measures."
                                        + JsonEnvelopeCodec.abbreviate(key) + " is " + measure);
                            }
                            measures.put(key, measure);
                        } else {
                            labels.put(key, label);
                        }
                    }
                    case E_WINDOW -> {
                        if (window != null) throw JsonEnvelopeCodec.malformed(path + ".window appears twice");
                        window = slice(in, wt, slice[0], path + ".window");
                    }
                    default -> skip(in, tag);
                }
            }
            if (type == null) throw JsonEnvelopeCodec.missing(path + ".type");
            if (offset == null) throw JsonEnvelopeCodec.missing(path + ".time_offset_us");
            long timeUs = Math.addExact(sentUs, offset);
            List<Sample> samples = window == null ? List.of() : block(layout, window, timeUs, path + ".window");
            return new DeviceEvent(type, instant(timeUs), measures, labels, samples);
        }

        private List<Sample> block(ColumnLayout layout, int[] slice, long baseUs, String path) throws IOException {
            CodedInputStream in = CodedInputStream.newInstance(buf, slice[0], slice[1]);
            int cap = limits.maxSamplesPerBatch() - totalSamples;
            int k = layout.columns();
            LongList time = new LongList();
            LongList presence = new LongList();
            int uniform = 0;
            LongList[] cols = new LongList[k];
            for (int c = 0; c < k; c++) cols[c] = new LongList();
            int tag;
            while ((tag = in.readTag()) != 0) {
                int field = WireFormat.getTagFieldNumber(tag);
                int wt = WireFormat.getTagWireType(tag);
                if (field == B_TIME) {
                    readSInt64s(in, wt, time, cap, path + ".time_us");
                } else if (field == B_PRESENCE) {
                    readUInt32s(in, wt, presence, cap, path + ".presence");
                } else if (field == B_UNIFORM) {
                    expect(wt, WireFormat.WIRETYPE_VARINT, path + ".uniform_presence");
                    uniform = in.readUInt32();
                } else if (field >= layout.fieldBase && field < layout.fieldBase + k) {
                    int c = field - layout.fieldBase;
                    readSInt64s(in, wt, cols[c], cap, path + "." + layout.names[c]);
                } else {
                    ColumnLayout owner = ColumnLayout.owningField(field);
                    if (owner != null && owner != layout) {
                        throw JsonEnvelopeCodec.malformed(path + ": field " + field + " is a " + owner.type.wireName()
                                + " column but the envelope type is " + layout.type.wireName());
                    }
                    skip(in, tag); // a newer column of this type, or an unknown field
                }
            }
            int n = time.size;
            totalSamples += n;
            if (presence.size != 0 && presence.size != n) {
                throw JsonEnvelopeCodec.malformed(path + ".presence has " + presence.size + " masks for " + n + " samples");
            }
            int known = (1 << k) - 1;
            int[] used = new int[k];
            long[] acc = new long[k];
            long[] row = new long[k];
            List<Sample> out = new ArrayList<>(n);
            long prevT = baseUs, prevDelta = 0;
            for (int i = 0; i < n; i++) {
                long delta = i >= 2 ? Math.addExact(prevDelta, time.values[i]) : time.values[i];
                long t = Math.addExact(prevT, delta);
                prevDelta = delta;
                prevT = t;
                int mask = (presence.size != 0 ? (int) presence.values[i] : uniform) & known;
                for (int c = 0; c < k; c++) {
                    if ((mask & 1 << c) != 0) {
                        if (used[c] >= cols[c].size) {
                            throw new DecodeFailure(RejectReason.MISSING_FIELD, path + "[" + i + "]." + layout.names[c]
                                    + " is missing: column has " + cols[c].size + " values");
                        }
                        acc[c] += cols[c].values[used[c]++];
                        row[c] = acc[c];
                    }
                }
                out.add(layout.fromRow(instant(t), mask, row, path, i));
            }
            for (int c = 0; c < k; c++) {
                if (used[c] != cols[c].size) {
                    throw JsonEnvelopeCodec.malformed(path + "." + layout.names[c] + " has " + cols[c].size
                            + " values but only " + used[c] + " samples carry it");
                }
            }
            return out;
        }

        /** Records where a length-delimited field's bytes are, and skips them. */
        private static int[] slice(CodedInputStream in, int wt, int base, String path) throws IOException {
            expect(wt, WireFormat.WIRETYPE_LENGTH_DELIMITED, path);
            int len = in.readRawVarint32();
            if (len < 0) throw JsonEnvelopeCodec.malformed(path + " has negative length " + len);
            int start = base + in.getTotalBytesRead();
            in.skipRawBytes(len);
            return new int[]{start, len};
        }

        private static String string(CodedInputStream in, int wt, String path) throws IOException {
            expect(wt, WireFormat.WIRETYPE_LENGTH_DELIMITED, path);
            String s = in.readStringRequireUtf8();
            if (s.length() > MAX_STRING_BYTES) {
                throw new DecodeFailure(RejectReason.TOO_LARGE, path + " is " + s.length() + " characters, limit " + MAX_STRING_BYTES);
            }
            return s;
        }

        private static void readSInt64s(CodedInputStream in, int wt, LongList out, int cap, String path) throws IOException {
            if (wt == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int old = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) add(out, in.readSInt64(), cap, path);
                in.popLimit(old);
            } else if (wt == WireFormat.WIRETYPE_VARINT) {
                add(out, in.readSInt64(), cap, path);
            } else {
                throw JsonEnvelopeCodec.malformed(path + " has wire type " + wt + ", expected packed varints");
            }
        }

        private static void readUInt32s(CodedInputStream in, int wt, LongList out, int cap, String path) throws IOException {
            if (wt == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int old = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) add(out, in.readUInt32(), cap, path);
                in.popLimit(old);
            } else if (wt == WireFormat.WIRETYPE_VARINT) {
                add(out, in.readUInt32(), cap, path);
            } else {
                throw JsonEnvelopeCodec.malformed(path + " has wire type " + wt + ", expected packed varints");
            }
        }

        private static void add(LongList out, long v, int cap, String path) {
            if (out.size >= cap) {
                throw new DecodeFailure(RejectReason.TOO_LARGE, path + ": more samples than the limit allows in this envelope");
            }
            out.add(v);
        }

        private static void expect(int wt, int expected, String path) {
            if (wt != expected) {
                throw JsonEnvelopeCodec.malformed(path + " has wire type " + wt + ", expected " + expected);
            }
        }

        private static void skip(CodedInputStream in, int tag) throws IOException {
            if (!in.skipField(tag)) throw JsonEnvelopeCodec.malformed("unexpected end-group tag " + tag);
        }
    }

    /** A growable primitive list, to keep packed columns unboxed. */
    private static final class LongList {
        long[] values = new long[16];
        int size;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }
    }
}
