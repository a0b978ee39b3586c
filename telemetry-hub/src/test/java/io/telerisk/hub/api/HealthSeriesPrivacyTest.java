package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.WearableSample;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Series of health data (a wearable's fields) for insurers, farmers and adjusters come in whole buckets of at least
 * an hour, so they are aggregates and never the raw per-minute data that {@code /telemetry} refuses them.
 */
class HealthSeriesPrivacyTest {
    /** Recent whole hours, so the raw samples are read (older ranges come from rollups). */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusSeconds(3 * 3600);
    private static ApiFixture hub;
    private static final List<Integer> HEART = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        hub = ApiFixture.start(ApiFixture.Db.H2);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 120; i++) { // two hours, one sample a minute
            int hr = 60 + (i * 7) % 40;
            HEART.add(hr);
            samples.add(new WearableSample(T0.plusSeconds(60L * i), hr, i, SleepStage.AWAKE, 95.0 + (i % 5)));
        }
        hub.store.store(List.of(Envelope.telemetry("acme", "watch-1", DeviceType.WEARABLE, 1, T0.plusSeconds(7200), samples)));
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static HttpResponse<String> series(Role role, String query) {
        return hub.get("/api/v1/devices/wearable/watch-1/series?" + query, hub.token(role));
    }

    @Test
    void perMinuteHeartRateAndSpo2AreRefusedToEveryRoleButOperators() {
        String range = "&from=" + T0 + "&to=" + T0.plusSeconds(7200);
        for (Role role : List.of(Role.INSURER, Role.FARMER, Role.ADJUSTER)) {
            for (String field : List.of("heartRateBpm", "spo2Percent")) {
                HttpResponse<String> r = series(role, "field=" + field + "&bucket=PT1M" + range);
                assertEquals(403, r.statusCode(), role + " " + field + ": " + r.body());
                assertTrue(r.body().contains("at least 1 h"), r.body());
            }
        }
        HttpResponse<String> op = series(Role.OPERATOR, "field=heartRateBpm&bucket=PT1M" + range);
        assertEquals(200, op.statusCode(), op.body());
        assertEquals(120, new JsonObject(op.body()).getJsonArray("items").size(), "operators keep the raw resolution");
    }

    @Test
    void everyOperatorReadOfRawHealthDataIsLogged() {
        String range = "from=" + T0 + "&to=" + T0.plusSeconds(7200);
        int before = accessLog().size();
        HttpResponse<String> raw = hub.get("/api/v1/devices/wearable/watch-1/telemetry?" + range, hub.token(Role.OPERATOR));
        assertEquals(200, raw.statusCode(), raw.body());
        assertEquals(120, new JsonObject(raw.body()).getInteger("total"));
        HttpResponse<String> fine = series(Role.OPERATOR, "field=heartRateBpm&bucket=PT1M&" + range);
        assertEquals(200, fine.statusCode(), fine.body());
        HttpResponse<String> platform = hub.get("/api/v1/devices/wearable/watch-1/telemetry?tenant=acme&" + range,
                hub.token(Role.PLATFORM_OPERATOR));
        assertEquals(200, platform.statusCode(), platform.body());
        JsonArray log = accessLog();
        assertEquals(before + 3, log.size(), "each operator read of raw health data is in the access log: " + log.encode());
        java.util.Set<String> newest = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            JsonObject e = log.getJsonObject(i);
            assertEquals("watch-1", e.getJsonObject("device").getString("id"));
            newest.add(e.getString("role") + " " + e.getString("resource"));
        }
        assertEquals(java.util.Set.of("operator health-telemetry", "operator health-series", "platform_operator health-telemetry"), newest);
        // an insurer's hourly aggregates are not raw health data: nothing logged
        assertEquals(200, series(Role.INSURER, "field=heartRateBpm&bucket=1h&" + range).statusCode());
        assertEquals(before + 3, accessLog().size());
    }

    private static JsonArray accessLog() {
        HttpResponse<String> r = hub.get("/api/v1/location-access?from=2020-01-01T00:00:00Z&limit=5000", hub.token(Role.OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonArray("items");
    }

    @Test
    void hourlyAggregatesOfWholeHoursAreServedAndAgreeWithTheData() {
        HttpResponse<String> r = series(Role.INSURER, "field=heartRateBpm&bucket=1h&agg=mean&from=" + T0 + "&to=" + T0.plusSeconds(7200));
        assertEquals(200, r.statusCode(), r.body());
        JsonArray items = new JsonObject(r.body()).getJsonArray("items");
        assertEquals(2, items.size(), r.body());
        double firstHour = HEART.subList(0, 60).stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertEquals(firstHour, items.getJsonObject(0).getDouble("value"), 1e-6, items.encode());
    }

    @Test
    void aRangeThatCutsABucketIsRefusedSoShiftedWindowsCannotRebuildTheMinutes() {
        HttpResponse<String> shifted = series(Role.INSURER, "field=heartRateBpm&bucket=1h&agg=sum&from=" + T0.plusSeconds(60)
                + "&to=" + T0.plusSeconds(3600 + 60));
        assertEquals(403, shifted.statusCode(), shifted.body());
        assertTrue(shifted.body().contains("boundaries"), shifted.body());
        Instant odd = T0.toEpochMilli() % 5_400_000L == 0 ? T0.plusSeconds(3600) : T0; // not on a 90 min boundary
        HttpResponse<String> r = series(Role.FARMER, "field=steps&bucket=90m&from=" + odd + "&to=" + odd.plusSeconds(5400));
        assertEquals(403, r.statusCode(), "90 min buckets must start on epoch boundaries: " + r.body());
    }

    @Test
    void withoutBucketOrRangeANonOperatorGetsHourlyBucketsOfTheLastWholeDay() {
        HttpResponse<String> r = series(Role.INSURER, "field=heartRateBpm");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals("PT1H", body.getString("bucket"));
        assertEquals(0, Instant.parse(body.getString("to")).toEpochMilli() % 3_600_000L, body.encode());
    }
}
