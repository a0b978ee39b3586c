package io.telerisk.model.testdata;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of plausible envelopes for property-style tests and benchmarks. Readings are on the protobuf
 * columns' fixed-point grids and times on whole microseconds, so both encodings must round-trip them exactly;
 * every optional reading is sometimes absent.
 */
public final class RandomEnvelopes {
    public static final Instant BASE = Instant.parse("2026-05-01T08:00:00Z");
    private final Random r;

    public RandomEnvelopes(long seed) {
        this.r = new Random(seed);
    }

    public Envelope next() {
        DeviceType type = DeviceType.values()[r.nextInt(3)];
        Instant sentAt = BASE.plusNanos(r.nextInt(1_000_000_000) * 1000L);
        int n = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 5 : 200);
        List<Sample> samples = samples(type, sentAt.minusMillis(r.nextInt(60_000)), n);
        List<DeviceEvent> events = new ArrayList<>();
        int e = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
        for (int i = 0; i < e; i++) events.add(event(type, sentAt.minusMillis(r.nextInt(10_000))));
        String tenant = "t" + r.nextInt(100);
        String device = type.wireName().substring(0, 3) + "-" + r.nextInt(100_000);
        return new Envelope(Envelope.CURRENT_SCHEMA_VERSION, tenant, device, type, 1 + (r.nextBoolean() ? r.nextInt(1000) : (r.nextLong() >>> 12)) /* up to 2^52: valid */,
                sentAt, samples, events);
    }

    public DeviceEvent event(DeviceType type, Instant t) {
        String[] types = {EventTypes.HARSH_BRAKING, EventTypes.CRASH_CANDIDATE, EventTypes.TRIP_START, "custom_thing"};
        Map<String, Double> measures = new HashMap<>();
        if (r.nextBoolean()) measures.put("peakDecelMps2", r.nextDouble() * 30);
        if (r.nextBoolean()) measures.put("deltaVKmh", -r.nextDouble() * 40);
        if (r.nextInt(5) == 0) measures.put("count", (double) r.nextInt(10));
        Map<String, String> labels = new HashMap<>();
        if (r.nextBoolean()) labels.put("source", "edge");
        if (r.nextInt(4) == 0) labels.put("note", "unicode ✓ \"quoted\" \\ é 日本");
        List<Sample> window = r.nextBoolean() ? samples(type, t.minusMillis(500), r.nextInt(120)) : List.of();
        return new DeviceEvent(types[r.nextInt(types.length)], t, measures, labels, window);
    }

    /** {@code n} samples from {@code start}, at a regular or jittery rate. */
    public List<Sample> samples(DeviceType type, Instant start, int n) {
        List<Sample> out = new ArrayList<>(n);
        long periodUs = r.nextBoolean() ? 10_000 : 1_000_000;
        long t = micros(start);
        boolean jitter = r.nextBoolean();
        double lat = q(-60 + 120 * r.nextDouble(), 1e7), lon = q(-180 + 360 * r.nextDouble(), 1e7);
        for (int i = 0; i < n; i++) {
            t += periodUs + (jitter ? r.nextInt(2001) - 1000 : 0);
            Instant time = Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000), Math.floorMod(t, 1_000_000) * 1000L);
            out.add(switch (type) {
                case VEHICLE -> {
                    lat = q(lat + (r.nextDouble() - 0.5) * 1e-4, 1e7);
                    lon = q(lon + (r.nextDouble() - 0.5) * 1e-4, 1e7);
                    GnssFix fix = maybe() ? new GnssFix(lat, lon, maybe() ? q(r.nextDouble() * 2000 - 100, 100) : null,
                            maybe() ? q(0.5 + r.nextDouble() * 5, 100) : null, maybe() ? r.nextInt(30) : null) : null;
                    Acceleration a = maybe() ? new Acceleration(q(r.nextGaussian() * 3, 1000), q(r.nextGaussian() * 3, 1000),
                            q(9.81 + r.nextGaussian(), 1000)) : null;
                    yield new VehicleSample(time, fix, maybe() ? q(r.nextDouble() * 40, 1000) : null,
                            maybe() ? q(r.nextDouble() * 359.99, 100) : null, a, maybe() ? q(r.nextDouble() * 300_000, 1000) : null,
                            maybe() ? r.nextBoolean() : null);
                }
                case WEARABLE -> new WearableSample(time, maybe() ? 40 + r.nextInt(150) : null, maybe() ? r.nextInt(200) : null,
                        maybe() ? SleepStage.values()[r.nextInt(4)] : null, maybe() ? q(85 + r.nextDouble() * 15, 100) : null);
                case FARM_SENSOR -> new FarmSample(time, maybe() ? q(r.nextDouble() * 0.6, 1e4) : null,
                        maybe() ? q(r.nextDouble() * 40 - 5, 100) : null, maybe() ? q(r.nextDouble() * 50 - 10, 100) : null,
                        maybe() ? q(r.nextDouble() * 100, 100) : null, maybe() ? q(r.nextDouble() * 20, 100) : null,
                        maybe() ? q(r.nextDouble() * 100, 100) : null);
            });
        }
        return out;
    }

    private boolean maybe() {
        return r.nextInt(4) != 0;
    }

    /** Rounds to a column's grid exactly as the protobuf codec does. */
    public static double q(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /** A one-sample vehicle message as a 1 Hz tracker sends it: GNSS, speed, heading, acceleration, odometer, ignition. */
    public static Envelope vehicleSingle(long seq) {
        Instant t = Instant.parse("2026-05-01T08:00:00.250Z");
        return Envelope.telemetry("acme", "veh-000123", DeviceType.VEHICLE, seq, t.plusMillis(40),
                List.of(new VehicleSample(t, new GnssFix(48.8566123, 2.3522456, 35.2, 0.9, 11), 13.889, 271.5,
                        new Acceleration(0.412, -0.118, 9.803), 48213.457, true)));
    }

    /** One second of a 100 Hz accelerometer as a vehicle sends it between GNSS fixes. */
    public static Envelope accelerometerBatch(long seq) {
        Random r = new Random(42);
        Instant start = Instant.parse("2026-05-01T08:00:00Z");
        List<Sample> samples = new ArrayList<>(100);
        for (int i = 0; i < 100; i++) {
            samples.add(VehicleSample.acceleration(start.plusMillis(10L * i), new Acceleration(
                    q(r.nextGaussian() * 1.5, 1000), q(r.nextGaussian() * 0.8, 1000), q(9.81 + r.nextGaussian() * 0.3, 1000))));
        }
        return Envelope.telemetry("acme", "veh-000123", DeviceType.VEHICLE, seq, start.plusMillis(1005), samples);
    }
}
