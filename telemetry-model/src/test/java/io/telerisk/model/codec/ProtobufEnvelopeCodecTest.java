package io.telerisk.model.codec;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;
import io.telerisk.model.testdata.RandomEnvelopes;
import io.telerisk.model.validation.Limits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtobufEnvelopeCodecTest {
    private static final Instant T = Instant.parse("2026-05-01T08:00:00Z");
    private final ProtobufEnvelopeCodec codec = Codecs.protobuf();

    private Envelope ok(byte[] payload) {
        Decoded d = codec.decode(payload);
        return assertInstanceOf(Decoded.Ok.class, d, d::toString).envelope();
    }

    private static void rejected(EnvelopeCodec c, byte[] payload, RejectReason reason, String detailFragment) {
        Decoded d = c.decode(payload);
        Decoded.Rejected r = assertInstanceOf(Decoded.Rejected.class, d, () -> "expected " + reason + " but got " + d);
        assertEquals(reason, r.reason(), r::detail);
        assertTrue(r.detail().contains(detailFragment), () -> "detail '" + r.detail() + "' should mention '" + detailFragment + "'");
    }

    private void rejected(byte[] payload, RejectReason reason, String detailFragment) {
        rejected(codec, payload, reason, detailFragment);
    }

    /** Writes fields by hand, for payloads our encoder would never produce. */
    private static byte[] raw(Fields f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            f.write(o);
            o.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    interface Fields {
        void write(CodedOutputStream o) throws IOException;
    }

    private static void header(CodedOutputStream o, int type) throws IOException {
        o.writeUInt32(1, 1);
        o.writeString(2, "acme");
        o.writeString(3, "dev-1");
        o.writeEnum(4, type);
        o.writeUInt64(5, 9);
        o.writeSInt64(6, ProtobufEnvelopeCodec.micros(T));
    }

    @Test
    void roundTripsEverySampleTypeAndEventWindows() {
        List<Sample> vehicle = List.of(
                new VehicleSample(T, new GnssFix(-33.8688197, 151.2092955, -12.5, 1.25, 9), 27.777, 359.99,
                        new Acceleration(-3.5, 0.25, 9.807), 123456.789, false),
                new VehicleSample(T.plusMillis(10), GnssFix.of(-33.8688, 151.2093), null, null, null, null, null),
                VehicleSample.acceleration(T.plusMillis(20), new Acceleration(0, 0, 0)),
                new VehicleSample(T.plusMillis(21), null, null, null, null, null, true));
        Envelope v = new Envelope(1, "acme", "veh-1", DeviceType.VEHICLE, 77, T.plusSeconds(1), vehicle,
                List.of(new DeviceEvent("crash_candidate", T.plusMillis(15), Map.of("deltaVKmh", 31.25, "peakG", 12.0),
                        Map.of("side", "front"), vehicle), DeviceEvent.of("trip_start", T.minusSeconds(3600), Map.of())));
        assertEquals(v, ok(codec.encode(v)));
        Envelope w = Envelope.telemetry("vita", "wrist-1", DeviceType.WEARABLE, 5, T,
                List.of(new WearableSample(T, 55, 0, io.telerisk.model.SleepStage.REM, 96.25),
                        new WearableSample(T.plusSeconds(60), null, 140, null, null)));
        assertEquals(w, ok(codec.encode(w)));
        Envelope f = Envelope.telemetry("agri", "probe-1", DeviceType.FARM_SENSOR, 5, T,
                List.of(new FarmSample(T, 0.2315, -4.25, -38.5, 99.99, 12.6, 0.0), new FarmSample(T.plusSeconds(900), null, null, 8.0, null, null, null)));
        assertEquals(f, ok(codec.encode(f)));
    }

    @Test
    void sameEnvelopeDecodesIdenticallyFromBothEncodings() {
        RandomEnvelopes gen = new RandomEnvelopes(99);
        for (int i = 0; i < 300; i++) {
            Envelope e = gen.next();
            assertEquals(((Decoded.Ok) Codecs.json().decode(Codecs.json().encode(e))).envelope(), ok(codec.encode(e)));
        }
    }

    @Test
    void roundsReadingsToTheDocumentedResolutionAndTimesToMicroseconds() {
        Instant t = Instant.parse("2026-05-01T08:00:00.123456789Z");
        Envelope e = Envelope.telemetry("a", "d", DeviceType.VEHICLE, 1, t,
                List.of(new VehicleSample(t, new GnssFix(48.123456789, 2.00000004, 35.234, 0.987, 7), 13.88888, 271.555,
                        new Acceleration(9.80665, -0.0004, 0.0005), 1.23456, true)));
        Envelope back = ok(codec.encode(e));
        VehicleSample s = (VehicleSample) back.samples().get(0);
        assertEquals(Instant.parse("2026-05-01T08:00:00.123456Z"), back.sentAt());
        assertEquals(Instant.parse("2026-05-01T08:00:00.123456Z"), s.time());
        assertEquals(48.1234568, s.position().latitudeDeg());
        assertEquals(2.0, s.position().longitudeDeg());
        assertEquals(35.23, s.position().altitudeM());
        assertEquals(0.99, s.position().hdop());
        assertEquals(13.889, s.speedMps());
        assertEquals(271.56, s.headingDeg());
        assertEquals(new Acceleration(9.807, 0.0, 0.001), s.acceleration());
        assertEquals(1.235, s.odometerKm());
    }

    @Test
    void timesBeforeTheEpochAndSamplesOutOfOrderRoundTrip() {
        Instant early = Instant.parse("1969-12-31T23:59:59.999999Z");
        Envelope e = Envelope.telemetry("a", "d", DeviceType.WEARABLE, 1, early,
                List.of(new WearableSample(early.plusSeconds(5), 60, null, null, null),
                        new WearableSample(early.minusSeconds(100), 61, null, null, null),
                        new WearableSample(early.plusSeconds(3), 62, null, null, null)));
        assertEquals(e, ok(codec.encode(e)));
    }

    @Test
    void isCompactForHighRateAccelerometerBatches() {
        byte[] proto = codec.encode(RandomEnvelopes.accelerometerBatch(1));
        byte[] json = Codecs.json().encode(RandomEnvelopes.accelerometerBatch(1));
        // ~1 byte of time and ~2 bytes per axis per sample: well under 8 bytes per sample
        assertTrue(proto.length < 800, "100 samples took " + proto.length + " bytes");
        assertTrue(proto.length * 8 < json.length, proto.length + " protobuf bytes vs " + json.length + " JSON bytes");
    }

    @Test
    void protoFileOnClasspathDeclaresTheFieldsTheCodecUses() throws IOException {
        String proto;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ProtobufEnvelopeCodec.PROTO_RESOURCE)) {
            assertNotNull(in, "telemetry.proto on the classpath");
            proto = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String decl : List.of("uint32 schema_version = 1;", "string tenant = 2;", "string device_id = 3;",
                "DeviceType device_type = 4;", "uint64 sequence = 5;", "sint64 sent_at_us = 6;", "SampleBlock samples = 7;",
                "repeated Event events = 8;", "string type = 1;", "sint64 time_offset_us = 2;", "map<string, double> measures = 3;",
                "map<string, string> labels = 4;", "SampleBlock window = 5;", "repeated sint64 time_us = 1",
                "repeated uint32 presence = 2", "uint32 uniform_presence = 3;")) {
            assertTrue(proto.contains(decl), "telemetry.proto declares " + decl);
        }
        for (ColumnLayout l : List.of(ColumnLayout.VEHICLE, ColumnLayout.WEARABLE, ColumnLayout.FARM)) {
            for (int c = 0; c < l.columns(); c++) {
                String scale = l.scales[c] >= 1e4 ? "(scale 1e" + (int) Math.log10(l.scales[c]) + ")" : "(scale " + (long) l.scales[c] + ")";
                int field = l.fieldBase + c;
                assertTrue(proto.matches("(?s).*= " + field + " \\[packed = true\\];\\s*// bit " + c + ",.*"),
                        l.type + " column " + l.names[c] + " is field " + field + ", bit " + c);
                String line = proto.lines().filter(x -> x.contains("= " + field + " [packed")).findFirst().orElseThrow();
                if (!l.names[c].equals("sleepStage") && !l.names[c].equals("ignition")) {
                    assertTrue(line.contains(scale), l.names[c] + " declares " + scale + ": " + line);
                }
            }
        }
    }

    @Test
    void everyTruncationIsHandledWithoutThrowing() {
        Envelope e = RandomEnvelopes.accelerometerBatch(3);
        byte[] full = codec.encode(e);
        int rejectedCount = 0;
        for (int len = 0; len < full.length; len++) {
            Decoded d = codec.decode(Arrays.copyOf(full, len));
            assertNotNull(d);
            if (d instanceof Decoded.Rejected) rejectedCount++;
            // protobuf has no end marker: a cut exactly between two top-level fields reads as a shorter, valid
            // envelope; it can never pass for the complete one
            if (d instanceof Decoded.Ok ok) assertTrue(!ok.envelope().equals(e) && ok.envelope().samples().isEmpty());
        }
        assertTrue(rejectedCount >= full.length - 8, rejectedCount + " of " + full.length + " prefixes rejected");
        rejected(Arrays.copyOf(full, full.length - 3), RejectReason.MALFORMED, "");
    }

    @Test
    void randomBytesAndBitFlipsNeverThrow() {
        Random r = new Random(5);
        byte[] valid = codec.encode(new RandomEnvelopes(8).next());
        int ok = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[r.nextInt(400)];
                r.nextBytes(b);
            } else {
                b = valid.clone();
                for (int k = 0; k < 1 + r.nextInt(3); k++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            Decoded d = codec.decode(b);
            assertNotNull(d);
            if (d instanceof Decoded.Ok) ok++;
        }
        assertTrue(ok < 15_000, "random input is mostly rejected: " + ok + " accepted");
    }

    @Test
    void rejectsUnknownSchemaVersion() {
        Envelope v2 = new Envelope(2, "a", "d", DeviceType.VEHICLE, 1, T, List.of(), List.of());
        rejected(codec.encode(v2), RejectReason.SCHEMA_VERSION, "v=2");
    }

    @Test
    void rejectsEachMissingRequiredField() {
        String[] names = {"schema_version", "tenant", "device_id", "device_type", "sequence", "sent_at_us"};
        for (int skip = 1; skip <= 6; skip++) {
            int s = skip;
            byte[] b = raw(o -> {
                if (s != 1) o.writeUInt32(1, 1);
                if (s != 2) o.writeString(2, "acme");
                if (s != 3) o.writeString(3, "dev");
                if (s != 4) o.writeEnum(4, 1);
                if (s != 5) o.writeUInt64(5, 1);
                if (s != 6) o.writeSInt64(6, 0);
            });
            rejected(b, RejectReason.MISSING_FIELD, names[skip - 1]);
        }
        rejected(raw(o -> {
            header(o, 1);
            o.writeByteArray(8, raw(ev -> ev.writeString(1, "x")));
        }), RejectReason.MISSING_FIELD, "events[0].time_offset_us");
    }

    @Test
    void rejectsInconsistentColumns() {
        // presence says two accelerometer samples, columns carry one value each
        byte[] block = raw(o -> {
            o.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(4); // 0 takes one byte, 10,000 (zigzag 20,000) three
            o.writeSInt64NoTag(0);
            o.writeSInt64NoTag(10_000);
            o.writeUInt32(3, 0b111);
            for (int f = 16; f <= 18; f++) o.writeSInt64(f, 1000);
        });
        rejected(raw(o -> { header(o, 1); o.writeByteArray(7, block); }), RejectReason.MISSING_FIELD, "samples[1].axMps2");
        // a column with values nobody claims
        byte[] extra = raw(o -> { o.writeSInt64(1, 0); o.writeSInt64(21, 5); });
        rejected(raw(o -> { header(o, 1); o.writeByteArray(7, extra); }), RejectReason.MALFORMED, "speedMps has 1 values but only 0");
        // presence list of the wrong length
        byte[] presence = raw(o -> { o.writeSInt64(1, 0); o.writeSInt64(1, 0); o.writeUInt32(2, 0); });
        rejected(raw(o -> { header(o, 1); o.writeByteArray(7, presence); }), RejectReason.MALFORMED, "presence has 1 masks for 2 samples");
        // only part of an acceleration
        byte[] partial = raw(o -> { o.writeSInt64(1, 0); o.writeUInt32(3, 0b011); o.writeSInt64(16, 1); o.writeSInt64(17, 1); });
        rejected(raw(o -> { header(o, 1); o.writeByteArray(7, partial); }), RejectReason.MISSING_FIELD, "acceleration needs");
        // a wearable column in a vehicle envelope
        byte[] foreign = raw(o -> { o.writeSInt64(1, 0); o.writeUInt32(3, 1); o.writeSInt64(32, 70); });
        rejected(raw(o -> { header(o, 1); o.writeByteArray(7, foreign); }), RejectReason.MALFORMED, "field 32 is a wearable column");
        // sleep stage outside the enum
        byte[] stage = raw(o -> { o.writeSInt64(1, 0); o.writeUInt32(3, 0b100); o.writeSInt64(34, 9); });
        rejected(raw(o -> { header(o, 2); o.writeByteArray(7, stage); }), RejectReason.MALFORMED, "sleepStage 9");
        // unknown device type and wrong wire type
        rejected(raw(o -> header(o, 7)), RejectReason.MALFORMED, "device_type 7");
        rejected(raw(o -> { header(o, 1); o.writeString(5, "nine"); }), RejectReason.MALFORMED, "sequence has wire type");
    }

    @Test
    void skipsUnknownFieldsForForwardCompatibility() {
        Envelope e = RandomEnvelopes.vehicleSingle(4);
        byte[] known = codec.encode(e);
        byte[] extended = raw(o -> {
            o.writeRawBytes(known);
            o.writeString(99, "future field");
            o.writeFixed32(100, 7);
            o.writeUInt64(101, 1L << 60);
        });
        assertEquals(e, ok(extended));
        // a newer column of the vehicle range (bit 15, field 31) is skipped, its presence bit ignored
        byte[] block = raw(o -> { o.writeSInt64(1, 0); o.writeUInt32(3, 1 << 15 | 1 << 5); o.writeSInt64(21, 5000); o.writeSInt64(31, 3); });
        Envelope withFuture = ok(raw(o -> { header(o, 1); o.writeByteArray(7, block); }));
        assertEquals(5.0, ((VehicleSample) withFuture.samples().get(0)).speedMps());
    }

    @Test
    void acceptsUnpackedRepeatedFields() {
        // proto parsers must accept both forms; a generic encoder may not pack
        byte[] block = raw(o -> {
            o.writeSInt64(1, 0);
            o.writeSInt64(1, 1_000_000);
            o.writeUInt32(3, 1);
            o.writeSInt64(32, 60);
            o.writeSInt64(32, 5);
        });
        Envelope e = ok(raw(o -> { header(o, 2); o.writeByteArray(7, block); }));
        assertEquals(List.of(60, 65), e.samples().stream().map(s -> ((WearableSample) s).heartRateBpm()).toList());
        assertEquals(T.plusSeconds(1), e.samples().get(1).time());
    }

    @Test
    void rejectsNotANumberMeasures() {
        Envelope e = Envelope.events("a", "d", DeviceType.VEHICLE, 1, T, List.of(DeviceEvent.of("x", T, Map.of("deltaVKmh", Double.NaN))));
        rejected(codec.encode(e), RejectReason.NOT_A_NUMBER, "events[0].measures.deltaVKmh is NaN");
    }

    @Test
    void encoderRefusesValuesItCannotRepresent() {
        for (double bad : new double[]{Double.NaN, Double.POSITIVE_INFINITY, 1e300}) {
            Envelope e = Envelope.telemetry("a", "d", DeviceType.FARM_SENSOR, 1, T,
                    List.of(new FarmSample(T, null, null, bad, null, null, null)));
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> codec.encode(e));
            assertTrue(x.getMessage().contains("airTemperatureC"), x.getMessage());
        }
        Envelope mixed = Envelope.telemetry("a", "d", DeviceType.FARM_SENSOR, 1, T, List.of(new WearableSample(T, 60, null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(mixed));
    }

    @Test
    void rejectsBatchesAndPayloadsOverTheLimits() {
        Random r = new Random(1);
        List<Sample> many = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            many.add(VehicleSample.acceleration(T.plusMillis(i * 10L), new Acceleration(r.nextInt(100) / 10.0, 0, 9.8)));
        }
        byte[] big = codec.encode(Envelope.telemetry("a", "d", DeviceType.VEHICLE, 1, T, many));
        rejected(big, RejectReason.TOO_LARGE, "more samples than the limit");
        ProtobufEnvelopeCodec small = new ProtobufEnvelopeCodec(Limits.DEFAULT.withMaxPayloadBytes(64));
        rejected(small, codec.encode(RandomEnvelopes.accelerometerBatch(1)), RejectReason.TOO_LARGE, "limit 64");
        ProtobufEnvelopeCodec fewEvents = new ProtobufEnvelopeCodec(Limits.DEFAULT.withMaxEventsPerBatch(2));
        Envelope three = Envelope.events("a", "d", DeviceType.VEHICLE, 1, T,
                List.of(DeviceEvent.of("a", T, null), DeviceEvent.of("b", T, null), DeviceEvent.of("c", T, null)));
        rejected(fewEvents, codec.encode(three), RejectReason.TOO_LARGE, "more than 2 events");
        // a 10 MB string is refused on the payload size before anything is read
        byte[] hugeString = raw(o -> { o.writeUInt32(1, 1); o.writeString(2, "a".repeat(10 * 1024 * 1024)); });
        rejected(hugeString, RejectReason.TOO_LARGE, "payload is");
        ProtobufEnvelopeCodec roomy = new ProtobufEnvelopeCodec(Limits.DEFAULT.withMaxPayloadBytes(64 * 1024 * 1024));
        rejected(roomy, hugeString, RejectReason.TOO_LARGE, "tenant is 10485760 characters");
        // a length prefix claiming more bytes than exist
        rejected(raw(o -> { o.writeUInt32(1, 1); o.writeTag(2, 2); o.writeUInt32NoTag(Integer.MAX_VALUE); }), RejectReason.MALFORMED, "");
    }

    @Test
    void rejectsEmptyAndNullPayloads() {
        rejected(new byte[0], RejectReason.MALFORMED, "empty");
        rejected(null, RejectReason.MALFORMED, "null");
        rejected("{\"v\":1}".getBytes(StandardCharsets.UTF_8), RejectReason.MALFORMED, "");
    }
}
