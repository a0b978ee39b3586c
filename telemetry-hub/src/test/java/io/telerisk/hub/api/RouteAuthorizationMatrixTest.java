package io.telerisk.hub.api;

import io.telerisk.hub.Hub;
import io.telerisk.hub.HubHttpClient;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.auth.SigningKeys;
import io.telerisk.hub.auth.TokenService;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route × every role × another tenant's resources, built from the OpenAPI document the hub serves, so a route
 * added later is in the matrix without anyone writing a case for it. The document's {@code x-roles} says who may call
 * an operation and its {@code responses} which statuses it may answer; the hub must keep to both:
 * <ul>
 *   <li>no token, an expired token or a token signed with another key: 401 on every protected route;</li>
 *   <li>a role not in {@code x-roles}: 403;</li>
 *   <li>a role in {@code x-roles} naming another tenant's device, user, field, loan or claim: 404 on reads (exactly
 *       like a missing one) and never a 2xx on writes; every answer a status the operation documents, and no 2xx
 *       answer mentions the other tenant;</li>
 *   <li>{@code ?tenant=} naming another tenant: 403 for every role but the platform operator (the tenant operator
 *       included), and never a 403 for the platform operator on the routes it is listed for;</li>
 *   <li>platform-wide figures (tenants, hub ingest counters, the ledger's count of every tenant) for the platform
 *       operator only; tenant roles get their own.</li>
 * </ul>
 * The whole hub runs (pricing, crop credit, lending and claims wired), with tenant {@code rival} holding the
 * resources that {@code acme}'s users must not reach.
 */
class RouteAuthorizationMatrixTest {
    private static final String FOREIGN = "rival";
    private static Path dir;
    private static Hub hub;
    private static DemoProvisioner.DemoSetup acme;
    private static JsonObject doc;
    private static String rivalClaim;
    private static String rivalLoan;
    private static String expiredToken;
    private static String forgedToken;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("route-matrix");
        hub = Hub.start(HubConfig.embedded(dir.resolve("data")));
        acme = hub.provisionDemo("acme");
        DemoProvisioner.DemoSetup rival = hub.provisionDemo(FOREIGN, List.of(new DeviceKey(FOREIGN, DeviceType.VEHICLE, "rival-car"),
                new DeviceKey(FOREIGN, DeviceType.WEARABLE, "rival-watch"), new DeviceKey(FOREIGN, DeviceType.FARM_SENSOR, "rival-sensor")));
        seedRival(rival);
        TokenService oneSecond = new TokenService(hub.vertx(), SigningKeys.loadOrCreate(hub.systemOfRecord().dataSource(), Clock.systemUTC()),
                Duration.ofSeconds(1));
        Principal op = new Principal(acme.users().get(Role.OPERATOR), "acme", Set.of(Role.OPERATOR));
        expiredToken = oneSecond.issue(op).token();
        forgedToken = new TokenService(hub.vertx(), "another-key-another-key-another-key-0123456789", Duration.ofMinutes(5)).issue(op).token();
        doc = new JsonObject(http("GET", "/api/v1/openapi.json", null, null).body());
        Thread.sleep(2_100); // the one-second token has expired
    }

    /** A policy and a reported claim on rival-car, a field and a loan application on rival-sensor. */
    private static void seedRival(DemoProvisioner.DemoSetup rival) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ok(201, http("POST", "/api/v1/claims/policies", rival.tokens().get(Role.INSURER), new JsonObject()
                .put("policyId", "POL-RIVAL").put("holder", "R. Ival").put("deviceType", "vehicle").put("deviceId", "rival-car")
                .put("inception", now.minus(365, ChronoUnit.DAYS).toString()).put("expiry", now.plus(365, ChronoUnit.DAYS).toString())
                .put("coverages", new JsonArray().add(new JsonObject().put("code", "COLLISION").put("limit", "50000.00")
                        .put("deductible", "500.00").put("currency", "EUR")))));
        Instant t0 = now.minusSeconds(1200);
        List<Sample> track = new ArrayList<>();
        for (int i = 0; i < 60; i++) track.add(new VehicleSample(t0.plusSeconds(i), GnssFix.of(48.2, 11.6), 10.0, 0.0, null, null, true));
        hub.store().store(List.of(Envelope.telemetry(FOREIGN, "rival-car", DeviceType.VEHICLE, 1, t0, track)));
        rivalClaim = ok(201, http("POST", "/api/v1/claims", rival.tokens().get(Role.INSURER), new JsonObject()
                .put("deviceType", "vehicle").put("deviceId", "rival-car").put("lossTime", t0.plusSeconds(30).toString())
                .put("collision", false).put("place", new JsonObject().put("latitudeDeg", 48.2).put("longitudeDeg", 11.6))
                .put("claimedAmount", "900.00").put("description", "rival's loss"))).getString("claimId");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonArray ring = new JsonArray().add(new JsonArray().add(36.5).add(-0.3)).add(new JsonArray().add(36.5025).add(-0.3))
                .add(new JsonArray().add(36.5025).add(-0.2975)).add(new JsonArray().add(36.5).add(-0.2975)).add(new JsonArray().add(36.5).add(-0.3));
        ok(201, http("POST", "/api/v1/agri/fields", rival.tokens().get(Role.FARMER), new JsonObject().put("fieldId", "rival-plot")
                .put("crop", "MAIZE").put("sowingDate", today.minusDays(60).toString()).put("harvestDate", today.plusDays(90).toString())
                .put("region", "nakuru-east").put("soil", "LOAM").put("deviceId", "rival-sensor")
                .put("boundary", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)))));
        rivalLoan = ok(200, http("POST", "/api/v1/agri/loans", rival.tokens().get(Role.FARMER), new JsonObject().put("deviceId", "rival-sensor")
                .put("amountRequested", "5000.00").put("termMonths", 9).put("purpose", "seed").put("currency", "USD")
                .put("requestedAt", now.minusSeconds(60).toString()))).getString("applicationId");
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }

    /** One documented operation. */
    private record Operation(String method, String path, Set<Role> roles, Set<Integer> responses) {
        boolean hasResourceId() {
            return path.contains("{");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static List<Operation> protectedOperations() {
        List<Operation> out = new ArrayList<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String p : paths.fieldNames()) {
            for (String m : paths.getJsonObject(p).fieldNames()) {
                if (m.equals("parameters")) continue;
                JsonObject op = paths.getJsonObject(p).getJsonObject(m);
                JsonArray security = op.getJsonArray("security");
                if (security != null && security.isEmpty()) continue;
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (Object r : op.getJsonArray("x-roles", new JsonArray())) roles.add(Role.fromWire(String.valueOf(r)));
                Set<Integer> statuses = new java.util.TreeSet<>();
                for (String s : op.getJsonObject("responses").fieldNames()) statuses.add(Integer.parseInt(s));
                out.add(new Operation(m.toUpperCase(Locale.ROOT), p, roles, statuses));
            }
        }
        assertTrue(out.size() > 80, "the matrix covers the whole API: " + out.size() + " operations");
        return out;
    }

    /** The operation's path with another tenant's resources in every path parameter. */
    private static String foreignPath(Operation op, String type) {
        String p = op.path();
        if (p.startsWith("/api/v1/devices/")) {
            p = p.replace("{type}", type);
            String kind = p.substring("/api/v1/devices/".length()).split("/")[0];
            p = p.replace("{id}", switch (kind) {
                case "vehicle" -> "rival-car";
                case "wearable" -> "rival-watch";
                default -> "rival-sensor";
            });
        }
        p = p.replace("{username}", "rival-operator").replace("{attachmentId}", "a1b2c3");
        if (p.startsWith("/api/v1/claims/")) p = p.replace("{id}", rivalClaim);
        else if (p.startsWith("/api/v1/agri/fields/")) p = p.replace("{id}", "rival-plot");
        else if (p.startsWith("/api/v1/agri/loans/") || p.startsWith("/api/v1/lender/")) p = p.replace("{id}", rivalLoan);
        else if (p.startsWith("/api/v1/pricing/impact/")) p = p.replace("{id}", "999999");
        else p = p.replace("{id}", "rival-1");
        return p + query(p, type);
    }

    /** The query parameters a read needs to get past validation to the resource lookup. */
    private static String query(String p, String type) {
        String range = "from=" + Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS)
                + "&to=" + Instant.now().truncatedTo(ChronoUnit.HOURS);
        String days = "from=" + LocalDate.now(ZoneOffset.UTC).minusDays(7) + "&to=" + LocalDate.now(ZoneOffset.UTC);
        if (p.endsWith("/telemetry") || p.endsWith("/events")) return "?" + range;
        if (p.endsWith("/series")) return "?" + range + "&bucket=1h&field=" + switch (type) {
            case "vehicle" -> "speedMps";
            case "wearable" -> "heartRateBpm";
            default -> "soilMoisturePct";
        };
        if (p.endsWith("-usage") || p.endsWith("/trips") || p.endsWith("-days")) return "?" + days;
        if (p.endsWith("/diff")) return "?from=1&to=2";
        return "";
    }

    private static List<String> deviceTypes(Operation op) {
        return op.path().contains("{type}") ? List.of("vehicle", "wearable", "farm-sensor") : List.of("vehicle");
    }

    @Test
    void everyProtectedOperationNamesItsRolesAndDocuments401And403() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : protectedOperations()) {
            if (op.roles().isEmpty()) wrong.add(op + ": no x-roles");
            if (!op.responses().contains(401)) wrong.add(op + ": 401 not documented");
            if (op.roles().size() < Role.values().length && !op.responses().contains(403)) wrong.add(op + ": 403 not documented");
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void withoutAValidTokenEveryProtectedRouteAnswers401() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : protectedOperations()) {
            String path = foreignPath(op, "vehicle");
            for (String token : new String[]{null, expiredToken, forgedToken, "not.a.jwt"}) {
                int status = http(op.method(), path, token, new JsonObject()).statusCode();
                if (status != 401) wrong.add(op + " token=" + (token == null ? "none" : token.substring(0, 8)) + " -> " + status);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void aRoleNotListedForARouteGets403() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Operation op : protectedOperations()) {
            for (Role role : Role.values()) {
                if (op.roles().contains(role) || acme.tokens().get(role) == null) continue;
                checked++;
                HttpResponse<String> r = http(op.method(), foreignPath(op, "vehicle"), acme.tokens().get(role), new JsonObject());
                if (r.statusCode() != 403) wrong.add(op + " as " + role.wireName() + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertTrue(checked > 100, "role × route pairs refused: " + checked);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void listedRolesNeverReachAnotherTenantsResources() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : protectedOperations()) {
            for (Role role : op.roles()) {
                String token = acme.tokens().get(role);
                if (token == null) continue;
                for (String type : deviceTypes(op)) {
                    String path = foreignPath(op, type);
                    HttpResponse<String> r = http(op.method(), path, token, new JsonObject());
                    int s = r.statusCode();
                    String what = op + " " + path + " as " + role.wireName() + " -> " + s;
                    if (!op.responses().contains(s)) wrong.add(what + ": status not documented " + op.responses() + " " + r.body());
                    if (s / 100 == 2 && r.body().toLowerCase(Locale.ROOT).contains(FOREIGN) && !platformWide(op, role)) {
                        wrong.add(what + ": another tenant's data " + r.body());
                    }
                    if (op.hasResourceId() && s / 100 == 2) wrong.add(what + ": another tenant's resource answered");
                    if (op.hasResourceId() && op.method().equals("GET") && s != 404 && !privacyRefusalFirst(op, type, role, s)) {
                        wrong.add(what + ": expected 404 as for a missing resource " + r.body());
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** The platform's own listings (the tenants), which name every tenant by design: platform operators only. */
    private static boolean platformWide(Operation op, Role role) {
        return op.path().equals("/api/v1/tenants") && role == Role.PLATFORM_OPERATOR;
    }

    /**
     * Reads of raw health data and vehicle positions are refused (403) for the role before the device is looked up,
     * as docs/api.md's role table says; no other 403 on another tenant's resource is allowed.
     */
    private static boolean privacyRefusalFirst(Operation op, String type, Role role, int status) {
        if (status != 403) return false;
        boolean raw = op.path().endsWith("/telemetry");
        return raw && (type.equals("wearable") || type.equals("vehicle") && role == Role.ADJUSTER);
    }

    @Test
    void namingAnotherTenantIsRefusedForEveryRole() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : protectedOperations()) {
            for (Role role : op.roles()) {
                String token = acme.tokens().get(role);
                if (token == null || role == Role.PLATFORM_OPERATOR) continue;
                String path = op.path().replace("{type}", "vehicle").replace("{id}", "car-1").replace("{username}", acme.users().get(role))
                        .replaceAll("\\{[A-Za-z]+\\}", "x1");
                String q = query(path, "vehicle");
                path += (q.isEmpty() ? "?" : q + "&") + "tenant=" + FOREIGN;
                HttpResponse<String> r = http(op.method(), path, token, new JsonObject());
                if (r.statusCode() != 403) wrong.add(path + " as " + role.wireName() + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /**
     * The other side of the split: a platform operator naming another tenant is never refused for it on a read (claims
     * excepted: they always act on the token's tenant), and where a listing answers, it is the named tenant's.
     */
    @Test
    void aPlatformOperatorActsForANamedTenantAndOnlyItMayListThePlatform() {
        String platform = acme.tokens().get(Role.PLATFORM_OPERATOR);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Operation op : protectedOperations()) {
            // reads only: the writes' refusals are the matrix's other tests, and a write here would change rival's data
            if (!op.roles().contains(Role.PLATFORM_OPERATOR) || !op.method().equals("GET") || op.path().startsWith("/api/v1/claims")
                    || platformWide(op, Role.PLATFORM_OPERATOR)) continue;
            String path = op.path().replace("{type}", "vehicle").replace("{id}", "rival-car").replace("{username}", FOREIGN + "-insurer")
                    .replaceAll("\\{[A-Za-z]+\\}", "x1");
            String q = query(path, "vehicle");
            path += (q.isEmpty() ? "?" : q + "&") + "tenant=" + FOREIGN;
            checked++;
            HttpResponse<String> r = http(op.method(), path, platform, new JsonObject());
            if (r.statusCode() == 403) wrong.add(path + " -> 403 " + r.body());
            if (!op.responses().contains(r.statusCode())) wrong.add(path + " -> " + r.statusCode() + ": status not documented " + r.body());
            if (r.statusCode() == 200 && op.method().equals("GET") && r.body().startsWith("{")) {
                String t = new JsonObject(r.body()).getString("tenant");
                if (t != null && !t.equals(FOREIGN)) wrong.add(path + " answered for tenant " + t);
            }
        }
        assertTrue(checked > 20, "routes a platform operator may read for a named tenant: " + checked);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        JsonObject tenants = new JsonObject(http("GET", "/api/v1/tenants", platform, null).body());
        assertTrue(tenants.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("tenant")).toList()
                .containsAll(List.of("acme", FOREIGN)), tenants.encode());
        for (Role role : Role.values()) {
            if (role == Role.PLATFORM_OPERATOR) continue;
            assertEquals(403, http("GET", "/api/v1/tenants", acme.tokens().get(role), null).statusCode(), role.wireName());
            assertEquals(403, http("GET", "/api/v1/dead-letters?tenant=*", acme.tokens().get(role), null).statusCode(), role.wireName());
        }
    }

    @Test
    void tenantRolesSeeTheirOwnCountsAndOnlyThePlatformOperatorThePlatforms() {
        JsonObject own = new JsonObject(http("GET", "/api/v1/stats/ingest", acme.tokens().get(Role.OPERATOR), null).body());
        assertEquals("tenant", own.getString("scope"), own.encode());
        assertEquals("acme", own.getString("tenant"));
        assertTrue(!own.containsKey("deviceLoginsRefused"), "the hub's refused logins are the platform's: " + own.encode());
        JsonObject rates = new JsonObject(http("GET", "/api/v1/stats/ingest/rates", acme.tokens().get(Role.OPERATOR), null).body());
        assertEquals("tenant", rates.getString("scope"), rates.encode());
        JsonObject hubWide = new JsonObject(http("GET", "/api/v1/stats/ingest", acme.tokens().get(Role.PLATFORM_OPERATOR), null).body());
        assertEquals("hub", hubWide.getString("scope"), hubWide.encode());
        JsonObject rivalOnes = new JsonObject(http("GET", "/api/v1/stats/ingest?tenant=" + FOREIGN, acme.tokens().get(Role.PLATFORM_OPERATOR), null).body());
        assertEquals(FOREIGN, rivalOnes.getString("tenant"), rivalOnes.encode());

        JsonObject tenantLedger = new JsonObject(http("GET", "/api/v1/claims/ledger/verify", acme.tokens().get(Role.INSURER), null).body());
        JsonObject platformLedger = new JsonObject(http("GET", "/api/v1/claims/ledger/verify", acme.tokens().get(Role.PLATFORM_OPERATOR), null).body());
        assertEquals("tenant", tenantLedger.getString("scope"), tenantLedger.encode());
        assertEquals("platform", platformLedger.getString("scope"), platformLedger.encode());
        assertTrue(platformLedger.getLong("entries") > tenantLedger.getLong("entries"),
                "rival's claim is in the platform's count, never in acme's: " + tenantLedger.encode() + " " + platformLedger.encode());
    }

    @Test
    void aRouteWithoutDocumentedRolesStopsTheRouterFromStarting() {
        JsonObject copy = doc.copy();
        copy.getJsonObject("paths").getJsonObject("/api/v1/devices").getJsonObject("get").remove("x-roles");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new RouteRoles(copy).of(io.vertx.core.http.HttpMethod.GET, "/api/v1/devices", true));
        assertTrue(e.getMessage().contains("x-roles"), e.getMessage());
        assertThrowsState(() -> new RouteRoles(copy).of(io.vertx.core.http.HttpMethod.GET, "/api/v1/not-documented", true));
        assertThrowsState(() -> new RouteRoles(doc).of(io.vertx.core.http.HttpMethod.GET, "/api/v1/devices", false));
        assertEquals(Set.of(Role.OPERATOR, Role.PLATFORM_OPERATOR), new RouteRoles(doc).of(io.vertx.core.http.HttpMethod.POST, "/api/v1/devices", true));
    }

    private static void assertThrowsState(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, e);
    }

    private static JsonObject ok(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) throw new IllegalStateException("seeding failed: " + r.statusCode() + " " + r.body());
        return new JsonObject(r.body());
    }

    private static HttpResponse<String> http(String method, String path, String token, JsonObject body) {
        HubHttpClient client = new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(30));
        HttpRequest.Builder b = HttpRequest.newBuilder(client.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build());
    }
}
