package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.hub.LoginFrom;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.telerisk.hub.auth.Role.ADJUSTER;
import static io.telerisk.hub.auth.Role.FARMER;
import static io.telerisk.hub.auth.Role.INSURER;
import static io.telerisk.hub.auth.Role.LENDER;
import static io.telerisk.hub.auth.Role.OPERATOR;
import static io.telerisk.hub.auth.Role.PLATFORM_OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Role × endpoint matrix and tenant isolation over real HTTP. Decision (documented in docs/api.md): a device of
 * another tenant answers 404, exactly like a missing one, so existence never leaks; a role that may not use an
 * endpoint at all gets 403.
 */
class ApiAuthorizationTest {
    private static ApiFixture hub;
    private static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void start() {
        hub = ApiFixture.start(ApiFixture.Db.H2);
        hub.services.registry().register(new DeviceKey("acme", DeviceType.VEHICLE, "acme-truck"), "only in acme");
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private record Case(String method, String path, String body, Map<Role, Integer> expected) {
    }

    private static Map<Role, Integer> all(int s) {
        return Map.of(INSURER, s, FARMER, s, ADJUSTER, s, OPERATOR, s, LENDER, s, PLATFORM_OPERATOR, s);
    }

    private static Map<Role, Integer> operatorOnly(int ok) {
        return Map.of(INSURER, 403, FARMER, 403, ADJUSTER, 403, OPERATOR, ok, LENDER, 403, PLATFORM_OPERATOR, ok);
    }

    private List<Case> cases() {
        int n = SEQ.incrementAndGet();
        String range = "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
        List<Case> c = new ArrayList<>();
        c.add(new Case("GET", "/api/v1/devices", null, all(200)));
        c.add(new Case("GET", "/api/v1/devices/vehicle/car-1", null, all(200)));
        c.add(new Case("GET", "/api/v1/fleet/positions", null, operatorOnly(200)));
        c.add(new Case("POST", "/api/v1/devices", "{\"type\":\"vehicle\",\"id\":\"new-" + n + "-%s\"}", operatorOnly(201)));
        c.add(new Case("POST", "/api/v1/devices/vehicle/car-1/credentials", "{}", operatorOnly(201)));
        c.add(new Case("GET", "/api/v1/devices/vehicle/car-1/telemetry?" + range, null,
                Map.of(INSURER, 200, FARMER, 200, ADJUSTER, 403, OPERATOR, 200, LENDER, 403, PLATFORM_OPERATOR, 200)));
        c.add(new Case("GET", "/api/v1/devices/wearable/watch-1/telemetry?" + range, null, operatorOnly(200)));
        c.add(new Case("GET", "/api/v1/devices/farm-sensor/field-1/telemetry?" + range, null, all(200)));
        c.add(new Case("GET", "/api/v1/devices/vehicle/car-1/series?field=speedMps&bucket=1h&" + range, null, all(200)));
        c.add(new Case("GET", "/api/v1/devices/vehicle/car-1/series?field=latitudeDeg&bucket=1h&" + range, null, operatorOnly(200)));
        c.add(new Case("GET", "/api/v1/devices/wearable/watch-1/series?field=heartRateBpm&bucket=1h&" + range, null, all(200)));
        c.add(new Case("GET", "/api/v1/devices/vehicle/car-1/events?" + range, null, all(200)));
        String days = "from=2026-01-01&to=2026-01-08";
        c.add(new Case("GET", "/api/v1/devices/vehicle/car-1/daily-usage?" + days, null, all(200)));
        c.add(new Case("GET", "/api/v1/devices/vehicle/car-1/trips?" + days, null, all(200)));
        c.add(new Case("GET", "/api/v1/devices/wearable/watch-1/wearable-days?" + days, null, all(200)));
        c.add(new Case("GET", "/api/v1/devices/farm-sensor/field-1/farm-days?" + days, null, all(200)));
        c.add(new Case("GET", "/api/v1/stats/ingest", null, operatorOnly(200)));
        c.add(new Case("GET", "/api/v1/stats/ingest/rates", null, operatorOnly(200)));
        c.add(new Case("GET", "/api/v1/dead-letters", null, operatorOnly(200)));
        c.add(new Case("GET", "/api/v1/location-access", null, operatorOnly(200)));
        c.add(new Case("GET", "/api/v1/users", null, operatorOnly(200)));
        c.add(new Case("POST", "/api/v1/users", "{\"username\":\"u" + n + "-%s\",\"password\":\"long-enough-pw\",\"roles\":[\"insurer\"]}", operatorOnly(201)));
        c.add(new Case("POST", "/api/v1/claim-grants", "{\"claimId\":\"c" + n + "-%s\",\"type\":\"vehicle\",\"deviceId\":\"car-1\","
                + "\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}", operatorOnly(201)));
        return c;
    }

    private HttpResponse<String> call(Case c, Role role, String token) {
        String body = c.body() == null ? null : c.body().replace("%s", role.wireName());
        return "GET".equals(c.method()) ? hub.get(c.path(), token) : hub.post(c.path(), token, body);
    }

    @Test
    void eachRoleGetsExactlyTheAccessTheMatrixSays() {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases()) {
            for (Role role : Role.values()) {
                HttpResponse<String> r = call(c, role, hub.token(role));
                int expected = c.expected().get(role);
                if (r.statusCode() != expected) {
                    wrong.add(role.wireName() + " " + c.method() + " " + c.path() + ": expected " + expected + ", got "
                            + r.statusCode() + " " + r.body());
                }
                if (r.statusCode() >= 400) {
                    JsonObject p = new JsonObject(r.body());
                    assertEquals(r.statusCode(), p.getInteger("status"), r.body());
                    assertTrue(p.getString("detail").length() > 5, r.body());
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyProtectedEndpointAnswers401WithoutAValidToken() {
        String forged = JWTAuth.create(hub.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
                        .setAlgorithm("HS256").setBuffer("another-secret-another-secret-another-secret")))
                .generateToken(new JsonObject().put("tenant", "acme").put("roles", new io.vertx.core.json.JsonArray().add("operator")),
                        new JWTOptions().setSubject("mallory").setIssuer("telerisk-hub"));
        for (Case c : cases()) {
            for (String token : new String[]{null, "not-a-jwt", forged}) {
                HttpResponse<String> r = call(c, OPERATOR, token);
                assertEquals(401, r.statusCode(), c.path() + " with " + token + ": " + r.body());
                assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            }
        }
    }

    @Test
    void rejectsUnsignedAndTamperedTokens() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(new JsonObject().put("sub", "mallory").put("tenant", "acme").put("iss", "telerisk-hub")
                .put("roles", new io.vertx.core.json.JsonArray().add("operator"))
                .put("exp", System.currentTimeMillis() / 1000 + 600).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(401, hub.get("/api/v1/devices", none + "." + payload + ".").statusCode(), "alg none");
        String[] real = hub.token(INSURER).split("\\.");
        assertEquals(401, hub.get("/api/v1/devices", real[0] + "." + payload + "." + real[2]).statusCode(), "payload swapped under a real signature");
        assertEquals(200, hub.get("/api/v1/devices", hub.token(INSURER)).statusCode(), "control");
    }

    @Test
    void rejectsAnExpiredToken() {
        JWTAuth jwt = JWTAuth.create(hub.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
                .setAlgorithm("HS256").setBuffer("test-secret-test-secret-test-secret-0123456789")));
        long past = System.currentTimeMillis() / 1000 - 3600;
        String expired = jwt.generateToken(new JsonObject().put("tenant", "acme")
                        .put("roles", new io.vertx.core.json.JsonArray().add("operator")).put("exp", past).put("iat", past - 60),
                new JWTOptions().setSubject("acme-operator").setIssuer("telerisk-hub"));
        assertEquals(401, hub.get("/api/v1/devices", expired).statusCode());
        String valid = jwt.generateToken(new JsonObject().put("tenant", "acme")
                        .put("roles", new io.vertx.core.json.JsonArray().add("operator")),
                new JWTOptions().setSubject("acme-operator").setIssuer("telerisk-hub").setExpiresInSeconds(60));
        assertEquals(200, hub.get("/api/v1/devices", valid).statusCode(), "control: same key, not expired");
    }

    @Test
    void devicesOfAnotherTenantAre404ForEveryRoleSoExistenceDoesNotLeak() {
        String range = "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
        for (Role role : Role.values()) {
            String rivalToken = hub.rival.tokens().get(role);
            for (String path : List.of("/api/v1/devices/vehicle/acme-truck", "/api/v1/devices/vehicle/acme-truck/events?" + range,
                    "/api/v1/devices/vehicle/acme-truck/daily-usage?from=2026-01-01&to=2026-01-02",
                    "/api/v1/devices/vehicle/acme-truck/trips?from=2026-01-01&to=2026-01-02")) {
                HttpResponse<String> r = hub.get(path, rivalToken);
                assertEquals(404, r.statusCode(), role + " " + path + ": " + r.body());
                HttpResponse<String> missing = hub.get(path.replace("acme-truck", "no-such-truck"), rivalToken);
                assertEquals(r.body().replace("acme-truck", "X"), missing.body().replace("no-such-truck", "X"),
                        "a foreign device and a missing one must look the same");
            }
        }
        assertEquals(404, hub.post("/api/v1/devices/vehicle/acme-truck/credentials", hub.rival.tokens().get(OPERATOR), "{}").statusCode());
    }

    @Test
    void listingsOnlyShowTheCallersTenant() {
        JsonObject list = new JsonObject(hub.get("/api/v1/devices?limit=1000", hub.rival.tokens().get(INSURER)).body());
        assertEquals("rival", list.getString("tenant"));
        assertTrue(list.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("tenant")).allMatch("rival"::equals));
        assertTrue(list.getJsonArray("items").stream().noneMatch(o -> "acme-truck".equals(((JsonObject) o).getString("id"))));
    }

    @Test
    void onlyPlatformOperatorsMayActForAnotherTenantAndOnlyExplicitly() {
        for (Role role : List.of(INSURER, FARMER, ADJUSTER, LENDER, OPERATOR)) {
            HttpResponse<String> r = hub.get("/api/v1/devices/vehicle/acme-truck?tenant=acme", hub.rival.tokens().get(role));
            assertEquals(403, r.statusCode(), role + ": " + r.body());
        }
        HttpResponse<String> op = hub.get("/api/v1/devices/vehicle/acme-truck?tenant=acme", hub.rival.tokens().get(PLATFORM_OPERATOR));
        assertEquals(200, op.statusCode(), op.body());
        assertEquals("acme", new JsonObject(op.body()).getString("tenant"));
        assertEquals(400, hub.get("/api/v1/devices?tenant=*", hub.token(PLATFORM_OPERATOR)).statusCode(), "* only where a listing allows it");
        assertEquals(200, hub.get("/api/v1/dead-letters?tenant=*", hub.token(PLATFORM_OPERATOR)).statusCode());
        assertEquals(403, hub.get("/api/v1/dead-letters?tenant=*", hub.token(OPERATOR)).statusCode(), "a tenant operator sees its own only");
        assertEquals(403, hub.get("/api/v1/dead-letters?tenant=*", hub.token(INSURER)).statusCode());
    }

    @Test
    void tokenEndpointIssuesTokensForRightPasswordsOnly() {
        String password = hub.acme.passwords().get(INSURER);
        HttpResponse<String> ok = hub.post("/api/v1/auth/token", null,
                new JsonObject().put("username", "acme-insurer").put("password", password).encode());
        assertEquals(200, ok.statusCode(), ok.body());
        JsonObject t = new JsonObject(ok.body());
        assertEquals("acme", t.getString("tenant"));
        assertEquals("insurer", t.getJsonArray("roles").getString(0));
        assertEquals(200, hub.get("/api/v1/devices", t.getString("token")).statusCode());
        assertEquals("no-store", ok.headers().firstValue("Cache-Control").orElse(""));

        HttpResponse<String> wrong = hub.post("/api/v1/auth/token", null,
                new JsonObject().put("username", "acme-insurer").put("password", password + "x").encode());
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> unknown = hub.post("/api/v1/auth/token", null,
                new JsonObject().put("username", "nobody").put("password", password).encode());
        assertEquals(401, unknown.statusCode());
        assertEquals(new JsonObject(wrong.body()).getString("detail"), new JsonObject(unknown.body()).getString("detail"),
                "wrong password and unknown user are indistinguishable");
    }

    @Test
    void repeatedWrongPasswordsFromOneAddressAreDelayedWithoutLockingTheUserOut() {
        String password = hub.acme.passwords().get(FARMER);
        String wrong = new JsonObject().put("username", "acme-farmer").put("password", "wrong-password").encode();
        LoginFrom attacker = new LoginFrom("127.0.0.31", hub.port);
        for (int i = 0; i < 10; i++) assertEquals(401, attacker.post(wrong).status(), "the allowance per address");
        LoginFrom.Answer throttled = attacker.post(new JsonObject().put("username", "acme-farmer").put("password", password).encode());
        assertEquals(429, throttled.status(), "even the right password waits, from that address: " + throttled.body());
        assertTrue(throttled.retryAfterSeconds() >= 1, throttled.body());
        HttpResponse<String> victim = hub.post("/api/v1/auth/token", null,
                new JsonObject().put("username", "acme-farmer").put("password", password).encode());
        assertEquals(200, victim.statusCode(), "the user itself, from its own address, is not locked out: " + victim.body());
    }
}
