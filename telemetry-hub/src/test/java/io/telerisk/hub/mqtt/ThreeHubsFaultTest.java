package io.telerisk.hub.mqtt;

import io.telerisk.claims.fnol.Coverage;
import io.telerisk.claims.fnol.Policy;
import io.telerisk.hub.claims.ClaimsHubFixture;
import io.telerisk.hub.claims.JdbcPolicyDirectory;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three hub processes on one {@code $share} group and one PostgreSQL, against the ground truth of what the broker
 * acknowledged to the fleet: hub A is killed with SIGKILL mid-stream, hub C joins, hub B is stopped with SIGTERM
 * mid-stream. Then every acknowledged envelope is stored and each sample once, every acknowledged crash candidate is
 * stored once and opens exactly one claim, each vehicle's daily summaries match the distance of its stored fixes, each
 * vehicle has one shared status row seen during the run, and only the surviving hub is left in the broker group. Every
 * hub reads these from the same tables, so what one hub answers, all do.
 */
class ThreeHubsFaultTest {
    private static final int DEVICES = 4;
    private static final int CRASHES_PER_STREAM = 3;
    private static final DeviceKey CAR_1 = new DeviceKey(HubProcesses.T, DeviceType.VEHICLE, "car-1");
    /** Summaries recomputed every second and last seen flushed every second, so the checks need not wait long. */
    private static final String[] FAST = {"telerisk.summary.interval=1s", "telerisk.registry.status-flush-interval=1s"};
    @TempDir
    Path dir;
    HubProcesses run;

    @AfterEach
    void stop() throws Exception {
        if (run != null) run.close();
    }

    @Test
    void oneHubKilledOneJoiningOneStoppedEveryAcknowledgedEnvelopeStoredOnceClaimsOpenedOnceSummariesAndStatusAgree() throws Exception {
        run = new HubProcesses(dir);
        Instant testStart = Instant.now();
        try (SystemOfRecord sor = SystemOfRecord.open(run.pg.jdbcUrl(), run.pg.user(), run.pg.password(), 2)) {
            JdbcDeviceRegistry registry = new JdbcDeviceRegistry(sor.dataSource());
            for (int d = 0; d < DEVICES; d++) {
                registry.register(new DeviceKey(HubProcesses.T, DeviceType.VEHICLE, "car-" + d), "car " + d, Instant.now().minus(1, ChronoUnit.DAYS));
            }
            new JdbcPolicyDirectory(sor.dataSource()).upsert(new Policy("POL-CAR-1", "A. Driver", CAR_1, Instant.now().minus(365, ChronoUnit.DAYS),
                    Instant.now().plus(365, ChronoUnit.DAYS), List.of(new Coverage("COLLISION", new BigDecimal("50000.00"), new BigDecimal("500.00"), "EUR"))));
        }
        Process a = run.startHub("hub-a", FAST);
        Process b = run.startHub("hub-b", FAST);
        run.connectPublisher();
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        // 1. hub A is killed mid-stream (B drains its session); then hub C joins the group
        List<Envelope> first = withCrashes(run.stream(DEVICES, start, 1), start, 900_000);
        Set<String> acked = new HashSet<>(run.publish(first, first.size() / 3, () -> a.destroyForcibly()));
        Process c = run.startHub("hub-c", FAST);

        // 2. hub B is stopped with SIGTERM mid-stream (it drains its own session); C stays
        List<Envelope> second = withCrashes(run.stream(DEVICES, start.plusSeconds(1600), 100_000), start.plusSeconds(1600), 900_100);
        acked.addAll(run.publish(second, second.size() / 3, b::destroy));
        assertTrue(b.waitFor(60, TimeUnit.SECONDS), "hub B stops on SIGTERM");
        int total = first.size() + second.size();
        assertTrue(acked.size() > total * 9 / 10, "the broker acknowledged the streams: " + acked.size() + " of " + total);
        run.awaitStored(acked);
        assertTrue(c.isAlive(), "hub C runs on");

        // crash candidates: each acknowledged one stored once, judged once, one claim each
        Set<Long> crashSeqs = new HashSet<>();
        for (String k : acked) {
            long seq = Long.parseLong(k.substring(k.indexOf('#') + 1));
            if (k.startsWith("car-1#") && seq >= 900_000) crashSeqs.add(seq);
        }
        assertEquals(2 * CRASHES_PER_STREAM, crashSeqs.size(), "every crash candidate was acknowledged");
        await(() -> count("SELECT COUNT(*) FROM claims_crash_event WHERE device_id = 'car-1'") == crashSeqs.size(), "every crash candidate judged");
        assertEquals(crashSeqs.size(), count("SELECT COUNT(*) FROM device_event WHERE device_id = 'car-1' AND event_type = 'crash_candidate'"),
                "each crash candidate stored once");
        assertEquals(crashSeqs.size(), count("SELECT COUNT(*) FROM claims_claim WHERE device_id = 'car-1' AND source = 'DEVICE_CRASH'"),
                "one claim per crash candidate, whichever hub judged it and however often it was delivered");

        // summaries: each vehicle's distance is the distance of its stored fixes (the elected hub read them all)
        Map<String, Double> expected = storedDistanceKm();
        await(() -> {
            Map<String, Double> summarised = summarisedDistanceKm();
            for (var e : expected.entrySet()) {
                Double got = summarised.get(e.getKey());
                if (got == null || Math.abs(got - e.getValue()) > e.getValue() * 0.03) return false;
            }
            return true;
        }, "daily usage matching the stored fixes " + expected);

        // device status: one shared row per vehicle, seen during this run
        try (Connection db = run.pg.connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT device_id, last_seen FROM device_status WHERE tenant = 'acme' ORDER BY device_id")) {
            List<String> seen = new ArrayList<>();
            while (rs.next()) {
                assertTrue(rs.getObject(2, java.time.OffsetDateTime.class).toInstant().isAfter(testStart), rs.getString(1) + " seen during the run");
                seen.add(rs.getString(1));
            }
            assertEquals(List.of("car-0", "car-1", "car-2", "car-3"), seen);
        }
        try (Connection db = run.pg.connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT client_id FROM broker_session ORDER BY client_id")) {
            List<String> members = new ArrayList<>();
            while (rs.next()) members.add(rs.getString(1));
            assertEquals(List.of("hub-c"), members, "the killed hub's session was drained, the stopped one left, the joining one stays");
        }
    }

