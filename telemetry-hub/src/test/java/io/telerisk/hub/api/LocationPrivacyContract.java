package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.telerisk.hub.auth.Role.ADJUSTER;
import static io.telerisk.hub.auth.Role.FARMER;
import static io.telerisk.hub.auth.Role.INSURER;
import static io.telerisk.hub.auth.Role.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Location privacy over real HTTP and a real database: who sees positions, under which claim window, and that
 * every read that reveals them is in the access log. Runs on H2 and PostgreSQL (subclasses).
 */
abstract class LocationPrivacyContract {
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    static ApiFixture hub;

    /** 60 one-minute samples from T0 with positions, and a crash candidate whose window carries positions. */
    static void seed(ApiFixture h) throws Exception {
        hub = h;
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            samples.add(new VehicleSample(T0.plusSeconds(60L * i), GnssFix.of(48.1 + i * 0.001, 11.5 + i * 0.001),
                    12.5, 90.0, new Acceleration(0.1, 0, 9.8), 1000.0 + i, true));
        }
        Envelope tel = Envelope.telemetry("acme", "car-1", DeviceType.VEHICLE, 1, T0.plusSeconds(3600), samples);
        DeviceEvent crash = new DeviceEvent(EventTypes.CRASH_CANDIDATE, T0.plusSeconds(900), Map.of("peakDecelMps2", 41.0),
                Map.of("source", "edge"), List.of(samples.get(15), samples.get(16)));
        Envelope ev = Envelope.events("acme", "car-1", DeviceType.VEHICLE, 2, T0.plusSeconds(901), List.of(crash));
        hub.store.store(List.of(tel, ev));
        HttpResponse<String> g = hub.post("/api/v1/claim-grants", hub.token(OPERATOR), new JsonObject()
                .put("claimId", "CLM-7").put("type", "vehicle").put("deviceId", "car-1")
                .put("from", T0.plusSeconds(600).toString()).put("to", T0.plusSeconds(1200).toString()).encode());
        assertEquals(201, g.statusCode(), g.body());
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static String telemetry(Instant from, Instant to, String claim) {
        return "/api/v1/devices/vehicle/car-1/telemetry?from=" + from + "&to=" + to + (claim == null ? "" : "&claim=" + claim);
    }

