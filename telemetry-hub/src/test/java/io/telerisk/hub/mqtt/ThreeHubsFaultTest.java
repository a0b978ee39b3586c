package io.telerisk.hub.mqtt;

import io.telerisk.claims.fnol.Coverage;
import io.telerisk.claims.fnol.Policy;
import io.telerisk.hub.HubHttpClient;
import io.telerisk.hub.auth.PasswordHasher;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.auth.UserStore;
import io.telerisk.hub.claims.ClaimsHubFixture;
import io.telerisk.hub.claims.JdbcPolicyDirectory;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three hub processes on one {@code $share} group and one PostgreSQL, against the ground truth of what the broker
 * acknowledged to the fleet (issue #11): hub A is killed with SIGKILL mid-stream, hub C joins, A is restarted, hub B is
 * stopped with SIGTERM mid-stream. Then every acknowledged envelope is stored and each sample once, every acknowledged
 * crash candidate is stored once and opens exactly one claim, each vehicle's daily summaries match the distance of its
 * stored fixes, each vehicle has one shared status row seen during the run, and the restarted and the joining hub are
 * the broker group. Through the REST API of each live hub (A after its restart, C): a token one hub issued works on the
 * other, the ledger verifies as the same valid chain, each crash's claim is listed once with its ledger entries, and
 * device status is the same. Finally the same stored input, published through a single hub on a database of its own,
 * gives exactly the same daily summaries (no tolerance: a summary is a function of the stored samples only).
 *
 * <p>The {@code $share} topology. Behind haproxy (topology 4) each hub's built-in endpoint owns the sessions of the
 * devices connected to it, so the ground truth is the device's own QoS 1 retry after it reconnects through haproxy:
 * {@link ThreeHubsBehindHaproxyFaultTest}.
 */
class ThreeHubsFaultTest {
    static final int DEVICES = 4;
    static final int CRASHES_PER_STREAM = 3;
    private static final DeviceKey CAR_1 = new DeviceKey(HubProcesses.T, DeviceType.VEHICLE, "car-1");
    /** Summaries recomputed every second and last seen flushed every second, so the checks need not wait long. */
    static final String[] FAST = {"telerisk.summary.interval=1s", "telerisk.registry.status-flush-interval=1s"};
    private static final String USER = "acme-adjuster", PASSWORD = "fault-test-password";
    @TempDir
    Path dir;
    HubProcesses run;
    HubProcesses single;

    @AfterEach
    void stop() throws Exception {
        try {
            if (run != null) run.close();
        } finally {
            if (single != null) single.close();
        }
    }

    @Test
    void oneHubKilledAndRestartedOneJoiningOneStoppedEveryHubAnswersTheSameAndSummariesEqualASingleHubRun() throws Exception {
        run = new HubProcesses(dir.resolve("three"));
        Instant testStart = Instant.now();
        provision(run);
        Process a = run.startHub("hub-a", FAST);
        Process b = run.startHub("hub-b", FAST);
        run.connectPublisher();
        // the single hub of the reference run starts meanwhile (it is fed once the three hubs stored their input)
        single = new HubProcesses(dir.resolve("single"));
        provision(single);
        CompletableFuture<Process> singleHub = inBackground(() -> single.startHub("hub-single", FAST));
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        // 1. hub A is killed mid-stream (B drains its session); then hub C joins and A restarts (after the drain)
        List<Envelope> first = withCrashes(run, run.stream(DEVICES, start, 1), start, 900_000);
        Set<String> acked = new HashSet<>(run.publish(first, first.size() / 3, () -> a.destroyForcibly()));
        CompletableFuture<Process> joining = inBackground(() -> run.startHub("hub-c", FAST));
        Process a2 = run.startHub("hub-a", FAST);
        Process c = joining.get();

        // 2. hub B is stopped with SIGTERM mid-stream (it drains its own session); A and C stay
        List<Envelope> second = withCrashes(run, run.stream(DEVICES, start.plusSeconds(1600), 100_000), start.plusSeconds(1600), 900_100);
        acked.addAll(run.publish(second, second.size() / 3, b::destroy));
        assertTrue(b.waitFor(60, TimeUnit.SECONDS), "hub B stops on SIGTERM");
        int total = first.size() + second.size();
        assertTrue(acked.size() > total * 9 / 10, "the broker acknowledged the streams: " + acked.size() + " of " + total);
        run.awaitStored(acked);
        assertTrue(c.isAlive(), "hub C runs on");
        assertTrue(a2.isAlive(), "restarted hub A runs on");

        // crash candidates: each acknowledged one stored once, judged once, one claim each
        Set<Long> crashSeqs = new HashSet<>();
        for (String k : acked) {
            long seq = Long.parseLong(k.substring(k.indexOf('#') + 1));
            if (k.startsWith("car-1#") && seq >= 900_000) crashSeqs.add(seq);
        }
        assertEquals(2 * CRASHES_PER_STREAM, crashSeqs.size(), "every crash candidate was acknowledged");
        await(() -> count(run, "SELECT COUNT(*) FROM claims_crash_event WHERE device_id = 'car-1'") == crashSeqs.size(), "every crash candidate judged");
        assertEquals(crashSeqs.size(), count(run, "SELECT COUNT(*) FROM device_event WHERE device_id = 'car-1' AND event_type = 'crash_candidate'"),
                "each crash candidate stored once");
        assertEquals(crashSeqs.size(), count(run, "SELECT COUNT(*) FROM claims_claim WHERE device_id = 'car-1' AND source = 'DEVICE_CRASH'"),
                "one claim per crash candidate, whichever hub judged it and however often it was delivered");

        // summaries: each vehicle's distance is the distance of its stored fixes (the elected hub read them all)
        summariesMatchStoredFixes(run);

        // device status: one shared row per vehicle, seen during this run
        oneStatusRowPerVehicleSeenSince(run, testStart);
        try (Connection db = run.pg.connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT client_id FROM broker_session ORDER BY client_id")) {
            List<String> members = new ArrayList<>();
            while (rs.next()) members.add(rs.getString(1));
            assertEquals(List.of("hub-a", "hub-c"), members, "the restarted hub and the joining one are the group; the stopped one left");
        }
        assertTrue(metric(run.apiUrl(a2), "telerisk_ingest_messages_stored") > 0, "the restarted hub A stores its share of the stream");
        everyLiveHubAnswersTheSame(List.of(run.apiUrl(a2), run.apiUrl(c)), crashSeqs.size());
        singleHub.get();
        summariesEqualASingleHubRunOf(run, single, inputStored(run, first, second, acked));
    }

    interface Start {
        Process start() throws Exception;
    }

    static CompletableFuture<Process> inBackground(Start start) {
        CompletableFuture<Process> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(start.start());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "hub-start");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The REST API of each live hub: tokens, ledger, claims with their ledger entries, device status. */
    static void everyLiveHubAnswersTheSame(List<String> hubs, int crashes) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (String h : hubs) tokens.add(login(h));
        JsonObject verified = null;
        Map<String, JsonObject> status = null;
        for (int i = 0; i < hubs.size(); i++) {
            HubHttpClient http = new HubHttpClient(hubs.get(i), Duration.ofSeconds(30));
            for (String token : tokens) {
                assertEquals(200, http.get("/api/v1/claims/ledger/verify", token).statusCode(), "a token of any hub works on " + hubs.get(i));
            }
            String token = tokens.get((i + 1) % tokens.size()); // the next hub's token
            JsonObject v = new JsonObject(ok(http.get("/api/v1/claims/ledger/verify", token)));
            assertTrue(v.getBoolean("valid"), hubs.get(i) + " verifies the ledger: " + v.encode());
            if (verified == null) verified = v;
            assertEquals(verified, v, "every hub verifies the same chain");

            JsonArray claims = new JsonObject(ok(http.get("/api/v1/claims?deviceId=car-1&source=DEVICE_CRASH&limit=50", token))).getJsonArray("items");
            JsonArray closed = new JsonObject(ok(http.get("/api/v1/claims?closed=true&deviceId=car-1&source=DEVICE_CRASH&limit=50", token))).getJsonArray("items");
            Set<String> claimIds = new HashSet<>();
            for (JsonArray list : List.of(claims, closed)) for (int k = 0; k < list.size(); k++) claimIds.add(list.getJsonObject(k).getString("claimId"));
            assertEquals(crashes, claimIds.size(), hubs.get(i) + " lists one claim per crash: " + claimIds);
            JsonArray ledger = new JsonObject(ok(http.get("/api/v1/claims/ledger?offset=0&limit=500", token))).getJsonArray("items");
            Map<String, Integer> entries = new HashMap<>();
            for (int k = 0; k < ledger.size(); k++) entries.merge(ledger.getJsonObject(k).getString("claimId"), 1, Integer::sum);
            for (String id : claimIds) assertTrue(entries.getOrDefault(id, 0) > 0, "claim " + id + " has its ledger entries on " + hubs.get(i) + ": " + entries);
            assertEquals(claimIds, entries.keySet(), "the ledger holds the entries of these claims only");

            Map<String, JsonObject> here = new TreeMap<>();
            for (int d = 0; d < DEVICES; d++) here.put("car-" + d, new JsonObject(ok(http.get("/api/v1/devices/vehicle/car-" + d, token))));
            if (status == null) status = here;
            assertEquals(status, here, "every hub shows the same device status");
        }
    }

    /** The envelopes of both streams the three hubs stored (and the acknowledged crash candidates), in publishing order. */
    static List<Envelope> inputStored(HubProcesses run, List<Envelope> first, List<Envelope> second, Set<String> acked) throws Exception {
        Set<String> stored = run.stored();
        List<Envelope> input = new ArrayList<>();
        for (List<Envelope> l : List.of(first, second)) {
            for (Envelope e : l) {
                String k = e.deviceId() + "#" + e.sequence();
                if (stored.contains(k) || e.samples().isEmpty() && acked.contains(k)) input.add(e);
            }
        }
        return input;
    }

    /**
     * The same input through one hub ({@code single}, provisioned, its hub started) on a broker and a database of its
     * own gives exactly the same daily summaries as {@code run} (every column but {@code updated_at}): a summary is
     * recomputed from the stored samples, so who stored them and in which order must not matter.
     */
    static void summariesEqualASingleHubRunOf(HubProcesses run, HubProcesses single, List<Envelope> input) throws Exception {
        single.published(input);
        single.connectPublisher();
        Set<String> acked = single.publish(input, -1, () -> { });
        assertEquals(input.size(), acked.size(), "the single hub's broker acknowledged the whole input");
        single.awaitStored(acked);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Map<String, List<Object>> three = dailyUsage(run), one = dailyUsage(single);
        while (System.nanoTime() < deadline && !three.equals(one)) {
            Thread.sleep(500);
            three = dailyUsage(run);
            one = dailyUsage(single);
        }
        Set<String> devices = new java.util.TreeSet<>();
        for (String k : three.keySet()) devices.add(k.substring(0, k.indexOf('@')));
        assertEquals(Set.of("car-0", "car-1", "car-2", "car-3"), devices, "every vehicle has its daily summaries: " + three);
        assertEquals(one, three, "daily summaries of the three-hub run equal those of a single hub on the same input");
    }

    /** Every daily_usage row but its update time, by device and day. */
    private static Map<String, List<Object>> dailyUsage(HubProcesses on) throws Exception {
        Map<String, List<Object>> rows = new TreeMap<>();
        try (Connection db = on.pg.connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM daily_usage WHERE tenant = 'acme'")) {
            var meta = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!meta.getColumnName(i).equalsIgnoreCase("updated_at")) row.add(meta.getColumnName(i) + "=" + rs.getObject(i));
                }
                rows.put(rs.getString("device_id") + "@" + rs.getString("local_day"), row);
            }
        }
        return rows;
    }

    /** The devices, car-1's policy and an adjuster who can log in, in this run's database. */
    static void provision(HubProcesses on) throws Exception {
        try (SystemOfRecord sor = SystemOfRecord.open(on.pg.jdbcUrl(), on.pg.user(), on.pg.password(), 2)) {
            JdbcDeviceRegistry registry = new JdbcDeviceRegistry(sor.dataSource());
            for (int d = 0; d < DEVICES; d++) {
                registry.register(new DeviceKey(HubProcesses.T, DeviceType.VEHICLE, "car-" + d), "car " + d, Instant.now().minus(1, ChronoUnit.DAYS));
            }
            new JdbcPolicyDirectory(sor.dataSource()).upsert(new Policy("POL-CAR-1", "A. Driver", CAR_1, Instant.now().minus(365, ChronoUnit.DAYS),
                    Instant.now().plus(365, ChronoUnit.DAYS), List.of(new Coverage("COLLISION", new BigDecimal("50000.00"), new BigDecimal("500.00"), "EUR"))));
            new UserStore(sor.dataSource(), new PasswordHasher(10_000), Clock.systemUTC()).create(HubProcesses.T, USER, PASSWORD, Set.of(Role.ADJUSTER));
        }
    }

    private static String login(String hub) {
        var r = new HubHttpClient(hub, Duration.ofSeconds(30)).post("/api/v1/auth/token", null, "application/json",
                new JsonObject().put("username", USER).put("password", PASSWORD).encode());
        return new JsonObject(ok(r)).getString("token");
    }

    private static String ok(java.net.http.HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.uri() + ": " + r.body());
        return r.body();
    }

    /** A counter of this hub's /metrics (summed over its labels). */
    static double metric(String hub, String name) {
        String text = new HubHttpClient(hub, Duration.ofSeconds(30)).get("/metrics", null).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "_total") || line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The stream with crash candidates of car-1 spread through it (sequences from {@code firstSeq}). */
    static List<Envelope> withCrashes(HubProcesses run, List<Envelope> stream, Instant start, long firstSeq) {
        List<Envelope> out = new ArrayList<>(stream);
        for (int i = CRASHES_PER_STREAM - 1; i >= 0; i--) {
            Envelope crash = ClaimsHubFixture.crashCandidate(firstSeq + i, "fault-" + firstSeq + "-" + i, start.plusSeconds(200 + i * 400L), 12.5);
            run.published(List.of(crash));
            out.add((i + 1) * stream.size() / (CRASHES_PER_STREAM + 1), crash);
        }
        return out;
    }

    /** Per vehicle, the length of its stored track: consecutive fixes at most 5 s apart (a gap between streams is no drive). */
    /** Each vehicle's summarised distance is, within 3 %, the distance of its stored fixes (the elected hub read them all). */
    static void summariesMatchStoredFixes(HubProcesses run) throws Exception {
        Map<String, Double> expected = storedDistanceKm(run);
        await(run, () -> {
            Map<String, Double> summarised = summarisedDistanceKm(run);
            for (var e : expected.entrySet()) {
                Double got = summarised.get(e.getKey());
                if (got == null || Math.abs(got - e.getValue()) > e.getValue() * 0.03) return false;
            }
            return true;
        }, "daily usage matching the stored fixes " + expected);
    }

    /** Device status is one shared row per vehicle, each seen after {@code testStart}. */
    static void oneStatusRowPerVehicleSeenSince(HubProcesses run, Instant testStart) throws Exception {
        try (Connection db = run.pg.connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT device_id, last_seen FROM device_status WHERE tenant = 'acme' ORDER BY device_id")) {
            List<String> seen = new ArrayList<>();
            while (rs.next()) {
                assertTrue(rs.getObject(2, java.time.OffsetDateTime.class).toInstant().isAfter(testStart), rs.getString(1) + " seen during the run");
                seen.add(rs.getString(1));
            }
            assertEquals(List.of("car-0", "car-1", "car-2", "car-3"), seen);
        }
    }

    static Map<String, Double> storedDistanceKm(HubProcesses run) throws Exception {
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

    static Map<String, Double> summarisedDistanceKm(HubProcesses run) {
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

    static long count(HubProcesses run, String sql) {
        try (Connection db = run.pg.connect(); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void await(BooleanSupplier done, String what) throws Exception {
        await(run, done, what);
    }

    static void await(HubProcesses run, BooleanSupplier done, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) return;
            Thread.sleep(500);
        }
        fail(what + " not reached within 90 s; stored distance " + storedDistanceKm(run) + ", summarised " + summarisedDistanceKm(run) + run.logs());
    }
}