    /** The stream with crash candidates of car-1 spread through it (sequences from {@code firstSeq}). */
    private List<Envelope> withCrashes(List<Envelope> stream, Instant start, long firstSeq) {
        List<Envelope> out = new ArrayList<>(stream);
        for (int i = CRASHES_PER_STREAM - 1; i >= 0; i--) {
            Envelope crash = ClaimsHubFixture.crashCandidate(firstSeq + i, "fault-" + firstSeq + "-" + i, start.plusSeconds(200 + i * 400L), 12.5);
            run.published(List.of(crash));
            out.add((i + 1) * stream.size() / (CRASHES_PER_STREAM + 1), crash);
        }
        return out;
    }

    /** Per vehicle, the length of its stored track: consecutive fixes at most 5 s apart (a gap between streams is no drive). */
    private Map<String, Double> storedDistanceKm() throws Exception {
        Map<String, Double> km = new HashMap<>();
        try (Connection db = run.pg.connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT device_id, time_ns, latitude_deg, longitude_deg FROM vehicle_sample"
                     + " WHERE tenant = 'acme' AND latitude_deg IS NOT NULL ORDER BY device_id, time_ns")) {
            String device = null;
            long t = 0;
            double lat = 0, lon = 0;
            while (rs.next()) {
                String d = rs.getString(1);
                if (d.equals(device) && rs.getLong(2) - t <= 5_000_000_000L) {
                    km.merge(d, haversineKm(lat, lon, rs.getDouble(3), rs.getDouble(4)), Double::sum);
                }
                device = d;
                t = rs.getLong(2);
                lat = rs.getDouble(3);
                lon = rs.getDouble(4);
            }
        }
        return km;
    }

    private Map<String, Double> summarisedDistanceKm() {
        Map<String, Double> km = new HashMap<>();
        try (Connection db = run.pg.connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT device_id, SUM(distance_km) FROM daily_usage WHERE tenant = 'acme' GROUP BY device_id")) {
            while (rs.next()) km.put(rs.getString(1), rs.getDouble(2));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return km;
    }

    private static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1), dLon = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
    }

    private long count(String sql) {
        try (Connection db = run.pg.connect(); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void await(BooleanSupplier done, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) return;
            Thread.sleep(500);
        }
        fail(what + " not reached within 90 s; stored distance " + storedDistanceKm() + ", summarised " + summarisedDistanceKm() + run.logs());
    }
}
