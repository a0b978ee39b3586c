package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logging in, renewing, and the user lifecycle an operator runs, over HTTP on a real API (H2). */
class AccountsApiTest {
    private static ApiFixture hub;
    private static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void start() {
        hub = ApiFixture.start(ApiFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static String op() {
        return hub.token(Role.OPERATOR);
    }

    private static HttpResponse<String> login(String username, String password) {
        return hub.post("/api/v1/auth/token", null, new JsonObject().put("username", username).put("password", password).encode());
    }

    private static String newUser(String role, String password) {
        String name = "user-" + SEQ.incrementAndGet();
        HttpResponse<String> r = hub.post("/api/v1/users", op(), new JsonObject().put("username", name)
                .put("password", password).put("roles", new JsonArray().add(role)).encode());
        assertEquals(201, r.statusCode(), r.body());
        return name;
    }

    private static HttpResponse<String> put(String path, String token, String json) {
        return hub.send(HttpRequest.newBuilder(hub.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static int rows(String sql) throws Exception {
        try (var c = hub.sor.dataSource().getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void hugeUsernamesAndPasswordsAreRefusedBeforeAnythingIsRememberedOrHashed() throws Exception {
        int before = rows("SELECT COUNT(*) FROM login_throttle");
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = login(i + "x".repeat(12_000), "whatever-password");
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("username"), r.body());
            assertTrue(r.body().length() < 300, "the name is not echoed back");
        }
        HttpResponse<String> longPassword = login("acme-insurer", "p".repeat(10_000));
        assertEquals(400, longPassword.statusCode(), longPassword.body());
        assertEquals(before, rows("SELECT COUNT(*) FROM login_throttle"), "nothing stored for refused input");
    }

    @Test
    void aTokenIsRenewedWithoutThePasswordAndCarriesTheCurrentRoles() {
        String name = newUser("insurer", "first-password-1");
        String token = new JsonObject(login(name, "first-password-1").body()).getString("token");
        HttpResponse<String> renewed = hub.post("/api/v1/auth/refresh", token, "{}");
        assertEquals(200, renewed.statusCode(), renewed.body());
        JsonObject body = new JsonObject(renewed.body());
        assertNotEquals(token, body.getString("token"));
        assertEquals("no-store", renewed.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(200, hub.get("/api/v1/devices", body.getString("token")).statusCode());
        assertEquals(401, hub.post("/api/v1/auth/refresh", null, "{}").statusCode(), "renewal needs a valid token");
    }

    @Test
    void aDisabledUserCannotLogInAndItsTokensStopAtOnce() {
        String name = newUser("farmer", "farmer-password-1");
        String token = new JsonObject(login(name, "farmer-password-1").body()).getString("token");
        assertEquals(200, hub.get("/api/v1/devices", token).statusCode());

        HttpResponse<String> disabled = hub.post("/api/v1/users/" + name + "/disable", op(), "{}");
        assertEquals(200, disabled.statusCode(), disabled.body());
        assertTrue(new JsonObject(disabled.body()).getBoolean("disabled"));
        assertEquals(401, hub.get("/api/v1/devices", token).statusCode(), "the token it held is refused");
        assertEquals(401, hub.post("/api/v1/auth/refresh", token, "{}").statusCode(), "and cannot be renewed");
        assertEquals(401, login(name, "farmer-password-1").statusCode(), "and it cannot log in");

        assertEquals(200, hub.post("/api/v1/users/" + name + "/enable", op(), "{}").statusCode());
        assertEquals(200, login(name, "farmer-password-1").statusCode());
        assertEquals(401, hub.get("/api/v1/devices", token).statusCode(), "tokens from before stay revoked");
    }

    @Test
    void anOperatorResetsAPasswordAndTheOldOneAndItsTokensStopWorking() {
        String name = newUser("adjuster", "adjuster-password-1");
        String token = new JsonObject(login(name, "adjuster-password-1").body()).getString("token");
        HttpResponse<String> reset = hub.post("/api/v1/users/" + name + "/password", op(),
                new JsonObject().put("password", "short").encode());
        assertEquals(400, reset.statusCode(), "too short: " + reset.body());
        reset = hub.post("/api/v1/users/" + name + "/password", op(), new JsonObject().put("password", "adjuster-password-2").encode());
        assertEquals(200, reset.statusCode(), reset.body());
        assertFalse(reset.body().contains("adjuster-password-2"));
        assertEquals(401, hub.get("/api/v1/devices", token).statusCode());
        assertEquals(401, login(name, "adjuster-password-1").statusCode());
        assertEquals(200, login(name, "adjuster-password-2").statusCode());
    }

    @Test
    void aUserChangesItsOwnPasswordWithTheCurrentOneAndGetsANewToken() {
        String name = newUser("insurer", "insurer-password-1");
        String token = new JsonObject(login(name, "insurer-password-1").body()).getString("token");
        HttpResponse<String> wrong = hub.post("/api/v1/auth/password", token, new JsonObject()
                .put("currentPassword", "not-my-password").put("newPassword", "insurer-password-2").encode());
        assertEquals(403, wrong.statusCode(), wrong.body());
        HttpResponse<String> changed = hub.post("/api/v1/auth/password", token, new JsonObject()
                .put("currentPassword", "insurer-password-1").put("newPassword", "insurer-password-2").encode());
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(200, hub.get("/api/v1/devices", new JsonObject(changed.body()).getString("token")).statusCode());
        assertEquals(401, hub.get("/api/v1/devices", token).statusCode(), "the old token ends with the old password");
        assertEquals(200, login(name, "insurer-password-2").statusCode());
    }

    @Test
    void rolesChangeAtOnceAndOldTokensWithTheOldRolesAreRefused() {
        String name = newUser("insurer", "role-password-1");
        String token = new JsonObject(login(name, "role-password-1").body()).getString("token");
        assertEquals(403, hub.get("/api/v1/stats/ingest", token).statusCode());
        HttpResponse<String> changed = put("/api/v1/users/" + name + "/roles", op(),
                new JsonObject().put("roles", new JsonArray().add("insurer").add("operator")).encode());
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(new JsonArray().add("insurer").add("operator"), new JsonObject(changed.body()).getJsonArray("roles"));
        assertEquals(401, hub.get("/api/v1/stats/ingest", token).statusCode());
        String fresh = new JsonObject(login(name, "role-password-1").body()).getString("token");
        assertEquals(200, hub.get("/api/v1/stats/ingest", fresh).statusCode());
        assertEquals(400, put("/api/v1/users/" + name + "/roles", op(), "{\"roles\":[\"pilot\"]}").statusCode());
    }

    @Test
    void usersAreListedPagedInTheOperatorsTenantOnly() {
        newUser("farmer", "list-password-1");
        HttpResponse<String> page = hub.get("/api/v1/users?limit=2&offset=1", op());
        assertEquals(200, page.statusCode(), page.body());
        JsonObject body = new JsonObject(page.body());
        assertEquals(2, body.getJsonArray("items").size());
        assertEquals(1, body.getInteger("offset"));
        assertEquals(2, body.getInteger("limit"));
        int total = body.getInteger("total");
        assertTrue(total >= 5, "the four demo users and at least one more: " + total);
        JsonObject all = new JsonObject(hub.get("/api/v1/users?limit=1000", op()).body());
        assertEquals(total, all.getJsonArray("items").size());
        all.getJsonArray("items").forEach(u -> assertEquals("acme", ((JsonObject) u).getString("tenant")));

        assertEquals(403, hub.get("/api/v1/users?tenant=rival", op()).statusCode(), "never another tenant's users");
        assertEquals(404, hub.post("/api/v1/users/rival-insurer/disable", op(), "{}").statusCode(), "not even by name");
        assertEquals(403, hub.get("/api/v1/users", hub.token(Role.INSURER)).statusCode());
    }

    @Test
    void onlyAPlatformOperatorMakesPlatformOperatorsOrTouchesTheirAccounts() {
        String platform = hub.token(Role.PLATFORM_OPERATOR);
        String platformUser = hub.acme.users().get(Role.PLATFORM_OPERATOR);
        HttpResponse<String> promote = hub.post("/api/v1/users", op(), new JsonObject().put("username", "would-be-root")
                .put("password", "long-enough-pw").put("roles", new JsonArray().add("platform_operator")).encode());
        assertEquals(403, promote.statusCode(), promote.body());
        assertEquals(403, put("/api/v1/users/acme-operator/roles", op(), "{\"roles\":[\"operator\",\"platform_operator\"]}").statusCode(),
                "not even itself");
        assertEquals(403, hub.post("/api/v1/users/" + platformUser + "/password", op(), "{\"password\":\"taken-over-pw-1\"}").statusCode(),
                "a tenant operator cannot take over the platform operator who lives in its tenant");
        assertEquals(403, hub.post("/api/v1/users/" + platformUser + "/disable", op(), "{}").statusCode());
        assertEquals(403, hub.post("/api/v1/users?tenant=rival", op(), "{}").statusCode(), "nor act in another tenant");

        HttpResponse<String> first = hub.post("/api/v1/users?tenant=newco", platform, new JsonObject().put("username", "newco-admin")
                .put("password", "long-enough-pw").put("roles", new JsonArray().add("operator")).encode());
        assertEquals(201, first.statusCode(), "a platform operator creates a new tenant's first operator: " + first.body());
        assertEquals("newco", new JsonObject(first.body()).getString("tenant"));
        JsonObject newco = new JsonObject(hub.get("/api/v1/users?tenant=newco", platform).body());
        assertEquals(1, newco.getInteger("total"), newco.encode());
        HttpResponse<String> second = hub.post("/api/v1/users?tenant=newco", platform, new JsonObject().put("username", "newco-root")
                .put("password", "long-enough-pw").put("roles", new JsonArray().add("platform_operator")).encode());
        assertEquals(201, second.statusCode(), "only a platform operator makes another: " + second.body());
    }

    @Test
    void anOperatorCannotLockItselfOut() {
        assertEquals(400, hub.post("/api/v1/users/acme-operator/disable", op(), "{}").statusCode());
        assertEquals(400, put("/api/v1/users/acme-operator/roles", op(), "{\"roles\":[\"insurer\"]}").statusCode());
    }
}
