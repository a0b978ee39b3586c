package io.telerisk.hub.summary;

import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.retention.RetentionPolicy;
import io.telerisk.hub.store.StoreUnavailableException;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.store.Traces;
import io.telerisk.hub.store.jdbc.JdbcTelemetryStore;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.FarmDay;
import io.telerisk.model.summary.Trip;
import io.telerisk.model.summary.WearableDay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Summaries from synthetic traces with known answers, through the real path: envelopes stored in the JDBC store
 * (H2), announced to the summariser, summaries written to and read back from the system of record.
 */
class SummarizerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
    private static final String T = "acme";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private SystemOfRecord sor;
    private TelemetryStore store;
    private JdbcSummaryRepository repo;
    private RetentionPolicies policies;

    /** The system of record (and JDBC telemetry store) the test runs on; H2 here, PostgreSQL in a subclass. */
    protected SystemOfRecord openSystemOfRecord() {
        return SystemOfRecord.open("jdbc:h2:mem:sum-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", 4);
    }

    @BeforeEach
    void open() {
        sor = openSystemOfRecord();
        policies = new RetentionPolicies(RetentionPolicy.DEFAULT, Map.of("berlin",
                new RetentionPolicy(Duration.ofDays(30), Duration.ofDays(366), Duration.ofDays(1830), BERLIN)));
        store = new JdbcTelemetryStore(sor.dataSource(), sor.dialect(), 1000, policies, CLOCK, null);
        repo = new JdbcSummaryRepository(sor.dataSource(), CLOCK);
    }

    @AfterEach
    void close() {
        sor.close();
        afterClose();
    }

    protected void afterClose() {
    }

    private Summarizer summarizer(SpeedLimits limits) {
        return new Summarizer(store, repo, policies, limits, CLOCK, 10_000);
    }

    /** Stores the envelopes and announces them, as the ingest pipeline does. */
    private void deliver(Summarizer s, List<Envelope> envelopes) throws StoreUnavailableException {
        store.store(envelopes);
        envelopes.forEach(s::accepted);
    }

    @Test
    void oneHourAtSixtyKmhAtNightIsSixtyNightKilometresInOneTrip() throws Exception {
        Summarizer s = summarizer(SpeedLimits.defaults());
        Instant start = Instant.parse("2026-03-05T23:00:00Z");
        // stop just before midnight so the whole drive is on 5 March UTC
        deliver(s, Traces.drive(T, "car-1", start, 3599, 60 / 3.6, 48.0, 11.0, 1, 30));
        s.flush();
        List<DailyUsage> days = repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-10"));
        assertEquals(1, days.size(), days.toString());
        DailyUsage d = days.get(0);
        assertEquals(LocalDate.parse("2026-03-05"), d.day());
        assertEquals(60.0, d.distanceKm(), 0.5);
        assertEquals(d.distanceKm(), d.nightDistanceKm(), 1e-9);
        assertEquals(0.0, d.speedingDistanceKm(), 1e-9);
        assertEquals(0.0, d.urbanDistanceKm(), 1e-9);
        assertEquals(1, d.trips());
        assertEquals(3599, d.drivingTime().toSeconds(), 1);
        List<Trip> trips = repo.trips(T, "car-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06"));
        assertEquals(1, trips.size());
        assertEquals(start, trips.get(0).start());
        assertEquals(60.0, trips.get(0).distanceKm(), 0.5);
        assertEquals(60 / 3.6, trips.get(0).maxSpeedMps(), 1e-9);
    }

    @Test
    void duplicateEnvelopesDoNotDoubleCount() throws Exception {
        Summarizer s = summarizer(SpeedLimits.defaults());
        List<Envelope> drive = Traces.drive(T, "car-1", Instant.parse("2026-03-05T12:00:00Z"), 1800, 20, 48.0, 11.0, 1, 60);
        deliver(s, drive);
        s.flush();
        deliver(s, drive);
        deliver(s, drive.subList(3, 9));
        s.flush();
        Envelope brake = Traces.event(T, "car-1", 100, EventTypes.HARSH_BRAKING, Instant.parse("2026-03-05T12:10:00Z"),
                Map.of("peakDecelMps2", 5.5));
        deliver(s, List.of(brake, brake));
        s.flush();
        deliver(s, List.of(brake));
        s.flush();
        DailyUsage d = repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).get(0);
        assertEquals(36.0, d.distanceKm(), 0.01);
        assertEquals(1, d.harshBrakes());
        assertEquals(1, d.trips());
        assertEquals(100.0 / 36.0, d.harshEventsPer100Km(), 0.01);
        assertEquals(1, repo.trips(T, "car-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).get(0).harshBrakes());
    }

    @Test
    void outOfOrderDaysGiveTheSameSummariesAsInOrder() throws Exception {
        List<Envelope> all = new ArrayList<>();
        all.addAll(Traces.drive(T, "car-1", Instant.parse("2026-03-04T08:00:00Z"), 1200, 15, 48.0, 11.0, 1, 60));
        all.addAll(Traces.drive(T, "car-1", Instant.parse("2026-03-05T08:00:00Z"), 2400, 25, 48.0, 11.0, 100, 60));
        all.addAll(Traces.drive(T, "car-1", Instant.parse("2026-03-06T08:00:00Z"), 600, 10, 48.0, 11.0, 200, 60));
        // replay after an outage: the newest day first, the rest shuffled, some twice
        List<Envelope> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new java.util.Random(7));
        Summarizer s = summarizer(SpeedLimits.defaults());
        deliver(s, shuffled.subList(0, 40));
        s.flush();
        deliver(s, shuffled.subList(30, shuffled.size()));
        s.flush();
        List<DailyUsage> days = repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-10"));
        assertEquals(3, days.size(), days.toString());
        assertEquals(18.0, days.get(0).distanceKm(), 0.01);
        assertEquals(60.0, days.get(1).distanceKm(), 0.01);
        assertEquals(6.0, days.get(2).distanceKm(), 0.01);
        for (DailyUsage d : days) assertEquals(1, d.trips(), d.toString());
    }

    @Test
    void aDevicesNeighbouringMarkedDaysAreReadFromTheStoreOnce() throws Exception {
        List<Envelope> all = new ArrayList<>();
        // drives at 08:00 on 4, 5 and 6 March each mark their day and the day before (a trip could cross midnight):
        // 3 to 6 March, whose 48 h ranges overlap, so one read covers them; 9 and 10 March are read apart
        all.addAll(Traces.drive(T, "car-1", Instant.parse("2026-03-04T08:00:00Z"), 1200, 15, 48.0, 11.0, 1, 60));
        all.addAll(Traces.drive(T, "car-1", Instant.parse("2026-03-05T08:00:00Z"), 2400, 25, 48.0, 11.0, 100, 60));
        all.addAll(Traces.drive(T, "car-1", Instant.parse("2026-03-06T08:00:00Z"), 600, 10, 48.0, 11.0, 200, 60));
        all.addAll(Traces.drive(T, "car-1", Instant.parse("2026-03-10T08:00:00Z"), 600, 10, 48.0, 11.0, 300, 60));
        all.addAll(Traces.drive(T, "car-2", Instant.parse("2026-03-05T08:00:00Z"), 1200, 15, 48.0, 11.0, 1, 60));
        Collections.shuffle(all, new java.util.Random(3));
        Summarizer s = summarizer(SpeedLimits.defaults());
        deliver(s, all);
        assertEquals(5, s.flush(), "car-1's four days with data and car-2's one");
        assertEquals(3, s.stats().storeLoads(), "car-1 3-6 March, car-1 9-10 March, car-2 4-5 March (one read each)");
        List<DailyUsage> days = repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-11"));
        assertEquals(List.of(18.0, 60.0, 6.0, 6.0), days.stream().map(d -> Math.round(d.distanceKm() * 100) / 100.0).toList());
        for (DailyUsage d : days) assertEquals(1, d.trips(), d.toString());
        assertEquals(18.0, repo.dailyUsage(T, "car-2", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).get(0)
                .distanceKm(), 0.01);
    }

    @Test
    void closingStopsRecomputingAtItsBudgetAndTheDaysLeftStayMarkedForTheNextStart() throws Exception {
        // a stopping hub with a large backlog's days marked must not spend minutes re-reading them (issue #12's overload
        // bench: 9.3 M points at stop); the marks are in the system of record, so the next start recomputes them
        Summarizer first = summarizer(SpeedLimits.defaults()).closeBudget(Duration.ZERO);
        deliver(first, Traces.drive(T, "car-1", Instant.parse("2026-03-05T12:00:00Z"), 1800, 20, 48.0, 11.0, 1, 60));
        deliver(first, Traces.drive(T, "car-2", Instant.parse("2026-03-06T12:00:00Z"), 1800, 20, 48.0, 11.0, 1, 60));
        first.close();
        assertEquals(0, first.stats().daysComputed(), "no time left at close: nothing recomputed");
        assertTrue(repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-10")).isEmpty());

        Summarizer next = summarizer(SpeedLimits.defaults());
        assertEquals(2, next.flush(), "the next start finds both devices' days still marked");
        assertEquals(36.0, repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).get(0)
                .distanceKm(), 0.01);
        assertEquals(36.0, repo.dailyUsage(T, "car-2", LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-07")).get(0)
                .distanceKm(), 0.01);
    }

    @Test
    void aDayStillReceivingDataIsNotReReadFromTheStoreBeforeTheSpacingPasses() throws Exception {
        List<Envelope> drive = Traces.drive(T, "car-1", Instant.parse("2026-03-05T08:00:00Z"), 1200, 15, 48.0, 11.0, 1, 60);
        Summarizer s = summarizer(SpeedLimits.defaults()).recomputeActiveDaysEvery(Duration.ofHours(1));
        deliver(s, drive.subList(0, 10));
        assertEquals(1, s.flush(), "a day seen for the first time is summarised at once");
        LocalDate day = LocalDate.parse("2026-03-05");
        double first = repo.dailyUsage(T, "car-1", day, day.plusDays(1)).get(0).distanceKm();
        long loads = s.stats().storeLoads();
        deliver(s, drive.subList(10, drive.size()));
        assertEquals(0, s.flush(), "still receiving data (marked seconds ago): not re-read within the spacing");
        assertEquals(loads, s.stats().storeLoads());
        assertEquals(first, repo.dailyUsage(T, "car-1", day, day.plusDays(1)).get(0).distanceKm(), 1e-9);
        s.recomputeActiveDaysEvery(Duration.ZERO); // as if the spacing had passed
        assertEquals(1, s.flush());
        assertEquals(18.0, repo.dailyUsage(T, "car-1", day, day.plusDays(1)).get(0).distanceKm(), 0.01);
        assertTrue(first < 17.0, "the first summary saw only part of the drive: " + first);
    }

    @Test
    void lateDataForAClosedDayIsRecomputedFromTheStoreAfterARestart() throws Exception {
        List<Envelope> drive = Traces.drive(T, "car-1", Instant.parse("2026-03-03T10:00:00Z"), 3600, 20, 48.0, 11.0, 1, 60);
        Summarizer before = summarizer(SpeedLimits.defaults());
        deliver(before, drive.subList(0, 30));
        before.flush();
        // the first 30 envelopes hold samples 0..1799 s: 1799 s at 20 m/s
        assertEquals(35.98, repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-04")).get(0)
                .distanceKm(), 0.001);
        // a new hub process knows nothing in memory; the rest of the day arrives days later from the device's queue
        Summarizer after = summarizer(SpeedLimits.defaults());
        deliver(after, drive.subList(30, drive.size()));
        after.flush();
        DailyUsage d = repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-04")).get(0);
        assertEquals(72.0, d.distanceKm(), 0.01);
        assertEquals(1, d.trips());
        assertTrue(after.stats().storeLoads() >= 1, "the day was read back from the store");
    }

    @Test
    void aSmallBoundOnUnwrittenMarksWritesThemEarlyAndLosesNothing() throws Exception {
        Summarizer s = new Summarizer(store, repo, policies, SpeedLimits.defaults(), CLOCK, 1);
        deliver(s, Traces.drive(T, "car-1", Instant.parse("2026-03-03T10:00:00Z"), 600, 10, 48.0, 11.0, 1, 60));
        assertTrue(s.stats().overflowed() > 0);
        s.flush();
        assertEquals(6.0, repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-04")).get(0)
                .distanceKm(), 0.01);
    }

    @Test
    void twoHubsEachSeeingHalfTheStreamGiveTheSummariesOfOneHubThatSawItAll() throws Exception {
        List<Envelope> drive = Traces.drive(T, "car-1", Instant.parse("2026-03-03T22:30:00Z"), 7200, 15, 48.0, 11.0, 1, 60);
        Summarizer one = summarizer(SpeedLimits.defaults());
        deliver(one, drive);
        one.flush();
        List<DailyUsage> expected = repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-06"));
        assertEquals(2, expected.size(), "a drive across midnight touches two days");

        // start again on a clean slate: two hubs, messages alternating between them as a $share group hands them out
        try (var c = sor.dataSource().getConnection(); var st = c.createStatement()) {
            st.execute("DELETE FROM daily_usage");
            st.execute("DELETE FROM trip");
        }
        Summarizer hubA = summarizer(SpeedLimits.defaults());
        Summarizer hubB = summarizer(SpeedLimits.defaults()).leadWhen(() -> false); // not elected: marks only
        for (int i = 0; i < drive.size(); i++) {
            Summarizer h = i % 2 == 0 ? hubA : hubB;
            store.store(List.of(drive.get(i)));
            h.accepted(drive.get(i));
            h.batchStored();
        }
        assertEquals(0, hubB.flush(), "a hub that is not elected recomputes nothing");
        assertTrue(hubA.flush() >= 2);
        assertEquals(expected, repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-06")));
    }

    @Test
    void aDayMarkedAgainWhileItIsRecomputedStaysMarked() throws Exception {
        Summarizer s = summarizer(SpeedLimits.defaults());
        deliver(s, Traces.drive(T, "car-1", Instant.parse("2026-03-03T10:00:00Z"), 600, 10, 48.0, 11.0, 1, 60));
        DirtyDays dirty = new DirtyDays(sor.dataSource());
        s.batchStored();
        List<DirtyDays.Marked> read = dirty.read(100);
        assertFalse(read.isEmpty());
        DirtyDays.Marked m = read.get(0);
        dirty.mark(List.of(m.day())); // another hub stored more of that day meanwhile
        assertFalse(dirty.clear(m, m.readAt().plusSeconds(3600)), "a newer mark is not removed");
        DirtyDays.Marked again = dirty.read(100).stream().filter(x -> x.day().equals(m.day())).findFirst().orElseThrow();
        assertFalse(dirty.clear(again, again.readAt().minusSeconds(Summarizer.QUIET_SECONDS)), "nor one that is not quiet yet");
        assertTrue(dirty.clear(again, again.readAt().plusSeconds(1)), "a quiet, unchanged mark is removed");
    }

    @Test
    void tripAcrossLocalMidnightCountsOnceOnItsStartDayAndSplitsDistanceByDay() throws Exception {
        Summarizer s = summarizer(SpeedLimits.defaults());
        // 23:30 to 00:30 Berlin time (UTC+1 in March), 36 km/h: 18 km each side of midnight, all of it at night
        Instant start = Instant.parse("2026-03-04T22:30:00Z");
        List<Envelope> drive = Traces.drive("berlin", "car-1", start, 3600, 10, 52.5, 13.4, 1, 60);
        deliver(s, drive);
        s.flush();
        List<DailyUsage> days = repo.dailyUsage("berlin", "car-1", LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-06"));
        assertEquals(2, days.size(), days.toString());
        assertEquals(18.0, days.get(0).distanceKm(), 0.02);
        assertEquals(18.0, days.get(1).distanceKm(), 0.02);
        assertEquals(18.0, days.get(0).nightDistanceKm(), 0.02);
        assertEquals(1, days.get(0).trips());
        assertEquals(0, days.get(1).trips());
        List<Trip> trips = repo.trips("berlin", "car-1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-10"));
        assertEquals(1, trips.size(), trips.toString());
        assertEquals(36.0, trips.get(0).distanceKm(), 0.02);
        assertEquals(start.plusSeconds(3600), trips.get(0).end());
    }

    @Test
    void speedingAndUrbanDistanceFollowTheSpeedLimitZones() throws Exception {
        // a 30 km/h zone around the start; the car drives at 54 km/h (15 m/s) east for 20 minutes = 18 km
        SpeedLimits limits = SpeedLimits.zones(List.of(new SpeedLimits.Zone("town", 48.0, 11.0, 3000, 30)), 100);
        Summarizer s = summarizer(limits);
        deliver(s, Traces.drive(T, "car-1", Instant.parse("2026-03-05T09:00:00Z"), 1200, 15, 48.0, 11.0, 1, 60));
        s.flush();
        DailyUsage d = repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).get(0);
        assertEquals(18.0, d.distanceKm(), 0.01);
        assertEquals(3.0, d.urbanDistanceKm(), 0.05, "the first 3 km are inside the town zone");
        assertEquals(3.0, d.speedingDistanceKm(), 0.05, "54 km/h exceeds 30 only inside the zone");
        assertEquals(0.0, d.nightDistanceKm(), 1e-9);
    }

    private static Envelope roadClass(long seq, Instant at, String roadClass) {
        return Envelope.events(T, "car-1", DeviceType.VEHICLE, seq, at, List.of(new io.telerisk.model.DeviceEvent(
                EventTypes.ROAD_CLASS, at, Map.of(), Map.of("roadClass", roadClass), List.of())));
    }

    @Test
    void urbanRuralAndMotorwayKmFollowTheRoadClassTheVehicleReported() throws Exception {
        // 30 min at 15 m/s = 27 km: urban for 10 min, rural for 10 min, then motorway (the class the agent reported)
        Summarizer s = summarizer(SpeedLimits.defaults());
        Instant start = Instant.parse("2026-03-05T09:00:00Z");
        List<Envelope> envelopes = new ArrayList<>(Traces.drive(T, "car-1", start, 1800, 15, 48.0, 11.0, 1, 60));
        envelopes.add(roadClass(1000, start.minusSeconds(2), "urban"));
        envelopes.add(roadClass(1001, start.plusSeconds(600), "rural"));
        envelopes.add(roadClass(1002, start.plusSeconds(1200), "highway"));
        deliver(s, envelopes);
        s.flush();
        DailyUsage d = repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).get(0);
        assertEquals(27.0, d.distanceKm(), 0.05);
        assertEquals(9.0, d.urbanDistanceKm(), 0.05);
        assertEquals(9.0, d.ruralDistanceKm(), 0.05);
        assertEquals(9.0, d.motorwayDistanceKm(), 0.05, "'highway' is read as motorway");
        assertEquals(d.distanceKm(), d.roadClassKm(), 1e-6);
    }

    @Test
    void withoutRoadClassReportsOrZonesTheRoadClassOfTheKmIsUnknownNotRural() throws Exception {
        Summarizer s = summarizer(SpeedLimits.defaults());
        Instant start = Instant.parse("2026-03-06T09:00:00Z");
        List<Envelope> envelopes = new ArrayList<>(Traces.drive(T, "car-1", start, 1200, 15, 48.0, 11.0, 1, 60));
        // a report from a trip two hours earlier does not carry over to this one
        envelopes.add(roadClass(1000, start.minusSeconds(7_200), "urban"));
        deliver(s, envelopes);
        s.flush();
        DailyUsage d = repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-07")).get(0);
        assertEquals(18.0, d.distanceKm(), 0.05);
        assertEquals(0.0, d.roadClassKm(), 1e-9, d.toString());
    }

    @Test
    void gnssNoiseAtStandstillAndPositionJumpsAddNoDistance() throws Exception {
        Summarizer s = summarizer(SpeedLimits.defaults());
        List<Sample> samples = new ArrayList<>();
        Instant t0 = Instant.parse("2026-03-05T14:00:00Z");
        java.util.Random r = new java.util.Random(1);
        // parked for 10 minutes with a fix every 30 s jittering by ~10 m, speed 0, no speed on odd samples
        for (int i = 0; i < 20; i++) {
            samples.add(new VehicleSample(t0.plusSeconds(30L * i), new GnssFix(48 + r.nextGaussian() * 1e-4,
                    11 + r.nextGaussian() * 1e-4, null, 1.2, 8), 0.0, null, null, null, false));
        }
        // a bad fix teleporting 50 km away and back, without speed
        samples.add(new VehicleSample(t0.plusSeconds(601), GnssFix.of(48.5, 11.0), null, null, null, null, null));
        samples.add(new VehicleSample(t0.plusSeconds(602), GnssFix.of(48.0, 11.0), null, null, null, null, null));
        // a fix with terrible HDOP is not trusted
        samples.add(new VehicleSample(t0.plusSeconds(632), new GnssFix(48.01, 11.0, null, 25.0, 3), null, null, null, null, null));
        deliver(s, List.of(Envelope.telemetry(T, "car-1", DeviceType.VEHICLE, 1, t0, samples)));
        s.flush();
        DailyUsage d = repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).get(0);
        assertEquals(0.0, d.distanceKm(), 1e-9, d.toString());
        assertEquals(0, d.trips());
    }

    @Test
    void wearableDayFromKnownSamples() throws Exception {
        Summarizer s = summarizer(SpeedLimits.defaults());
        Instant day = Instant.parse("2026-03-05T00:00:00Z");
        List<Envelope> env = new ArrayList<>();
        long seq = 1;
        // 00:00-06:00 asleep, one reading a minute, HR 50..59, SpO2 96
        for (int m = 0; m < 360; m++) env.add(Traces.wearable(T, "w-1", seq++, day.plusSeconds(60L * m), 50 + m % 10, 0,
                m < 60 ? SleepStage.LIGHT : SleepStage.DEEP, 96.0));
        // 08:00-08:30 brisk walk: 120 steps a minute, HR 110
        for (int m = 0; m < 30; m++) env.add(Traces.wearable(T, "w-1", seq++, day.plus(Duration.ofHours(8)).plusSeconds(60L * m),
                110, 120, null, null));
        deliver(s, env);
        deliver(s, env.subList(0, 10));
        s.flush();
        WearableDay w = repo.wearableDays(T, "w-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).get(0);
        assertEquals(3600, w.steps());
        assertEquals(30, w.activeMinutes());
        assertEquals(360, w.sleepMinutes());
        assertEquals(360 + 30, w.wornMinutes());
        assertEquals(96.0, w.meanSpo2Percent(), 1e-9);
        assertEquals(50.0, w.restingHeartRateBpm(), 1e-9);
    }

    @Test
    void farmDayFromKnownSamples() throws Exception {
        Summarizer s = summarizer(SpeedLimits.defaults());
        Instant day = Instant.parse("2026-03-05T00:00:00Z");
        List<FarmSample> samples = new ArrayList<>();
        // hourly readings; leaf wet (80 %) from 03:00 to 06:00 readings; rain 0.5 mm at each of the first 4 hours
        for (int h = 0; h < 24; h++) {
            samples.add(new FarmSample(day.plus(Duration.ofHours(h)), 0.20 + 0.01 * h, 12.0, 10.0 + h, 70.0,
                    h < 4 ? 0.5 : 0.0, h >= 3 && h <= 6 ? 80.0 : 10.0));
        }
        deliver(s, List.of(Traces.farm(T, "f-1", 1, samples.toArray(new FarmSample[0]))));
        deliver(s, List.of(Traces.farm(T, "f-1", 1, samples.toArray(new FarmSample[0]))));
        s.flush();
        FarmDay f = repo.farmDays(T, "f-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).get(0);
        assertEquals(24, f.samples());
        assertEquals(2.0, f.rainfallMm(), 1e-9);
        assertEquals(4.0, f.leafWetHours(), 1e-9);
        assertEquals(0.315, f.meanSoilMoistureVwc(), 1e-9);
        assertEquals(0.20, f.minSoilMoistureVwc(), 1e-9);
        assertEquals(10.0, f.minAirTemperatureC(), 1e-9);
        assertEquals(33.0, f.maxAirTemperatureC(), 1e-9);
        assertEquals(70.0, f.meanRelativeHumidityPercent(), 1e-9);
    }

    @Test
    void daysPastRawRetentionAreNotRecomputed() throws Exception {
        Summarizer s = summarizer(SpeedLimits.defaults());
        deliver(s, Traces.drive(T, "car-1", Instant.parse("2026-01-05T10:00:00Z"), 60, 10, 48.0, 11.0, 1, 60));
        s.flush();
        // the drive's day, and the day before (marked too, as a trip could cross midnight into the drive's day)
        assertEquals(2, s.stats().pastRetention());
        assertTrue(repo.dailyUsage(T, "car-1", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-01")).isEmpty());
    }

    @Test
    void workerThreadFlushesPeriodically() throws Exception {
        try (Summarizer s = summarizer(SpeedLimits.defaults())) {
            s.start(Duration.ofMillis(50));
            deliver(s, Traces.drive(T, "car-1", Instant.parse("2026-03-05T10:00:00Z"), 600, 10, 48.0, 11.0, 1, 60));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(6.0, repo.dailyUsage(T, "car-1", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")).get(0)
                .distanceKm(), 0.01);
    }
}
