package io.telerisk.hub;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hubs on one PostgreSQL system of record, each with its own data directory, share what authentication needs:
 * one signing key (a token from one hub works on the other), one login throttle (failures on one count on both) and
 * the users' token versions (a user disabled on one hub is refused on the other at once).
 */
class TwoHubsSharedAuthTest extends OnTwoHubs {
    private static HubHttpClient http(Hub hub) {
        return new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(30));
    }

    private static HttpResponse<String> login(Hub hub, String user, String password) {
        return http(hub).post("/api/v1/auth/token", null, "application/json",
                new JsonObject().put("username", user).put("password", password).encode());
    }

    @Test
    void aTokenFromOneHubWorksOnTheOther() {
        HttpResponse<String> issued = login(a, "acme-insurer", acme.passwords().get(Role.INSURER));
        assertEquals(200, issued.statusCode(), issued.body());
        String token = new JsonObject(issued.body()).getString("token");
        assertEquals(200, http(b).get("/api/v1/devices", token).statusCode());
        HttpResponse<String> renewed = http(b).post("/api/v1/auth/refresh", token, "application/json", "{}");
        assertEquals(200, renewed.statusCode(), renewed.body());
        assertEquals(200, http(a).get("/api/v1/devices", new JsonObject(renewed.body()).getString("token")).statusCode());
    }

    @Test
    void failedLoginsOnOneHubCountOnBoth() {
        String user = "acme-farmer";
        for (int i = 0; i < 3; i++) assertEquals(401, login(a, user, "wrong-password-" + i).statusCode());
        for (int i = 0; i < 2; i++) assertEquals(401, login(b, user, "wrong-password-b" + i).statusCode());
        HttpResponse<String> onA = login(a, user, acme.passwords().get(Role.FARMER));
        assertEquals(429, onA.statusCode(), "five failures across two hubs lock the name: " + onA.body());
        assertEquals(429, login(b, user, acme.passwords().get(Role.FARMER)).statusCode());
    }

    @Test
    void aUserDisabledOnOneHubIsRefusedOnTheOtherAtOnce() {
        String operator = acme.tokens().get(Role.OPERATOR);
        HttpResponse<String> created = http(a).post("/api/v1/users", operator, "application/json", new JsonObject()
                .put("username", "temp-adjuster").put("password", "temp-adjuster-pw")
                .put("roles", new io.vertx.core.json.JsonArray().add("adjuster")).encode());
        assertEquals(201, created.statusCode(), created.body());
        String token = new JsonObject(login(b, "temp-adjuster", "temp-adjuster-pw").body()).getString("token");
        assertEquals(200, http(b).get("/api/v1/devices", token).statusCode());
        assertEquals(200, http(a).post("/api/v1/users/temp-adjuster/disable", operator, "application/json", "{}").statusCode());
        HttpResponse<String> refused = http(b).get("/api/v1/devices", token);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("revoked"), refused.body());
    }
}
