package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.codec.RejectReason;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /health reflects the databases; /metrics is valid Prometheus text with ingest, store and JVM meters. */
class HealthAndMetricsTest {
    private static ApiFixture hub;
    /** A sample line of the Prometheus text format: name{labels} value. */
    private static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? -?([0-9.eE+-]+|NaN|\\+Inf|-Inf)");

    @BeforeAll
    static void start() {
        hub = ApiFixture.start(ApiFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    @Test
    void healthIsUpWithEachCheckAndNeedsNoToken() {
        HttpResponse<String> r = hub.get("/health", null);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject h = new JsonObject(r.body());
        assertEquals("up", h.getString("status"));
        assertEquals("up", h.getJsonObject("checks").getJsonObject("sor").getString("status"));
        assertEquals("H2", h.getJsonObject("checks").getJsonObject("sor").getString("detail"));
        assertEquals("up", h.getJsonObject("checks").getJsonObject("store").getString("status"));
    }

    @Test
    void ingestStatsReportCountersByReason() {
        hub.services.ingestStats().received();
        hub.services.ingestStats().received();
        hub.services.ingestStats().rejected(RejectReason.OUT_OF_RANGE);
        hub.services.ingestStats().stored(1, 50, 0);
        JsonObject s = new JsonObject(hub.get("/api/v1/stats/ingest", hub.token(Role.PLATFORM_OPERATOR)).body());
        assertEquals("hub", s.getString("scope"), s.encode());
        assertTrue(s.getLong("received") >= 2);
        assertTrue(s.getLong("pointsStored") >= 50);
        assertTrue(s.getJsonObject("rejected").getLong("out_of_range") >= 1);
        assertEquals(RejectReason.values().length, s.getJsonObject("rejected").size());
    }

    @Test
    void aTenantOperatorSeesItsTenantsCountsNeverTheHubs() {
        hub.services.ingestStats().stored("acme", 2, 20, 1);
        hub.services.ingestStats().stored("rival", 7, 70, 0);
        JsonObject acme = new JsonObject(hub.get("/api/v1/stats/ingest", hub.token(Role.OPERATOR)).body());
        JsonObject rival = new JsonObject(hub.get("/api/v1/stats/ingest", hub.rival.tokens().get(Role.OPERATOR)).body());
        JsonObject all = new JsonObject(hub.get("/api/v1/stats/ingest", hub.token(Role.PLATFORM_OPERATOR)).body());
        assertEquals("tenant", acme.getString("scope"), acme.encode());
        assertEquals(2, acme.getLong("stored"), acme.encode());
        assertEquals(20, acme.getLong("pointsStored"));
        assertEquals(7, rival.getLong("stored"), rival.encode());
        assertTrue(all.getLong("stored") >= 9, all.encode());
        JsonObject rates = new JsonObject(hub.get("/api/v1/stats/ingest/rates", hub.token(Role.OPERATOR)).body());
        assertEquals("acme", rates.getString("tenant"), rates.encode());
        assertEquals(2, rates.getJsonObject("totals").getLong("stored"), rates.encode());
        assertEquals(403, hub.get("/api/v1/stats/ingest?tenant=rival", hub.token(Role.OPERATOR)).statusCode());
    }

    @Test
    void ingestRatesListTheLastHourPerMinuteWithThisMinutesCounts() {
        JsonObject before = new JsonObject(hub.get("/api/v1/stats/ingest/rates", hub.token(Role.PLATFORM_OPERATOR)).body());
        hub.services.ingestStats().received();
        hub.services.ingestStats().rejected(RejectReason.OUT_OF_RANGE);
        hub.services.ingestStats().duplicate();
        hub.services.ingestStats().stored(3, 30, 0);
        HttpResponse<String> r = hub.get("/api/v1/stats/ingest/rates", hub.token(Role.PLATFORM_OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject s = new JsonObject(r.body());
        assertEquals("hub", s.getString("scope"));
        assertEquals(60, s.getJsonArray("items").size());
        assertEquals(60, s.getInteger("total"));
        JsonObject t0 = before.getJsonObject("totals"), t1 = s.getJsonObject("totals");
        // a minute may turn between the two reads, dropping the oldest minute: at least what was added now
        assertTrue(t1.getLong("received") >= 1 && t1.getLong("rejected") >= 1 && t1.getLong("duplicates") >= 1 && t1.getLong("stored") >= 3, s.encode());
        JsonObject last = s.getJsonArray("items").getJsonObject(59);
        assertTrue(last.getLong("stored") >= 3 || t1.getLong("stored") - t0.getLong("stored") >= 3, s.encode());
        assertEquals(403, hub.get("/api/v1/stats/ingest/rates", hub.token(Role.INSURER)).statusCode());
        assertEquals(400, hub.get("/api/v1/stats/ingest/rates?minutes=5", hub.token(Role.OPERATOR)).statusCode(), "unknown parameter");
    }

    @Test
    void metricsScrapeIsPrometheusTextWithIngestStoreHttpAndJvmMeters() {
        hub.services.ingestStats().rejected(RejectReason.MALFORMED);
        hub.services.ingestStats().refused(io.telerisk.hub.ingest.MqttRefusal.QUOTA_EXCEEDED);
        hub.get("/api/v1/devices/vehicle/car-1/telemetry?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", hub.token(Role.OPERATOR));
        HttpResponse<String> r = hub.get("/metrics", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String body = r.body();
        List<String> lines = Arrays.stream(body.split("\n")).filter(l -> !l.isBlank()).toList();
        for (String l : lines) {
            assertTrue(l.startsWith("# HELP ") || l.startsWith("# TYPE ") || SAMPLE.matcher(l).matches(), "not Prometheus text: " + l);
        }
        assertTrue(body.contains("# TYPE telerisk_ingest_messages_received_total counter"), "ingest counter");
        assertTrue(Pattern.compile("telerisk_ingest_rejected_total\\{reason=\"malformed\"\\} [1-9]").matcher(body).find(), "rejected by reason");
        assertTrue(Pattern.compile("telerisk_mqtt_refused_total\\{reason=\"quota_exceeded\"\\} [1-9]").matcher(body).find(), "MQTT refusals by reason");
        assertTrue(body.contains("telerisk_store_seconds_count{backend=\"jdbc-h2\",op=\"raw\",outcome=\"ok\"}")
                || Pattern.compile("telerisk_store_seconds_count\\{[^}]*op=\"raw\"").matcher(body).find(), "store latency");
        assertTrue(body.contains("telerisk_http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/devices/:type/:id/telemetry\",status=\"200\"}"),
                "http timer by route template");
        assertTrue(body.contains("jvm_memory_used_bytes"), "JVM meters");
    }
}
