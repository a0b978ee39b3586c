package io.telerisk.model.validation;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.testdata.RandomEnvelopes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeValidatorTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final Instant T = NOW.minusSeconds(30);
    private final EnvelopeValidator validator = new EnvelopeValidator();

    private static Envelope vehicle(Sample... samples) {
        return Envelope.telemetry("acme", "veh-1", DeviceType.VEHICLE, 5, NOW.minusSeconds(1), List.of(samples));
    }

    private static VehicleSample speed(double mps) {
        return new VehicleSample(T, null, mps, null, null, null, null);
    }

    private void rejects(Envelope e, RejectReason reason, String detail) {
        rejects(validator.validate(e, NOW), reason, detail);
    }

    private static void rejects(Decoded d, RejectReason reason, String detail) {
        Decoded.Rejected r = assertInstanceOf(Decoded.Rejected.class, d, () -> "expected " + reason + ", got " + d);
        assertEquals(reason, r.reason(), r::detail);
        assertTrue(r.detail().contains(detail), () -> "'" + r.detail() + "' should contain '" + detail + "'");
    }

    @Test
    void acceptsPlausibleEnvelopesOfEveryType() {
        RandomEnvelopes gen = new RandomEnvelopes(1);
        Instant now = RandomEnvelopes.BASE.plusSeconds(3600);
        for (int i = 0; i < 1000; i++) {
            Envelope e = gen.next();
            Decoded d = validator.validate(e, now, RandomEnvelopes.BASE.minus(Duration.ofDays(30)));
            Decoded.Ok ok = assertInstanceOf(Decoded.Ok.class, d, () -> d + "\n" + e);
            assertSame(e, ok.envelope());
        }
        assertInstanceOf(Decoded.Ok.class, validator.validate(RandomEnvelopes.vehicleSingle(1), NOW));
    }

    @Test
    void rejectsSpeedOutsidePhysicalRangeNamingSampleAndValue() {
        rejects(vehicle(speed(10), speed(-0.5)), RejectReason.OUT_OF_RANGE, "samples[1].speedMps=-0.5 is outside 0..120");
        rejects(vehicle(speed(150)), RejectReason.OUT_OF_RANGE, "samples[0].speedMps=150.0");
        assertInstanceOf(Decoded.Ok.class, validator.validate(vehicle(speed(0), speed(120)), NOW));
    }

    @Test
    void rejectsVehicleReadingsOutOfRange() {
        rejects(vehicle(new VehicleSample(T, GnssFix.of(90.5, 0), null, null, null, null, null)), RejectReason.OUT_OF_RANGE, "samples[0].lat=90.5");
        rejects(vehicle(new VehicleSample(T, GnssFix.of(0, -180.01), null, null, null, null, null)), RejectReason.OUT_OF_RANGE, "samples[0].lon=-180.01");
        rejects(vehicle(new VehicleSample(T, null, null, 360.5, null, null, null)), RejectReason.OUT_OF_RANGE, "headingDeg=360.5");
        rejects(vehicle(new VehicleSample(T, null, null, -1.0, null, null, null)), RejectReason.OUT_OF_RANGE, "headingDeg=-1.0");
        rejects(vehicle(VehicleSample.acceleration(T, new Acceleration(400, 300, 9.8))), RejectReason.OUT_OF_RANGE, "exceeds 50 g");
        rejects(vehicle(new VehicleSample(T, null, null, null, null, -3.0, null)), RejectReason.OUT_OF_RANGE, "odometerKm=-3.0");
        rejects(vehicle(new VehicleSample(T, new GnssFix(1, 1, null, null, -2), null, null, null, null, null)), RejectReason.OUT_OF_RANGE, "sats=-2");
        // 49 g on one axis is a plausible crash pulse
        assertInstanceOf(Decoded.Ok.class, validator.validate(vehicle(VehicleSample.acceleration(T, new Acceleration(-49 * 9.80665, 0, 0))), NOW));
    }

    @Test
    void rejectsNotANumberReadings() {
        rejects(vehicle(speed(Double.NaN)), RejectReason.NOT_A_NUMBER, "samples[0].speedMps=NaN");
        rejects(vehicle(VehicleSample.acceleration(T, new Acceleration(0, Double.POSITIVE_INFINITY, 0))), RejectReason.NOT_A_NUMBER, "ayMps2=Infinity");
        rejects(vehicle(new VehicleSample(T, GnssFix.of(Double.NaN, 0), null, null, null, null, null)), RejectReason.NOT_A_NUMBER, "lat=NaN");
        Envelope ev = Envelope.events("acme", "veh-1", DeviceType.VEHICLE, 5, NOW, List.of(DeviceEvent.of("crash_candidate", T, Map.of("deltaVKmh", Double.NaN))));
        rejects(ev, RejectReason.NOT_A_NUMBER, "events[0].measures.deltaVKmh=NaN");
    }

    @Test
    void rejectsWearableReadingsOutOfRange() {
        rejects(wearable(new WearableSample(T, 19, null, null, null)), RejectReason.OUT_OF_RANGE, "samples[0].heartRateBpm=19 is outside 20..250");
        rejects(wearable(new WearableSample(T, 251, null, null, null)), RejectReason.OUT_OF_RANGE, "heartRateBpm=251");
        rejects(wearable(new WearableSample(T, null, null, null, 49.9)), RejectReason.OUT_OF_RANGE, "spo2Percent=49.9 is outside 50..100");
        rejects(wearable(new WearableSample(T, null, -1, null, null)), RejectReason.OUT_OF_RANGE, "steps=-1");
    }

    private static Envelope wearable(Sample... s) {
        return Envelope.telemetry("vita", "w-1", DeviceType.WEARABLE, 1, NOW, List.of(s));
    }

    @Test
    void rejectsFarmReadingsOutOfRange() {
        rejects(farm(new FarmSample(T, 1.2, null, null, null, null, null)), RejectReason.OUT_OF_RANGE, "soilMoistureVwc=1.2 is outside 0..1");
        rejects(farm(new FarmSample(T, null, null, 71.0, null, null, null)), RejectReason.OUT_OF_RANGE, "airTemperatureC=71.0 is outside -60..70");
        rejects(farm(new FarmSample(T, null, -61.0, null, null, null, null)), RejectReason.OUT_OF_RANGE, "soilTemperatureC=-61.0");
        rejects(farm(new FarmSample(T, null, null, null, 100.5, null, null)), RejectReason.OUT_OF_RANGE, "relativeHumidityPercent=100.5");
        rejects(farm(new FarmSample(T, null, null, null, null, 501.0, null)), RejectReason.OUT_OF_RANGE, "rainfallMm=501.0 is outside 0..500");
        rejects(farm(new FarmSample(T, null, null, null, null, -0.2, null)), RejectReason.OUT_OF_RANGE, "rainfallMm=-0.2");
        rejects(farm(new FarmSample(T, null, null, null, null, null, 101.0)), RejectReason.OUT_OF_RANGE, "leafWetnessPercent=101.0");
    }

    private static Envelope farm(Sample... s) {
        return Envelope.telemetry("agri", "probe-1", DeviceType.FARM_SENSOR, 1, NOW, List.of(s));
    }

    @Test
    void rejectsBatchWithTimestampFarInFuture() {
        rejects(vehicle(speed(1), new VehicleSample(NOW.plusSeconds(301), null, 2.0, null, null, null, null)),
                RejectReason.FUTURE_TIMESTAMP, "samples[1].t=2026-05-01T12:05:01Z");
        Envelope sentInFuture = Envelope.telemetry("a", "d", DeviceType.VEHICLE, 1, NOW.plus(Duration.ofDays(365)), List.of());
        rejects(sentInFuture, RejectReason.FUTURE_TIMESTAMP, "sentAt=");
        // within the skew is fine
        assertInstanceOf(Decoded.Ok.class, validator.validate(vehicle(new VehicleSample(NOW.plusSeconds(299), null, 2.0, null, null, null, null)), NOW));
        EnvelopeValidator strict = new EnvelopeValidator(Limits.DEFAULT.withMaxFutureSkew(Duration.ofSeconds(1)));
        rejects(strict.validate(vehicle(new VehicleSample(NOW.plusSeconds(2), null, 2.0, null, null, null, null)), NOW),
                RejectReason.FUTURE_TIMESTAMP, "samples[0].t");
    }

    @Test
    void rejectsTimestampsBeforeTheDeviceExisted() {
        Instant registered = NOW.minus(Duration.ofDays(2));
        Envelope old = vehicle(new VehicleSample(registered.minus(Duration.ofHours(1)), null, 1.0, null, null, null, null));
        rejects(validator.validate(old, NOW, registered), RejectReason.BEFORE_DEVICE_EXISTED, "samples[0].t=");
        rejects(validator.validate(old, NOW, registered), RejectReason.BEFORE_DEVICE_EXISTED, "registered");
        // a clock a minute behind at registration is tolerated
        Envelope slightlyEarly = vehicle(new VehicleSample(registered.minusSeconds(60), null, 1.0, null, null, null, null));
        assertInstanceOf(Decoded.Ok.class, validator.validate(slightlyEarly, NOW, registered));
        // without a registration time, the plausibility floor applies (a device clock reset to 1970)
        Envelope epoch = vehicle(new VehicleSample(Instant.EPOCH, null, 1.0, null, null, null, null));
        rejects(validator.validate(epoch, NOW), RejectReason.BEFORE_DEVICE_EXISTED, "earliest plausible time 2020-01-01T00:00:00Z");
    }

    @Test
    void rejectsSamplesOfTheWrongDeviceType() {
        Envelope mixed = new Envelope(1, "acme", "veh-1", DeviceType.VEHICLE, 1, NOW,
                List.of(speed(1), new WearableSample(T, 70, null, null, null)), List.of());
        rejects(mixed, RejectReason.MALFORMED, "samples[1] is a wearable sample but the envelope type is vehicle");
        Envelope window = Envelope.events("acme", "veh-1", DeviceType.VEHICLE, 1, NOW,
                List.of(new DeviceEvent("harsh_braking", T, Map.of(), Map.of(), List.of(new FarmSample(T, 0.2, null, null, null, null, null)))));
        rejects(window, RejectReason.MALFORMED, "events[0].window[0] is a farm-sensor sample");
    }

    @Test
    void rejectsSequenceBelowOne() {
        rejects(Envelope.telemetry("a", "d", DeviceType.VEHICLE, 0, NOW, List.of()), RejectReason.OUT_OF_RANGE, "seq=0 must be 1 to");
        rejects(Envelope.telemetry("a", "d", DeviceType.VEHICLE, -5, NOW, List.of()), RejectReason.OUT_OF_RANGE, "seq=-5");
        rejects(Envelope.telemetry("a", "d", DeviceType.VEHICLE, Long.MAX_VALUE, NOW, List.of()), RejectReason.OUT_OF_RANGE, "2^53 - 1");
        rejects(Envelope.telemetry("a", "d", DeviceType.VEHICLE, EnvelopeValidator.MAX_SEQUENCE + 1, NOW, List.of()), RejectReason.OUT_OF_RANGE, "seq=");
    }

    @Test
    void rejectsOversizedBatches() {
        List<Sample> many = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) many.add(speed(1));
        rejects(vehicle(many.toArray(Sample[]::new)), RejectReason.TOO_LARGE, "10001 samples");
        EnvelopeValidator small = new EnvelopeValidator(Limits.DEFAULT.withMaxSamplesPerBatch(3));
        Envelope withWindow = new Envelope(1, "a", "d", DeviceType.VEHICLE, 1, NOW, List.of(speed(1), speed(2)),
                List.of(new DeviceEvent("harsh_braking", T, Map.of(), Map.of(), List.of(speed(3), speed(4)))));
        rejects(small.validate(withWindow, NOW), RejectReason.TOO_LARGE, "4 samples (samples and event windows together), limit 3");
    }

    @Test
    void rejectsBadIdentitiesAndEventTypes() {
        rejects(Envelope.telemetry("", "d", DeviceType.VEHICLE, 1, NOW, List.of()), RejectReason.MISSING_FIELD, "tenant is empty");
        rejects(Envelope.telemetry("acme", "dev/../+", DeviceType.VEHICLE, 1, NOW, List.of()), RejectReason.MALFORMED, "device 'dev/../+'");
        rejects(Envelope.telemetry("a".repeat(65), "d", DeviceType.VEHICLE, 1, NOW, List.of()), RejectReason.MALFORMED, "tenant");
        rejects(Envelope.events("a", "d", DeviceType.VEHICLE, 1, NOW, List.of(DeviceEvent.of("Harsh Braking!", T, null))),
                RejectReason.MALFORMED, "events[0].type 'Harsh Braking!' must be lower snake case");
        rejects(Envelope.events("a", "d", DeviceType.VEHICLE, 1, NOW, List.of(DeviceEvent.of("", T, null))),
                RejectReason.MISSING_FIELD, "events[0].type is empty");
        rejects(Envelope.events("a", "d", DeviceType.VEHICLE, 1, NOW,
                List.of(new DeviceEvent("x", T, Map.of(), Map.of("note", "n".repeat(2000)), List.of()))), RejectReason.TOO_LARGE, "events[0].labels.note");
        rejects(Envelope.events("a", "d", DeviceType.VEHICLE, 1, NOW, List.of(DeviceEvent.of("x", NOW.plusSeconds(3600), null))),
                RejectReason.FUTURE_TIMESTAMP, "events[0].t=");
    }

    @Test
    void rejectsUnknownSchemaVersion() {
        rejects(new Envelope(3, "a", "d", DeviceType.VEHICLE, 1, NOW, List.of(), List.of()), RejectReason.SCHEMA_VERSION, "v=3");
    }

    @Test
    void passesDecoderRejectionsThrough() {
        Decoded bad = Codecs.json().decode("{".getBytes(StandardCharsets.UTF_8));
        assertSame(bad, validator.validate(bad, NOW, null));
        Decoded good = Codecs.json().decode(Codecs.json().encode(vehicle(speed(3))));
        assertInstanceOf(Decoded.Ok.class, validator.validate(good, NOW, null));
        rejects(validator.validate(Codecs.json().decode(Codecs.json().encode(vehicle(speed(300)))), NOW, null),
                RejectReason.OUT_OF_RANGE, "speedMps=300.0");
    }
}
