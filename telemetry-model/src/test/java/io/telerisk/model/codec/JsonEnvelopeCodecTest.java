package io.telerisk.model.codec;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.SleepStage;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;
import io.telerisk.model.testdata.RandomEnvelopes;
import io.telerisk.model.validation.Limits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonEnvelopeCodecTest {
    private final JsonEnvelopeCodec codec = Codecs.json();

    /** The vehicle example of docs/telemetry.md, verbatim. */
    static final String VEHICLE_EXAMPLE = """
            {"v":1,"tenant":"acme","device":"veh-000123","type":"vehicle","seq":42,"sentAt":"2026-05-01T08:00:01.040Z",
             "samples":[
               {"t":"2026-05-01T08:00:01Z","lat":48.8566123,"lon":2.3522456,"altM":35.2,"hdop":0.9,"sats":11,
                "speedMps":13.889,"headingDeg":271.5,"axMps2":0.412,"ayMps2":-0.118,"azMps2":9.803,
                "odometerKm":48213.457,"ignition":true},
               {"t":"2026-05-01T08:00:01.010Z","axMps2":0.398,"ayMps2":-0.121,"azMps2":9.811}
             ]}
            """;

    static final String VEHICLE_EVENT_EXAMPLE = """
            {"v":1,"tenant":"acme","device":"veh-000123","type":"vehicle","seq":43,"sentAt":"2026-05-01T08:12:30.200Z",
             "events":[
               {"type":"harsh_braking","t":"2026-05-01T08:12:29.870Z",
                "measures":{"peakDecelMps2":5.9,"speedBeforeMps":19.4,"durationMs":820},
                "labels":{"detector":"edge-v1"},
                "window":[{"t":"2026-05-01T08:12:29.860Z","axMps2":-5.12,"ayMps2":0.3,"azMps2":9.79},
                          {"t":"2026-05-01T08:12:29.870Z","axMps2":-5.9,"ayMps2":0.28,"azMps2":9.8}]}
             ]}
            """;

    static final String WEARABLE_EXAMPLE = """
            {"v":1,"tenant":"vita","device":"wrist-77","type":"wearable","seq":1007,"sentAt":"2026-05-01T06:30:00Z",
             "samples":[
               {"t":"2026-05-01T06:29:00Z","heartRateBpm":54,"steps":0,"sleepStage":"deep","spo2Percent":97.5},
               {"t":"2026-05-01T06:30:00Z","heartRateBpm":61,"steps":12,"sleepStage":"awake"}
             ]}
            """;

    static final String FARM_EXAMPLE = """
            {"v":1,"tenant":"agrifund","device":"field-12-probe-3","type":"farm-sensor","seq":5120,
             "sentAt":"2026-05-01T06:00:05Z",
             "samples":[
               {"t":"2026-05-01T06:00:00Z","soilMoistureVwc":0.231,"soilTemperatureC":11.4,"airTemperatureC":9.8,
                "relativeHumidityPercent":88.5,"rainfallMm":0.2,"leafWetnessPercent":40}
             ]}
            """;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Envelope ok(String json) {
        Decoded d = codec.decode(utf8(json));
        return assertInstanceOf(Decoded.Ok.class, d, () -> d.toString()).envelope();
    }

    private Decoded.Rejected rejected(JsonEnvelopeCodec c, byte[] json, RejectReason reason, String detailFragment) {
        Decoded d = c.decode(json);
        Decoded.Rejected r = assertInstanceOf(Decoded.Rejected.class, d, () -> "expected " + reason + " but got " + d);
        assertEquals(reason, r.reason(), r::detail);
        assertTrue(r.detail().contains(detailFragment), () -> "detail '" + r.detail() + "' should mention '" + detailFragment + "'");
        return r;
    }

    private Decoded.Rejected rejected(String json, RejectReason reason, String detailFragment) {
        return rejected(codec, utf8(json), reason, detailFragment);
    }

    @Test
    void decodesDocumentedVehicleExample() {
        Envelope e = ok(VEHICLE_EXAMPLE);
        assertEquals("acme", e.tenant());
        assertEquals("veh-000123", e.deviceId());
        assertEquals(DeviceType.VEHICLE, e.deviceType());
        assertEquals(42, e.sequence());
        assertEquals(Instant.parse("2026-05-01T08:00:01.040Z"), e.sentAt());
        assertEquals(new VehicleSample(Instant.parse("2026-05-01T08:00:01Z"), new GnssFix(48.8566123, 2.3522456, 35.2, 0.9, 11),
                13.889, 271.5, new Acceleration(0.412, -0.118, 9.803), 48213.457, true), e.samples().get(0));
        assertEquals(VehicleSample.acceleration(Instant.parse("2026-05-01T08:00:01.010Z"), new Acceleration(0.398, -0.121, 9.811)),
                e.samples().get(1));
    }

    @Test
    void decodesDocumentedEventExample() {
        Envelope e = ok(VEHICLE_EVENT_EXAMPLE);
        assertEquals(1, e.events().size());
        var ev = e.events().get(0);
        assertEquals(EventTypes.HARSH_BRAKING, ev.type());
        assertEquals(Map.of("peakDecelMps2", 5.9, "speedBeforeMps", 19.4, "durationMs", 820.0), ev.measures());
        assertEquals(Map.of("detector", "edge-v1"), ev.labels());
        assertEquals(2, ev.window().size());
        assertEquals(-5.9, ((VehicleSample) ev.window().get(1)).acceleration().xMps2());
    }

    @Test
    void decodesDocumentedWearableAndFarmExamples() {
        Envelope w = ok(WEARABLE_EXAMPLE);
        assertEquals(new WearableSample(Instant.parse("2026-05-01T06:29:00Z"), 54, 0, SleepStage.DEEP, 97.5), w.samples().get(0));
        assertEquals(new WearableSample(Instant.parse("2026-05-01T06:30:00Z"), 61, 12, SleepStage.AWAKE, null), w.samples().get(1));
        Envelope f = ok(FARM_EXAMPLE);
        assertEquals(DeviceType.FARM_SENSOR, f.deviceType());
        assertEquals(new FarmSample(Instant.parse("2026-05-01T06:00:00Z"), 0.231, 11.4, 9.8, 88.5, 0.2, 40.0), f.samples().get(0));
    }

    @Test
    void documentedExamplesSurviveReencoding() {
        for (String example : List.of(VEHICLE_EXAMPLE, VEHICLE_EVENT_EXAMPLE, WEARABLE_EXAMPLE, FARM_EXAMPLE)) {
            Envelope e = ok(example);
            assertEquals(e, ((Decoded.Ok) codec.decode(codec.encode(e))).envelope());
            assertEquals(e, ((Decoded.Ok) Codecs.protobuf().decode(Codecs.protobuf().encode(e))).envelope());
        }
    }

    @Test
    void encodesReadableJsonWithUnitsInFieldNames() {
        String json = new String(codec.encode(RandomEnvelopes.vehicleSingle(42)), StandardCharsets.UTF_8);
        assertEquals("{\"v\":1,\"tenant\":\"acme\",\"device\":\"veh-000123\",\"type\":\"vehicle\",\"seq\":42,"
                + "\"sentAt\":\"2026-05-01T08:00:00.290Z\",\"samples\":[{\"t\":\"2026-05-01T08:00:00.250Z\","
                + "\"lat\":48.8566123,\"lon\":2.3522456,\"altM\":35.2,\"hdop\":0.9,\"sats\":11,\"speedMps\":13.889,"
                + "\"headingDeg\":271.5,\"axMps2\":0.412,\"ayMps2\":-0.118,\"azMps2\":9.803,\"odometerKm\":48213.457,"
                + "\"ignition\":true}]}", json);
    }

    @Test
    void keepsNanosecondTimestamps() {
        Instant t = Instant.parse("2026-05-01T08:00:00.123456789Z");
        Envelope e = Envelope.telemetry("a", "d", DeviceType.WEARABLE, 1, t, List.of(new WearableSample(t, 60, null, null, null)));
        assertEquals(e, ((Decoded.Ok) codec.decode(codec.encode(e))).envelope());
    }

    @Test
    void acceptsFieldsInAnyOrderAndTimeOffsets() {
        Envelope e = ok("""
                {"samples":[{"heartRateBpm":70,"t":"2026-05-01T08:00:00+02:00"}],"seq":1,"type":"wearable",
                 "sentAt":"2026-05-01T06:00:01Z","device":"w","tenant":"t","v":1}""");
        assertEquals(Instant.parse("2026-05-01T06:00:00Z"), e.samples().get(0).time());
    }

    @Test
    void ignoresUnknownFieldsForForwardCompatibility() {
        Envelope e = ok("""
                {"v":1,"tenant":"t","device":"d","type":"vehicle","seq":7,"sentAt":"2026-05-01T08:00:00Z",
                 "firmware":{"build":[1,2,{"x":null}]},"priority":"high",
                 "samples":[{"t":"2026-05-01T08:00:00Z","speedMps":3,"brakePedal":{"pct":[40]},"gear":"D"}],
                 "events":[{"type":"trip_start","t":"2026-05-01T08:00:00Z","confidence":0.9}]}""");
        assertEquals(3.0, ((VehicleSample) e.samples().get(0)).speedMps());
        assertEquals(1, e.events().size());
    }

    @Test
    void readsNullAsAbsent() {
        Envelope e = ok("""
                {"v":1,"tenant":"t","device":"d","type":"vehicle","seq":7,"sentAt":"2026-05-01T08:00:00Z","events":null,
                 "samples":[{"t":"2026-05-01T08:00:00Z","speedMps":null,"lat":null,"ignition":false}]}""");
        VehicleSample s = (VehicleSample) e.samples().get(0);
        Envelope ev = ok("""
                {"v":1,"tenant":"t","device":"d","type":"vehicle","seq":7,"sentAt":"2026-05-01T08:00:00Z",
                 "events":[{"type":"x","t":"2026-05-01T08:00:00Z","measures":{"a":null,"b":2},"labels":{"c":null},"window":null}]}""");
        assertEquals(Map.of("b", 2.0), ev.events().get(0).measures());
        assertTrue(ev.events().get(0).labels().isEmpty());
        assertNull(s.speedMps());
        assertNull(s.position());
        assertEquals(false, s.ignitionOn());
    }

    @Test
    void rejectsEachMissingEnvelopeField() {
        String full = "{\"v\":1,\"tenant\":\"t\",\"device\":\"d\",\"type\":\"vehicle\",\"seq\":1,\"sentAt\":\"2026-05-01T08:00:00Z\"}";
        for (String field : List.of("v", "tenant", "device", "type", "seq", "sentAt")) {
            String json = full.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\d+),?", "").replace(",}", "}");
            rejected(json, RejectReason.MISSING_FIELD, field);
        }
    }

    @Test
    void rejectsMissingSampleAndEventFields() {
        String head = "{\"v\":1,\"tenant\":\"t\",\"device\":\"d\",\"type\":\"vehicle\",\"seq\":1,\"sentAt\":\"2026-05-01T08:00:00Z\",";
        rejected(head + "\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\"},{\"speedMps\":1}]}", RejectReason.MISSING_FIELD, "samples[1].t");
        rejected(head + "\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\",\"lat\":1.5}]}", RejectReason.MISSING_FIELD, "samples[0].lon");
        rejected(head + "\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\",\"axMps2\":1,\"azMps2\":2}]}", RejectReason.MISSING_FIELD, "samples[0].ayMps2");
        rejected(head + "\"events\":[{\"t\":\"2026-05-01T08:00:00Z\"}]}", RejectReason.MISSING_FIELD, "events[0].type");
        rejected(head + "\"events\":[{\"type\":\"x\"}]}", RejectReason.MISSING_FIELD, "events[0].t");
        rejected(head + "\"events\":[{\"type\":\"x\",\"t\":\"2026-05-01T08:00:00Z\",\"window\":[{\"speedMps\":1}]}]}",
                RejectReason.MISSING_FIELD, "events[0].window[0].t");
    }

    @Test
    void rejectsWrongJsonTypesNamingTheField() {
        String head = "{\"v\":1,\"tenant\":\"t\",\"device\":\"d\",\"type\":\"vehicle\",\"sentAt\":\"2026-05-01T08:00:00Z\",";
        rejected(head + "\"seq\":\"42\"}", RejectReason.MALFORMED, "seq must be a whole number, got a string");
        rejected(head + "\"seq\":1.5}", RejectReason.MALFORMED, "seq 1.5 is not a whole number");
        rejected(head + "\"seq\":123456789012345678901234567890}", RejectReason.MALFORMED, "seq");
        rejected(head + "\"seq\":1,\"samples\":{}}", RejectReason.MALFORMED, "samples must be an array");
        rejected(head + "\"seq\":1,\"samples\":[7]}", RejectReason.MALFORMED, "samples[0] must be an object");
        rejected(head + "\"seq\":1,\"samples\":[{\"t\":1714550400}]}", RejectReason.MALFORMED, "samples[0].t must be a string");
        rejected(head + "\"seq\":1,\"samples\":[{\"t\":\"yesterday\"}]}", RejectReason.MALFORMED, "samples[0].t 'yesterday' is not an ISO-8601");
        rejected(head + "\"seq\":1,\"samples\":[{\"t\":\"2026-02-30T08:00:00Z\"}]}", RejectReason.MALFORMED, "samples[0].t");
        rejected(head + "\"seq\":1,\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\",\"lat\":\"48.1\"}]}", RejectReason.MALFORMED,
                "samples[0].lat must be a number, got a string");
        rejected(head + "\"seq\":1,\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\",\"ignition\":1}]}", RejectReason.MALFORMED,
                "samples[0].ignition must be true or false");
        rejected(head + "\"seq\":1,\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\",\"sats\":7.5}]}", RejectReason.MALFORMED, "samples[0].sats");
        rejected(head + "\"seq\":1,\"events\":[{\"type\":\"x\",\"t\":\"2026-05-01T08:00:00Z\",\"labels\":{\"a\":1}}]}",
                RejectReason.MALFORMED, "events[0].labels.a must be a string");
        rejected(head + "\"seq\":1,\"events\":[{\"type\":\"x\",\"t\":\"2026-05-01T08:00:00Z\",\"measures\":[1]}]}",
                RejectReason.MALFORMED, "events[0].measures must be an object");
        rejected("[1,2,3]", RejectReason.MALFORMED, "not a JSON object");
        rejected("\"hello\"", RejectReason.MALFORMED, "not a JSON object");
    }

    @Test
    void rejectsFieldsOfAnotherDeviceType() {
        rejected("""
                {"v":1,"tenant":"t","device":"d","type":"vehicle","seq":1,"sentAt":"2026-05-01T08:00:00Z",
                 "samples":[{"t":"2026-05-01T08:00:00Z","speedMps":1},{"t":"2026-05-01T08:00:01Z","heartRateBpm":80}]}""",
                RejectReason.MALFORMED, "samples[1].heartRateBpm is a wearable field but the envelope type is vehicle");
    }

    @Test
    void rejectsUnknownDeviceTypeAndSleepStage() {
        rejected("{\"v\":1,\"tenant\":\"t\",\"device\":\"d\",\"type\":\"drone\",\"seq\":1,\"sentAt\":\"2026-05-01T08:00:00Z\"}",
                RejectReason.MALFORMED, "unknown device type 'drone'");
        rejected("{\"v\":1,\"tenant\":\"t\",\"device\":\"d\",\"type\":\"wearable\",\"seq\":1,\"sentAt\":\"2026-05-01T08:00:00Z\","
                + "\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\",\"sleepStage\":\"nap\"}]}", RejectReason.MALFORMED, "samples[0].sleepStage 'nap'");
    }

    @Test
    void rejectsNotANumberAndInfinity() {
        String head = "{\"v\":1,\"tenant\":\"t\",\"device\":\"d\",\"type\":\"vehicle\",\"seq\":1,\"sentAt\":\"2026-05-01T08:00:00Z\",";
        rejected(head + "\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\",\"speedMps\":NaN}]}", RejectReason.NOT_A_NUMBER, "samples[0].speedMps is NaN");
        rejected(head + "\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\",\"axMps2\":-Infinity,\"ayMps2\":0,\"azMps2\":0}]}",
                RejectReason.NOT_A_NUMBER, "samples[0].axMps2");
        rejected(head + "\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\",\"lat\":1e999,\"lon\":0}]}", RejectReason.NOT_A_NUMBER, "samples[0].lat");
        rejected(head + "\"events\":[{\"type\":\"x\",\"t\":\"2026-05-01T08:00:00Z\",\"measures\":{\"deltaVKmh\":NaN}}]}",
                RejectReason.NOT_A_NUMBER, "events[0].measures.deltaVKmh");
    }

    @Test
    void encoderRefusesNotANumber() {
        Instant t = Instant.parse("2026-05-01T08:00:00Z");
        Envelope e = Envelope.telemetry("t", "d", DeviceType.VEHICLE, 1, t,
                List.of(new VehicleSample(t, null, Double.NaN, null, null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(e));
    }

    @Test
    void rejectsUnknownSchemaVersion() {
        rejected("{\"v\":2,\"tenant\":\"t\",\"device\":\"d\",\"type\":\"vehicle\",\"seq\":1,\"sentAt\":\"2026-05-01T08:00:00Z\"}",
                RejectReason.SCHEMA_VERSION, "v=2");
        // a v2 payload may be shaped differently: the version wins over what follows it
        rejected("{\"v\":2,\"envelope\":{\"tenant\":\"t\"},\"samples\":\"columnar\"}", RejectReason.SCHEMA_VERSION, "v=2");
        rejected("{\"v\":0,\"tenant\":\"t\"}", RejectReason.SCHEMA_VERSION, "v=0");
    }

    @Test
    void rejectsBatchLargerThanTheLimitWithoutReadingItAll() {
        StringBuilder b = new StringBuilder("{\"v\":1,\"tenant\":\"t\",\"device\":\"d\",\"type\":\"vehicle\",\"seq\":1,"
                + "\"sentAt\":\"2026-05-01T08:00:00Z\",\"samples\":[");
        for (int i = 0; i < 10_001; i++) b.append(i == 0 ? "" : ",").append("{\"t\":\"2026-05-01T08:00:00Z\",\"speedMps\":1}");
        b.append("]}");
        rejected(b.toString(), RejectReason.TOO_LARGE, "more than 10000 samples");
        // samples in event windows count too
        JsonEnvelopeCodec small = new JsonEnvelopeCodec(Limits.DEFAULT.withMaxSamplesPerBatch(3));
        rejected(small, utf8("{\"v\":1,\"tenant\":\"t\",\"device\":\"d\",\"type\":\"vehicle\",\"seq\":1,\"sentAt\":\"2026-05-01T08:00:00Z\","
                + "\"samples\":[{\"t\":\"2026-05-01T08:00:00Z\"},{\"t\":\"2026-05-01T08:00:00Z\"}],\"events\":[{\"type\":\"x\","
                + "\"t\":\"2026-05-01T08:00:00Z\",\"window\":[{\"t\":\"2026-05-01T08:00:00Z\"},{\"t\":\"2026-05-01T08:00:00Z\"}]}]}"),
                RejectReason.TOO_LARGE, "more than 3 samples");
        JsonEnvelopeCodec fewEvents = new JsonEnvelopeCodec(Limits.DEFAULT.withMaxEventsPerBatch(1));
        rejected(fewEvents, utf8("{\"v\":1,\"events\":[{\"type\":\"a\",\"t\":\"2026-05-01T08:00:00Z\"},{\"type\":\"b\",\"t\":\"2026-05-01T08:00:00Z\"}]}"),
                RejectReason.TOO_LARGE, "more than 1 events");
    }

    @Test
    void rejectsOversizedPayloadBeforeParsing() {
        JsonEnvelopeCodec small = new JsonEnvelopeCodec(Limits.DEFAULT.withMaxPayloadBytes(100));
        rejected(small, utf8(VEHICLE_EXAMPLE), RejectReason.TOO_LARGE, "limit 100");
    }

    @Test
    void rejectsTenMegabyteStringFastWithoutHoldingIt() {
        byte[] huge = new byte[10 * 1024 * 1024 + 100];
        byte[] head = utf8("{\"v\":1,\"tenant\":\"");
        System.arraycopy(head, 0, huge, 0, head.length);
        java.util.Arrays.fill(huge, head.length, huge.length - 2, (byte) 'a');
        huge[huge.length - 2] = '"';
        huge[huge.length - 1] = '}';
        // default limits: the payload is refused on its size
        rejected(codec, huge, RejectReason.TOO_LARGE, "payload is");
        // even with a payload limit large enough, the parser refuses the string itself
        JsonEnvelopeCodec roomy = new JsonEnvelopeCodec(Limits.DEFAULT.withMaxPayloadBytes(64 * 1024 * 1024));
        rejected(roomy, huge, RejectReason.TOO_LARGE, "String value length");
        // in an unknown field it is skipped without being materialised; the envelope is still incomplete
        byte[] unknown = huge.clone();
        byte[] head2 = utf8("{\"v\":1,\"junk\"  :\"");
        System.arraycopy(head2, 0, unknown, 0, head2.length);
        rejected(roomy, unknown, RejectReason.MISSING_FIELD, "tenant is missing");
    }

    @Test
    void rejectsDeeplyNestedJson() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        rejected("{\"v\":1,\"extra\":" + deep + "}", RejectReason.TOO_LARGE, "nesting depth");
        rejected("{\"v\":1,\"samples\":" + deep + "}", RejectReason.MALFORMED, "samples[0] must be an object, got an array");
        rejected(deep, RejectReason.MALFORMED, "not a JSON object");
    }

    @Test
    void rejectsTrailingContentAndBrokenSyntax() {
        String valid = "{\"v\":1,\"tenant\":\"t\",\"device\":\"d\",\"type\":\"vehicle\",\"seq\":1,\"sentAt\":\"2026-05-01T08:00:00Z\"}";
        rejected(valid + "{}", RejectReason.MALFORMED, "trailing content");
        rejected(valid.replace(":1,", ":1,,"), RejectReason.MALFORMED, "not valid JSON");
        rejected(valid.replace("\"tenant\"", "tenant"), RejectReason.MALFORMED, "not valid JSON");
        rejected(codec, new byte[0], RejectReason.MALFORMED, "empty");
        rejected(codec, null, RejectReason.MALFORMED, "null");
        rejected(codec, new byte[]{'{', '"', 'v', '"', ':', '1', ',', '"', 't', 'e', 'n', 'a', 'n', 't', '"', ':', '"', (byte) 0xC3, '"', '}'},
                RejectReason.MALFORMED, "");
    }

    @Test
    void everyTruncationIsRejectedNotThrown() {
        byte[] full = utf8(VEHICLE_EVENT_EXAMPLE.strip());
        for (int len = 0; len < full.length; len++) {
            Decoded d = codec.decode(java.util.Arrays.copyOf(full, len));
            assertInstanceOf(Decoded.Rejected.class, d, "prefix of " + len + " bytes");
        }
    }

    @Test
    void randomBytesAndMutationsNeverThrow() {
        Random r = new Random(7);
        byte[] valid = codec.encode(new RandomEnvelopes(3).next());
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[r.nextInt(300)];
                r.nextBytes(b);
            } else {
                b = valid.clone();
                for (int k = 0; k < 1 + r.nextInt(4); k++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            Decoded d = codec.decode(b);
            assertNotNull(d);
            if (d instanceof Decoded.Rejected rej) assertNotNull(rej.detail());
        }
    }
}
