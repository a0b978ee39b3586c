package io.telerisk.hub.store;

import io.telerisk.hub.retention.Resolution;
import io.telerisk.hub.retention.RetentionJob;
import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.retention.RetentionPolicy;
import io.telerisk.hub.retention.RollupStore;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link TelemetryStore} adapter must have, run against real servers by each subclass
 * (H2, PostgreSQL, InfluxDB 1.x in v1 mode).
 */
public abstract class AbstractTelemetryStoreTest {
    /** Data of these tests lives in early March 2026; the store's clock is set just after. */
    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-03T00:00:00Z"), ZoneOffset.UTC);

    protected final String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
    private final List<TelemetryStore> opened = new ArrayList<>();

    /** A store whose downsampled reads and retention use these policies and clock. */
    protected abstract TelemetryStore open(RetentionPolicies policies, Clock clock);

    protected TelemetryStore store() {
        return store(RetentionPolicies.defaults(), CLOCK);
    }

    protected TelemetryStore store(RetentionPolicies policies, Clock clock) {
        TelemetryStore s = open(policies, clock);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        for (TelemetryStore s : opened) s.close();
    }

    private DeviceKey vehicle(String id) {
        return new DeviceKey(tenant, DeviceType.VEHICLE, id);
    }

    @Test
    void storesAndReadsBackSamplesOfEveryDeviceType() throws Exception {
        TelemetryStore store = store();
        VehicleSample full = new VehicleSample(T0, new GnssFix(48.1, 11.5, 520.25, 0.8, 11), 13.9, 271.5,
                new Acceleration(0.5, -0.25, 9.81), 10234.75, true);
        VehicleSample accelOnly = VehicleSample.acceleration(T0.plusMillis(10), new Acceleration(-3.5, 0.0, 9.7));
        WearableSample w = new WearableSample(T0, 61, 12, SleepStage.REM, 97.5);
        FarmSample f = new FarmSample(T0, 0.31, 14.2, 18.5, 71.0, 0.4, 55.0);
        store.store(List.of(
                Envelope.telemetry(tenant, "car-1", DeviceType.VEHICLE, 1, T0, List.of(full, accelOnly)),
                Envelope.telemetry(tenant, "watch-1", DeviceType.WEARABLE, 1, T0, List.of(w)),
                Envelope.telemetry(tenant, "field-1", DeviceType.FARM_SENSOR, 1, T0, List.of(f))));

        List<StoredSample> cars = store.raw(vehicle("car-1"), T0.minusSeconds(1), T0.plusSeconds(1), 100);
        assertEquals(List.of(new StoredSample(1, full), new StoredSample(1, accelOnly)), cars);
        assertEquals(List.of(new StoredSample(1, w)),
                store.raw(new DeviceKey(tenant, DeviceType.WEARABLE, "watch-1"), T0, T0.plusSeconds(1), 10));
        assertEquals(List.of(new StoredSample(1, f)),
                store.raw(new DeviceKey(tenant, DeviceType.FARM_SENSOR, "field-1"), T0, T0.plusSeconds(1), 10));
    }

