package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad dates, huge limits, hostile strings and malformed bodies get a 400 (or 404/413) problem with a reason. */
class HostileInputTest {
    private static ApiFixture hub;

    @BeforeAll
    static void start() {
        hub = ApiFixture.start(ApiFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void expect(int status, HttpResponse<String> r, String what, String reasonFragment) {
        assertEquals(status, r.statusCode(), what + ": " + r.body());
        // RFC 9457 (issue #12): every error is application/problem+json with type, title, status and detail
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), what);
        JsonObject p = new JsonObject(r.body());
        assertEquals(status, p.getInteger("status"));
        assertTrue(p.getString("type").startsWith("urn:telerisk:problem:") || p.getString("type").equals("about:blank"), what + ": type " + p.getString("type"));
        assertTrue(p.getString("title") != null && !p.getString("title").isBlank(), what + ": title");
        assertTrue(p.getString("detail").contains(reasonFragment), what + ": detail '" + p.getString("detail") + "' lacks '" + reasonFragment + "'");
        assertTrue(r.body().length() < 1000, "a hostile value is not echoed in full: " + r.body().length());
    }

    @Test
    void errorsOfEveryFeatureAreProblemDocuments() {
        // the hub's own routes, pricing, crop credit and claims each build their errors; all leave as RFC 9457
        var answers = java.util.Map.of(
                "devices", hub.get("/api/v1/devices/vehicle/no-such-car", hub.token(Role.OPERATOR)),
                "pricing", hub.get("/api/v1/pricing/plans/no-such-plan/versions", hub.token(Role.INSURER)),
                "agri", hub.get("/api/v1/agri/fields/no-such-field", hub.token(Role.OPERATOR)),
                "claims", hub.get("/api/v1/claims/no-such-claim", hub.token(Role.ADJUSTER)),
                "unauthenticated", hub.get("/api/v1/devices", null));
        answers.forEach((what, r) -> {
            assertTrue(r.statusCode() >= 400, what + ": " + r.statusCode());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), what + ": " + r.body());
            JsonObject p = new JsonObject(r.body());
            assertEquals(r.statusCode(), p.getInteger("status"), what);
            assertTrue(p.getString("type").startsWith("urn:telerisk:problem:"), what + ": " + p);
            assertTrue(p.containsKey("title") && p.containsKey("detail"), what + ": " + p);
        });
    }

    @Test
    void badQueryParametersAre400WithTheParameterNamed() {
        String op = hub.token(Role.OPERATOR);
        String base = "/api/v1/devices/vehicle/car-1/telemetry?";
        expect(400, hub.get(base + "from=yesterday", op), "word date", "'from'");
        expect(400, hub.get(base + "from=2026-13-45T00:00:00Z", op), "impossible date", "'from'");
        expect(400, hub.get(base + "to=" + enc("+999999999-12-31T23:59:59Z"), op), "far future", "'to'");
        expect(400, hub.get(base + "from=1600-01-01T00:00:00Z", op), "before epoch", "1970");
        expect(400, hub.get(base + "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", op), "reversed", "before");
        expect(400, hub.get(base + "limit=100000000", op), "huge limit", "'limit'");
        expect(400, hub.get(base + "limit=99999999999999999999999", op), "overflowing limit", "'limit'");
        expect(400, hub.get(base + "limit=-1", op), "negative limit", "'limit'");
        expect(400, hub.get(base + "limit=0x10", op), "hex limit", "'limit'");
        expect(400, hub.get(base + "limit=1&limit=2", op), "repeated", "more than once");
        expect(400, hub.get(base + "claim=" + enc("x' OR '1'='1"), op), "sql in claim", "claim");
        expect(400, hub.get(base + "from=" + "9".repeat(5000), op), "very long value", "256");
        String series = "/api/v1/devices/vehicle/car-1/series?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&";
        expect(400, hub.get(series + "field=speedMps&bucket=1ms", op), "tiny bucket", "bucket");
        expect(400, hub.get(series + "field=speedMps&bucket=1s", op), "too many buckets", "buckets");
        expect(400, hub.get(series + "field=speedMps&bucket=soon", op), "word bucket", "bucket");
        expect(400, hub.get(series + "field=" + enc("speed_mps; DROP TABLE vehicle_sample"), op), "sql field", "unknown field");
        expect(400, hub.get(series + "field=ignitionOn", op), "non-numeric field", "not numeric");
        expect(400, hub.get(series + "field=speedMps&agg=median", op), "agg", "'agg'");
        expect(400, hub.get(series, op), "missing field", "'field'");
        expect(400, hub.get("/api/v1/devices/vehicle/car-1/daily-usage?from=2026-01-01", op), "missing to", "'to'");
        expect(400, hub.get("/api/v1/devices/vehicle/car-1/daily-usage?from=2026-01-01&to=2036-01-01", op), "decade", "days");
        expect(400, hub.get("/api/v1/devices/vehicle/car-1/daily-usage?from=01/02/2026&to=2026-01-03", op), "US date", "'from'");
        expect(400, hub.get("/api/v1/devices?type=spaceship", op), "type", "device type");
        expect(400, hub.get("/api/v1/devices?tenant=" + enc("acme/../rival"), op), "tenant traversal", "tenant");
    }

    @Test
    void hostilePathSegmentsAre400Or404NeverAServerError() {
        String op = hub.token(Role.OPERATOR);
        List<String> ids = List.of(enc("car-1' OR 1=1 --"), enc("<script>alert(1)</script>"), enc("ünïcødé"), "x".repeat(300),
                enc("car-1\u0000"), enc("../../etc/passwd"), enc("car 1"), enc("%00"));
        List<String> wrong = new ArrayList<>();
        for (String id : ids) {
            for (String path : List.of("/api/v1/devices/vehicle/" + id, "/api/v1/devices/vehicle/" + id + "/telemetry",
                    "/api/v1/devices/" + id + "/car-1", "/api/v1/devices/vehicle/" + id + "/daily-usage?from=2026-01-01&to=2026-01-02")) {
                HttpResponse<String> r = hub.get(path, op);
                if (r.statusCode() != 400 && r.statusCode() != 404) wrong.add(path + " -> " + r.statusCode() + " " + r.body());
                else if (!r.body().startsWith("{")) wrong.add(path + " -> not a problem document: " + r.body());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        expect(400, hub.get("/api/v1/devices/vehicle/" + enc("a'b"), op), "quote in id", "invalid device id");
        expect(400, hub.get("/api/v1/devices/boat/car-1", op), "type", "unknown device type");
    }

    @Test
    void malformedBodiesAre400AndOversizedBodies413() {
        String op = hub.token(Role.OPERATOR);
        expect(400, hub.post("/api/v1/devices", op, "{not json"), "broken json", "JSON");
        expect(400, hub.post("/api/v1/devices", op, "[1,2,3]"), "array", "JSON object");
        expect(400, hub.post("/api/v1/devices", op, ""), "empty", "JSON object");
        expect(400, hub.post("/api/v1/devices", op, "{\"type\":\"vehicle\"}"), "missing id", "'id'");
        expect(400, hub.post("/api/v1/devices", op, "{\"type\":7,\"id\":\"x\"}"), "number type", "'type'");
        expect(400, hub.post("/api/v1/devices", op, "{\"type\":\"vehicle\",\"id\":\"a/b\"}"), "slash id", "invalid device id");
        expect(400, hub.post("/api/v1/devices", op, "{\"type\":\"vehicle\",\"id\":\"ok-id\",\"displayName\":\"" + "n".repeat(300) + "\"}"),
                "long name", "displayName");
        expect(400, hub.post("/api/v1/users", op, "{\"username\":\"ok\",\"password\":\"short\",\"roles\":[\"insurer\"]}"), "short pw", "password");
        expect(400, hub.post("/api/v1/users", op, "{\"username\":\"ok2\",\"password\":\"long-enough-pw\",\"roles\":[\"root\"]}"), "role", "unknown role");
        expect(400, hub.post("/api/v1/users", op, "{\"username\":\"ok3\",\"password\":\"long-enough-pw\",\"roles\":\"insurer\"}"), "roles type", "'roles'");
        expect(400, hub.post("/api/v1/auth/token", null, "{\"username\":[],\"password\":\"x\"}"), "username type", "'username'");
        expect(400, hub.post("/api/v1/claim-grants", op, "{\"claimId\":\"c1\",\"type\":\"vehicle\",\"deviceId\":\"car-1\",\"from\":\"2026-01-02T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}"),
                "reversed grant", "before");
        expect(400, hub.post("/api/v1/devices", op, "{\"type\":\"vehicle\",\"id\":\"future-1\",\"installedAt\":\"2199-01-01T00:00:00Z\"}"),
                "installed in the future", "installedAt");
        HttpResponse<String> imported = hub.post("/api/v1/devices", op,
                "{\"type\":\"vehicle\",\"id\":\"imported-1\",\"installedAt\":\"2025-06-01T00:00:00Z\"}");
        assertEquals(201, imported.statusCode(), imported.body());
        assertEquals("2025-06-01T00:00:00Z", new JsonObject(imported.body()).getString("registeredAt"));
        HttpResponse<String> big = hub.post("/api/v1/devices", op, "{\"type\":\"vehicle\",\"id\":\"" + "x".repeat(20_000) + "\"}");
        assertEquals(413, big.statusCode(), big.body());
        assertEquals(413, new JsonObject(big.body()).getInteger("status"));
    }

    @Test
    void conflictsAndUnknownRoutesAreProblemsToo() {
        String op = hub.token(Role.OPERATOR);
        expect(409, hub.post("/api/v1/devices", op, "{\"type\":\"wearable\",\"id\":\"car-1\"}"), "same id, other type", "already registered");
        expect(409, hub.post("/api/v1/users", op, "{\"username\":\"acme-insurer\",\"password\":\"long-enough-pw\",\"roles\":[\"insurer\"]}"),
                "existing user", "already exists");
        expect(404, hub.get("/api/v1/nothing-here", op), "unknown route", "no such resource");
    }
}