    private static JsonArray accessLog() {
        HttpResponse<String> r = hub.get("/api/v1/location-access?from=2020-01-01T00:00:00Z&limit=5000", hub.token(OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonArray("items");
    }

    private static boolean anyPosition(JsonArray items) {
        return items.stream().map(JsonObject.class::cast).anyMatch(o -> o.containsKey("latitudeDeg") || o.containsKey("longitudeDeg")
                || o.containsKey("altitudeM"));
    }

    @Test
    void insurerAndFarmerGetTelemetryWithoutPositionsAndNothingIsLogged() {
        int before = accessLog().size();
        for (Role role : List.of(INSURER, FARMER)) {
            HttpResponse<String> r = hub.get(telemetry(T0, T0.plusSeconds(3600), null), hub.token(role));
            assertEquals(200, r.statusCode(), r.body());
            JsonObject body = new JsonObject(r.body());
            assertEquals(60, body.getInteger("total"));
            assertEquals(60, body.getJsonArray("items").size());
            assertEquals("removed", body.getString("positions"));
            assertFalse(anyPosition(body.getJsonArray("items")), r.body());
            assertEquals(12.5, body.getJsonArray("items").getJsonObject(0).getDouble("speedMps"), "non-location fields stay");
            assertFalse(r.body().contains("48.1"), "no latitude anywhere in the body");
        }
        assertEquals(before, accessLog().size());
    }

    @Test
    void operatorSeesPositionsAndTheReadIsLogged() {
        int before = accessLog().size();
        HttpResponse<String> r = hub.get(telemetry(T0, T0.plusSeconds(3600), null), hub.token(OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals("included", body.getString("positions"));
        assertEquals(48.1, body.getJsonArray("items").getJsonObject(0).getDouble("latitudeDeg"), 1e-9);
        JsonArray log = accessLog();
        assertEquals(before + 1, log.size());
        JsonObject e = log.getJsonObject(0);
        assertEquals("acme-operator", e.getString("username"));
        assertEquals("operator", e.getString("role"));
        assertEquals("car-1", e.getJsonObject("device").getString("id"));
        assertEquals(T0.toString(), e.getString("from"));
        assertEquals(T0.plusSeconds(3600).toString(), e.getString("to"));
        assertEquals("telemetry", e.getString("resource"));
    }

    @Test
    void adjusterWithoutAClaimIsDeniedRawVehicleTelemetry() {
        int before = accessLog().size();
        HttpResponse<String> r = hub.get(telemetry(T0, T0.plusSeconds(3600), null), hub.token(ADJUSTER));
        assertEquals(403, r.statusCode());
        assertTrue(new JsonObject(r.body()).getString("detail").contains("claim"), r.body());
        HttpResponse<String> unknownClaim = hub.get(telemetry(T0.plusSeconds(600), T0.plusSeconds(1200), "CLM-404"), hub.token(ADJUSTER));
        assertEquals(403, unknownClaim.statusCode());
        assertEquals(before, accessLog().size(), "denied reads are not position reads");
    }

    @Test
    void adjusterWithAGrantSeesPositionsOnlyInsideTheClaimWindowAndEachReadIsLogged() {
        int before = accessLog().size();
        HttpResponse<String> inside = hub.get(telemetry(T0.plusSeconds(600), T0.plusSeconds(1200), "CLM-7"), hub.token(ADJUSTER));
        assertEquals(200, inside.statusCode(), inside.body());
        JsonObject body = new JsonObject(inside.body());
        assertEquals("included", body.getString("positions"));
        assertEquals("CLM-7", body.getString("claim"));
        assertEquals(10, body.getInteger("total"));
        assertTrue(anyPosition(body.getJsonArray("items")));

        for (Instant[] outside : new Instant[][]{{T0, T0.plusSeconds(1200)}, {T0.plusSeconds(600), T0.plusSeconds(1201)},
                {T0.plusSeconds(2000), T0.plusSeconds(3000)}}) {
            HttpResponse<String> r = hub.get(telemetry(outside[0], outside[1], "CLM-7"), hub.token(ADJUSTER));
            assertEquals(403, r.statusCode(), outside[0] + ".." + outside[1] + ": " + r.body());
            assertTrue(r.body().contains("outside claim"), r.body());
        }
        JsonArray log = accessLog();
        assertEquals(before + 1, log.size(), "one granted read, one entry");
        JsonObject e = log.getJsonObject(0);
        assertEquals("adjuster", e.getString("role"));
        assertEquals("CLM-7", e.getString("claimId"));
        assertEquals(T0.plusSeconds(600).toString(), e.getString("from"));
    }

    @Test
    void aClaimDoesNotOpenPositionsToOtherRolesOrOtherDevices() {
        HttpResponse<String> insurer = hub.get(telemetry(T0.plusSeconds(600), T0.plusSeconds(1200), "CLM-7"), hub.token(INSURER));
        assertEquals(403, insurer.statusCode(), insurer.body());
        HttpResponse<String> otherDevice = hub.get("/api/v1/devices/vehicle/car-1/telemetry?from=" + T0.plusSeconds(600) + "&to="
                + T0.plusSeconds(1200) + "&claim=CLM-7&tenant=rival", hub.rival.tokens().get(OPERATOR));
        assertEquals(200, otherDevice.statusCode(), "control: rival's own car-1, operator, explicit tenant");
        HttpResponse<String> rivalAdjuster = hub.get(telemetry(T0.plusSeconds(600), T0.plusSeconds(1200), "CLM-7"), hub.rival.tokens().get(ADJUSTER));
        assertEquals(403, rivalAdjuster.statusCode(), "acme's grant does not cover rival's car-1: " + rivalAdjuster.body());
    }

    @Test
    void eventWindowsLosePositionsUnlessTheReaderMaySeeThem() {
        String path = "/api/v1/devices/vehicle/car-1/events?from=" + T0 + "&to=" + T0.plusSeconds(3600);
        JsonObject insurer = new JsonObject(hub.get(path, hub.token(INSURER)).body());
        assertEquals(1, insurer.getInteger("total"));
        JsonObject ev = insurer.getJsonArray("items").getJsonObject(0);
        assertEquals("crash_candidate", ev.getString("type"));
        assertEquals(41.0, ev.getJsonObject("measures").getDouble("peakDecelMps2"));
        assertEquals(2, ev.getJsonArray("window").size());
        assertFalse(anyPosition(ev.getJsonArray("window")));

        JsonObject adjuster = new JsonObject(hub.get(path, hub.token(ADJUSTER)).body());
        assertFalse(anyPosition(adjuster.getJsonArray("items").getJsonObject(0).getJsonArray("window")), "no claim: stripped");

        int before = accessLog().size();
        JsonObject op = new JsonObject(hub.get(path, hub.token(OPERATOR)).body());
        assertTrue(anyPosition(op.getJsonArray("items").getJsonObject(0).getJsonArray("window")));
        assertEquals(before + 1, accessLog().size());
        assertEquals("events", accessLog().getJsonObject(0).getString("resource"));
    }

    @Test
    void downsampledPositionFieldsFollowTheSameRules() {
        String q = "/api/v1/devices/vehicle/car-1/series?field=latitudeDeg&bucket=10m&agg=max&from=" + T0.plusSeconds(600)
                + "&to=" + T0.plusSeconds(1200);
        assertEquals(403, hub.get(q, hub.token(INSURER)).statusCode());
        assertEquals(403, hub.get(q, hub.token(ADJUSTER)).statusCode());
        int before = accessLog().size();
        HttpResponse<String> granted = hub.get(q + "&claim=CLM-7", hub.token(ADJUSTER));
        assertEquals(200, granted.statusCode(), granted.body());
        JsonObject series = new JsonObject(granted.body());
        assertEquals(1, series.getInteger("total"));
        assertEquals(1, series.getJsonArray("items").size());
        assertEquals(1, series.getInteger("limit"), "ten minutes in 10-minute buckets: one bucket, never paged");
        assertEquals(400, hub.get(q + "&claim=CLM-7&offset=1", hub.token(ADJUSTER)).statusCode(), "a series takes no offset");
        assertEquals(before + 1, accessLog().size());
        HttpResponse<String> speed = hub.get(q.replace("latitudeDeg", "speedMps"), hub.token(INSURER));
        assertEquals(200, speed.statusCode());
        assertEquals(12.5, new JsonObject(speed.body()).getJsonArray("items").getJsonObject(0).getDouble("value"), 1e-9);
    }

    @Test
    void fleetMapShowsEachVehiclesNewestFixToOperatorsOnlyAndLogsEachVehiclesRead() {
        // car-1 was last seen as its envelope arrived, a minute after its last sample
        hub.services.statuses().seen(new io.telerisk.model.DeviceKey("acme", DeviceType.VEHICLE, "car-1"), T0.plusSeconds(3600));
        hub.services.statuses().flush(); // every hub answers from the shared row, which last seen reaches in batches
        String path = "/api/v1/fleet/positions?q=car-1";
        int before = accessLog().size();
        for (Role role : List.of(INSURER, FARMER, ADJUSTER)) {
            HttpResponse<String> r = hub.get(path, hub.token(role));
            assertEquals(403, r.statusCode(), role + ": " + r.body());
            assertFalse(r.body().contains("48.1"), r.body());
        }
        assertEquals(before, accessLog().size(), "refused reads are not position reads");

        HttpResponse<String> r = hub.get(path, hub.token(OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals("included", body.getString("positions"));
        JsonObject car = body.getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(o -> "car-1".equals(o.getString("id"))).findFirst().orElseThrow(() -> new AssertionError(r.body()));
        JsonObject fix = car.getJsonObject("position");
        assertEquals(T0.plusSeconds(60L * 59).toString(), fix.getString("time"), "the newest of the 60 fixes");
        assertEquals(48.1 + 59 * 0.001, fix.getDouble("latitudeDeg"), 1e-9);
        assertEquals(11.5 + 59 * 0.001, fix.getDouble("longitudeDeg"), 1e-9);
        assertEquals(T0.plusSeconds(3600).toString(), car.getJsonObject("status").getString("lastSeen"));

        JsonArray log = accessLog();
        assertEquals(before + body.getInteger("logged"), log.size(), "one entry per vehicle ever seen on the page");
        JsonObject e = log.stream().map(JsonObject.class::cast).filter(x -> "car-1".equals(x.getJsonObject("device").getString("id")))
                .findFirst().orElseThrow();
        assertEquals("last-position", e.getString("resource"));
        assertEquals("operator", e.getString("role"));
        assertEquals(T0.plusSeconds(3660).minus(java.time.Duration.ofDays(31)).toString(), e.getString("from"),
                "the range searched: 31 days up to last seen + 1 min");
        assertEquals(T0.plusSeconds(3660).toString(), e.getString("to"));
        long age = fix.getLong("ageSeconds");
        assertTrue(age >= java.time.Duration.between(T0.plusSeconds(60L * 59), java.time.Instant.now()).toSeconds() - 60, fix.encode());

        // a replay of past days (or an agent emptying its buffer): heard from now, its newest fix is two days older
        hub.services.statuses().seen(new io.telerisk.model.DeviceKey("acme", DeviceType.VEHICLE, "car-1"), T0.plus(java.time.Duration.ofDays(2)));
        hub.services.statuses().flush();
        int logBefore = accessLog().size();
        java.time.Instant asked = java.time.Instant.now();
        HttpResponse<String> later = hub.get("/api/v1/fleet/positions?q=car-1", hub.token(OPERATOR));
        assertEquals(200, later.statusCode(), later.body());
        JsonObject old = new JsonObject(later.body()).getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(o -> "car-1".equals(o.getString("id"))).findFirst().orElseThrow(() -> new AssertionError(later.body()));
        JsonObject oldFix = old.getJsonObject("position");
        assertNotNull(oldFix, "the last known position, not only one from the 10 minutes before last seen: " + old.encode());
        assertEquals(T0.plusSeconds(60L * 59).toString(), oldFix.getString("time"));
        long expectedAge = java.time.Duration.between(T0.plusSeconds(60L * 59), asked).toSeconds();
        assertTrue(oldFix.getLong("ageSeconds") >= expectedAge && oldFix.getLong("ageSeconds") <= expectedAge + 60, oldFix.encode());
        assertTrue(accessLog().size() > logBefore, "the read is logged as every position read");
    }

    @Test
    void theAccessLogIsOperatorOnlyAndTenantScoped() {
        hub.get(telemetry(T0, T0.plusSeconds(60), null), hub.token(OPERATOR));
        assertEquals(403, hub.get("/api/v1/location-access", hub.token(ADJUSTER)).statusCode());
        JsonObject rival = new JsonObject(hub.get("/api/v1/location-access?from=2020-01-01T00:00:00Z", hub.rival.tokens().get(OPERATOR)).body());
        assertTrue(rival.getJsonArray("items").stream().map(JsonObject.class::cast)
                .allMatch(e -> "rival".equals(e.getJsonObject("device").getString("tenant"))), rival.encode());
        assertFalse(accessLog().isEmpty());
        JsonObject all = new JsonObject(hub.get("/api/v1/location-access?from=2020-01-01T00:00:00Z&limit=5000", hub.token(OPERATOR)).body());
        JsonObject last = new JsonObject(hub.get("/api/v1/location-access?from=2020-01-01T00:00:00Z&limit=1&offset="
                + (all.getInteger("total") - 1), hub.token(OPERATOR)).body());
        assertEquals(all.getInteger("total"), last.getInteger("total"), "total counts the whole log of the range");
        assertEquals(all.getJsonArray("items").getJsonObject(all.getInteger("total") - 1), last.getJsonArray("items").getJsonObject(0));
    }
}