    @Test
    void keepsNanosecondTimestampsAndHonoursRangeAndLimit() throws Exception {
        TelemetryStore store = store();
        Instant t = T0.plusNanos(123_456_789);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) samples.add(Traces.fix(t.plusSeconds(i), 48, 11, i));
        store.store(List.of(Envelope.telemetry(tenant, "car-1", DeviceType.VEHICLE, 7, t, samples)));
        List<StoredSample> r = store.raw(vehicle("car-1"), t.plusSeconds(2), t.plusSeconds(8), 3);
        assertEquals(3, r.size());
        assertEquals(t.plusSeconds(2), r.get(0).sample().time(), "from is inclusive, nanoseconds kept");
        assertEquals(t.plusSeconds(4), r.get(2).sample().time());
        assertEquals(6, store.raw(vehicle("car-1"), t.plusSeconds(2), t.plusSeconds(8), 100).size(), "to is exclusive");
        List<StoredSample> page = store.raw(vehicle("car-1"), t.plusSeconds(2), t.plusSeconds(8), 3, 2);
        assertEquals(List.of(t.plusSeconds(5), t.plusSeconds(6)), page.stream().map(x -> x.sample().time()).toList(),
                "offset skips the first samples of the range");
        assertEquals(6, store.rawCount(vehicle("car-1"), t.plusSeconds(2), t.plusSeconds(8)), "the range, whatever the page");
        assertEquals(0, store.rawCount(vehicle("car-2"), t, t.plusSeconds(10)));
    }

    @Test
    void storingTheSameEnvelopeTwiceStoresEachSampleOnce() throws Exception {
        TelemetryStore store = store();
        List<Envelope> drive = Traces.drive(tenant, "car-1", T0, 59, 10, 48, 11, 1, 20);
        store.store(drive);
        store.store(drive);
        store.store(List.of(drive.get(1)));
        assertEquals(60, store.raw(vehicle("car-1"), T0, T0.plusSeconds(3600), 1000).size());
        assertEquals(List.of(new SeriesPoint(T0, 60)),
                store.downsampled(vehicle("car-1"), "speedMps", T0, T0.plusSeconds(3600), Duration.ofHours(1), Aggregate.COUNT));
    }

    @Test
    void downsamplesIntoEpochAlignedBucketsWithEachAggregate() throws Exception {
        TelemetryStore store = store();
        List<Sample> s = new ArrayList<>();
        // 0..119 s at speeds 0..119; buckets of one minute: [0..59], [60..119]
        for (int i = 0; i < 120; i++) s.add(Traces.fix(T0.plusSeconds(i), 48, 11, i));
        store.store(List.of(Envelope.telemetry(tenant, "car-1", DeviceType.VEHICLE, 1, T0, s)));
        DeviceKey k = vehicle("car-1");
        Instant to = T0.plusSeconds(120);
        Duration m = Duration.ofMinutes(1);
        assertEquals(List.of(new SeriesPoint(T0, 29.5), new SeriesPoint(T0.plusSeconds(60), 89.5)),
                store.downsampled(k, "speedMps", T0, to, m, Aggregate.MEAN));
        assertEquals(List.of(new SeriesPoint(T0, 0), new SeriesPoint(T0.plusSeconds(60), 60)),
                store.downsampled(k, "speedMps", T0, to, m, Aggregate.MIN));
        assertEquals(List.of(new SeriesPoint(T0, 59), new SeriesPoint(T0.plusSeconds(60), 119)),
                store.downsampled(k, "speedMps", T0, to, m, Aggregate.MAX));
        assertEquals(List.of(new SeriesPoint(T0, 1770), new SeriesPoint(T0.plusSeconds(60), 5370)),
                store.downsampled(k, "speedMps", T0, to, m, Aggregate.SUM));
        assertEquals(List.of(new SeriesPoint(T0, 60), new SeriesPoint(T0.plusSeconds(60), 60)),
                store.downsampled(k, "speedMps", T0, to, m, Aggregate.COUNT));
        assertEquals(List.of(new SeriesPoint(T0, 9)), store.downsampled(k, "satellites", T0, to, Duration.ofHours(1),
                Aggregate.MEAN), "integer fields aggregate too");
    }

    @Test
    void rejectsDownsamplingOfUnknownOrNonNumericFields() {
        TelemetryStore store = store();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () ->
                store.downsampled(vehicle("car-1"), "speed", T0, T0.plusSeconds(60), Duration.ofMinutes(1), Aggregate.MEAN));
        assertTrue(unknown.getMessage().contains("speedMps"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                store.downsampled(vehicle("car-1"), "ignitionOn", T0, T0.plusSeconds(60), Duration.ofMinutes(1), Aggregate.MEAN));
    }

    @Test
    void storesEventsWithMeasuresLabelsAndRawWindow() throws Exception {
        TelemetryStore store = store();
        List<Sample> window = new ArrayList<>();
        // 10 s at 100 Hz: large enough to be compressed
        for (int i = 0; i < 1000; i++) {
            window.add(VehicleSample.acceleration(T0.plusMillis(10L * i), new Acceleration(-0.01 * i, 0.5, 9.81)));
        }
        DeviceEvent crash = new DeviceEvent("crash_candidate", T0.plusSeconds(5), Map.of("peakDecelMps2", 58.5, "deltaVKmh", 31.0),
                Map.of("source", "edge \"v2\", it's"), window);
        DeviceEvent brake = DeviceEvent.of("harsh_braking", T0.plusSeconds(5), Map.of("peakDecelMps2", 6.1));
        Envelope e = Envelope.events(tenant, "car-1", DeviceType.VEHICLE, 42, T0, List.of(crash, brake));
        store.store(List.of(e));
        store.store(List.of(e));
        List<StoredEvent> events = store.events(vehicle("car-1"), T0, T0.plusSeconds(60), 10);
        assertEquals(2, events.size(), "same instant, different types: both kept, once each");
        assertEquals(2, store.eventCount(vehicle("car-1"), T0, T0.plusSeconds(60)));
        assertEquals(1, store.events(vehicle("car-1"), T0, T0.plusSeconds(60), 1, 10).size(), "a page after the first event");
        assertEquals(0, store.eventCount(vehicle("car-1"), T0.plusSeconds(6), T0.plusSeconds(60)));
        StoredEvent c = events.stream().filter(x -> x.event().type().equals("crash_candidate")).findFirst().orElseThrow();
        assertEquals(42, c.sequence());
        assertEquals(crash, c.event());
        assertEquals(brake, events.stream().filter(x -> x.event().type().equals("harsh_braking")).findFirst().orElseThrow().event());
    }

    @Test
    void keepsTenantsAndDevicesApartEvenWithHostileNames() throws Exception {
        TelemetryStore store = store();
        String hostile = tenant + "x' OR '1'='1\" ,=";
        store.store(List.of(Traces.vehicle(hostile, "car-1", 1, Traces.fix(T0, 48, 11, 5)),
                Traces.vehicle(tenant, "car-1", 1, Traces.fix(T0, 48, 11, 7)),
                Traces.vehicle(tenant, "car-2", 1, Traces.fix(T0, 48, 11, 9))));
        List<StoredSample> mine = store.raw(vehicle("car-1"), T0, T0.plusSeconds(1), 10);
        assertEquals(1, mine.size());
        assertEquals(7.0, ((VehicleSample) mine.get(0).sample()).speedMps());
        List<StoredSample> theirs = store.raw(new DeviceKey(hostile, DeviceType.VEHICLE, "car-1"), T0, T0.plusSeconds(1), 10);
        assertEquals(1, theirs.size());
        assertEquals(5.0, ((VehicleSample) theirs.get(0).sample()).speedMps());
        assertTrue(store.raw(new DeviceKey(tenant + "x", DeviceType.VEHICLE, "car-1"), T0, T0.plusSeconds(1), 10).isEmpty());
    }

    @Test
    void retentionRollsUpThenDeletesRawAndServesOldRangesFromRollups() throws Exception {
        // raw kept 3 days, hourly rollups 10 days, daily 30 days
        RetentionPolicies policies = new RetentionPolicies(RetentionPolicy.DEFAULT, Map.of(tenant,
                new RetentionPolicy(Duration.ofDays(3), Duration.ofDays(10), Duration.ofDays(30), ZoneId.of("UTC"))));
        Instant day0 = Instant.parse("2026-03-01T00:00:00Z");
        TelemetryStore writer = store(policies, CLOCK);
        // one sample every 10 minutes for 8 days, speed = hour of day
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < 8 * 24 * 6; i++) {
            Instant t = day0.plus(Duration.ofMinutes(10L * i));
            s.add(Traces.fix(t, 48, 11, t.atZone(ZoneOffset.UTC).getHour()));
        }
        writer.store(List.of(Envelope.telemetry(tenant, "car-1", DeviceType.VEHICLE, 1, day0, s)));
        writer.store(List.of(Traces.event(tenant, "car-1", 2, "harsh_braking", day0.plusSeconds(30), Map.of("peakDecelMps2", 5.0))));
        DeviceKey k = vehicle("car-1");

        // eight days later than day0 + 8d: raw cutoff at day 13, rollups computed day by day as the clock moves on
        for (int d = 1; d <= 9; d++) {
            Clock at = Clock.fixed(day0.plus(Duration.ofDays(d)).plusSeconds(600), ZoneOffset.UTC);
            TelemetryStore daily = store(policies, at);
            RetentionJob.Report report = new RetentionJob((RollupStore) daily, policies, at).runOnce();
            assertTrue(report.failures().isEmpty(), report.failures().toString());
        }
        Clock now = Clock.fixed(day0.plus(Duration.ofDays(9)).plusSeconds(600), ZoneOffset.UTC);
        TelemetryStore reader = store(policies, now);
        // raw older than 3 days is gone (cutoff 2026-03-07T00:10), newer kept
        assertTrue(reader.raw(k, day0, Instant.parse("2026-03-07T00:00:00Z"), 10).isEmpty());
        assertEquals(6 * 24 - 1, reader.raw(k, Instant.parse("2026-03-07T00:10:00Z"), Instant.parse("2026-03-08T00:00:00Z"), 1000).size());
        assertTrue(reader.events(k, day0, day0.plusSeconds(60), 10).isEmpty(), "old events expire with raw data");

        // the old range is served from rollups with the values raw data had: hourly mean = hour of day
        List<SeriesPoint> hourly = reader.downsampled(k, "speedMps", Instant.parse("2026-03-02T00:00:00Z"),
                Instant.parse("2026-03-02T06:00:00Z"), Duration.ofHours(1), Aggregate.MEAN);
        assertEquals(6, hourly.size(), hourly.toString());
        for (int h = 0; h < 6; h++) {
            assertEquals(new SeriesPoint(Instant.parse("2026-03-02T00:00:00Z").plus(Duration.ofHours(h)), h), hourly.get(h));
        }
        List<SeriesPoint> daily = reader.downsampled(k, "speedMps", Instant.parse("2026-03-02T00:00:00Z"),
                Instant.parse("2026-03-04T00:00:00Z"), Duration.ofDays(1), Aggregate.COUNT);
        assertEquals(List.of(new SeriesPoint(Instant.parse("2026-03-02T00:00:00Z"), 144),
                new SeriesPoint(Instant.parse("2026-03-03T00:00:00Z"), 144)), daily);
        assertEquals(List.of(new SeriesPoint(Instant.parse("2026-03-02T00:00:00Z"), 23)), reader.downsampled(k, "speedMps",
                Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"), Duration.ofDays(1), Aggregate.MAX));

        // a range straddling the raw cutoff: rollups before, raw after, no bucket twice
        List<SeriesPoint> straddle = reader.downsampled(k, "speedMps", Instant.parse("2026-03-06T00:00:00Z"),
                Instant.parse("2026-03-09T00:00:00Z"), Duration.ofDays(1), Aggregate.COUNT);
        assertEquals(3, straddle.size(), straddle.toString());
        for (SeriesPoint p : straddle) assertEquals(144, p.value(), 0.0, straddle.toString());

        // hourly rollups older than 10 days are deleted by a later run; daily ones remain
        Clock later = Clock.fixed(day0.plus(Duration.ofDays(12)).plusSeconds(600), ZoneOffset.UTC);
        TelemetryStore lateStore = store(policies, later);
        new RetentionJob((RollupStore) lateStore, policies, later).runOnce();
        RollupStore rs = (RollupStore) lateStore;
        assertFalse(rs.latestRollup(tenant, Resolution.HOURLY).isEmpty());
        assertEquals(List.of(), lateStore.downsampled(k, "speedMps", day0, day0.plus(Duration.ofHours(3)), Duration.ofHours(1),
                Aggregate.MEAN), "hourly rollups of day 0 are past their 10 days");
        assertEquals(1, lateStore.downsampled(k, "speedMps", day0, day0.plus(Duration.ofDays(1)), Duration.ofDays(1),
                Aggregate.MEAN).size(), "daily rollups of day 0 are kept 30 days");
    }

    @Test
    void readsNothingForAnEmptyRange() {
        TelemetryStore store = store();
        assertTrue(store.raw(vehicle("nobody"), T0, T0.plusSeconds(60), 10).isEmpty());
        assertTrue(store.events(vehicle("nobody"), T0, T0.plusSeconds(60), 10).isEmpty());
        assertTrue(store.downsampled(vehicle("nobody"), "speedMps", T0, T0.plusSeconds(60), Duration.ofMinutes(1),
                Aggregate.MEAN).isEmpty());
    }
}
