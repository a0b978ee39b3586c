package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.FarmDay;
import io.telerisk.model.summary.Trip;
import io.telerisk.model.summary.WearableDay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Summaries written by the summariser's repository are served per device, day range and tenant. */
class SummaryApiTest {
    private static ApiFixture hub;
    private static final LocalDate D = LocalDate.parse("2026-04-01");

    @BeforeAll
    static void start() {
        hub = ApiFixture.start(ApiFixture.Db.H2);
        for (int i = 0; i < 5; i++) {
            hub.summaries.save(new DailyUsage("acme", "car-1", D.plusDays(i), 40 + i, 5, 2, 10, Duration.ofMinutes(55), 2, 1, 0, i));
        }
        hub.summaries.save(new DailyUsage("rival", "car-1", D, 999, 0, 0, 0, Duration.ZERO, 0, 0, 0, 0));
        Instant start = Instant.parse("2026-04-02T07:00:00Z");
        hub.summaries.replaceTrips("acme", "car-1", D.plusDays(1), List.of(
                new Trip("acme", "car-1", start, start.plusSeconds(1800), 21.5, 0, 1.2, 33.0, 1, 0, 0),
                new Trip("acme", "car-1", start.plusSeconds(36000), start.plusSeconds(37800), 20.5, 3, 0, 30.0, 0, 1, 0)), D, List.of());
        hub.summaries.save(new WearableDay("acme", "watch-1", D, 8500, 42, 58.0, 420, null, 1300));
        hub.summaries.save(new FarmDay("acme", "field-1", D, 0.31, 0.28, 14.2, 6.1, 19.8, 71.0, 4.2, 3.5, 288));
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static JsonObject get(String path, Role role) {
        HttpResponse<String> r = hub.get(path, hub.token(role));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void dailyUsageIsServedForTheHalfOpenDayRangeOfTheCallersTenant() {
        JsonObject r = get("/api/v1/devices/vehicle/car-1/daily-usage?from=2026-04-02&to=2026-04-04", Role.INSURER);
        JsonArray items = r.getJsonArray("items");
        assertEquals(2, items.size(), r.encode());
        assertEquals("2026-04-02", items.getJsonObject(0).getString("day"));
        assertEquals(41.0, items.getJsonObject(0).getDouble("distanceKm"));
        assertEquals(3300, items.getJsonObject(0).getLong("drivingTimeS"));
        assertEquals(2, items.getJsonObject(1).getInteger("harshCorners"));
        JsonObject rival = new JsonObject(hub.get("/api/v1/devices/vehicle/car-1/daily-usage?from=2026-04-01&to=2026-04-02",
                hub.rival.tokens().get(Role.INSURER)).body());
        assertEquals(999.0, rival.getJsonArray("items").getJsonObject(0).getDouble("distanceKm"), "each tenant its own car-1");
    }

    @Test
    void tripsAreListedByStartDayAndLimited() {
        JsonObject r = get("/api/v1/devices/vehicle/car-1/trips?from=2026-04-02&to=2026-04-03", Role.ADJUSTER);
        assertEquals(2, r.getInteger("total"));
        assertEquals("2026-04-02T07:00:00Z", r.getJsonArray("items").getJsonObject(0).getString("start"));
        assertEquals(21.5, r.getJsonArray("items").getJsonObject(0).getDouble("distanceKm"));
        JsonObject limited = get("/api/v1/devices/vehicle/car-1/trips?from=2026-04-02&to=2026-04-03&limit=1", Role.ADJUSTER);
        assertEquals(1, limited.getJsonArray("items").size());
        assertEquals(2, limited.getInteger("total"), "total counts every trip of the range, not the page");
        JsonObject second = get("/api/v1/devices/vehicle/car-1/trips?from=2026-04-02&to=2026-04-03&offset=1&limit=1", Role.ADJUSTER);
        assertEquals(r.getJsonArray("items").getJsonObject(1), second.getJsonArray("items").getJsonObject(0));
        assertEquals(1, second.getInteger("offset"));
    }

    @Test
    void wearableAndFarmDaysAreServedWithNullsKept() {
        JsonObject w = get("/api/v1/devices/wearable/watch-1/wearable-days?from=2026-04-01&to=2026-04-02", Role.INSURER)
                .getJsonArray("items").getJsonObject(0);
        assertEquals(8500, w.getInteger("steps"));
        assertNull(w.getDouble("meanSpo2Percent"));
        JsonObject f = get("/api/v1/devices/farm-sensor/field-1/farm-days?from=2026-04-01&to=2026-04-02", Role.FARMER)
                .getJsonArray("items").getJsonObject(0);
        assertEquals(0.31, f.getDouble("meanSoilMoistureVwc"));
        assertEquals(288, f.getInteger("samples"));
    }

    @Test
    void summaryRoutesAreTypedSoAWearableIsNotAVehicle() {
        assertEquals(404, hub.get("/api/v1/devices/vehicle/watch-1/daily-usage?from=2026-04-01&to=2026-04-02", hub.token(Role.OPERATOR)).statusCode());
    }
}
