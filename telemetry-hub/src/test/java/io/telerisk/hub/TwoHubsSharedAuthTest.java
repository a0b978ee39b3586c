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
 * one signing key (a token from one hub works on the other), one login throttle (failures on one count on both: spraying
 * from one address is slowed on both, and no one can lock a user out) and
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

    private static String attempt(String user, String password) {
        return new JsonObject().put("username", user).put("password", password).encode();
    }

    @Test
    void sprayingOnePasswordFromOneAddressIsSlowedOnBothHubs() throws Exception {
        LoginFrom onA = new LoginFrom("127.0.0.41", a.apiPort());
        LoginFrom onB = new LoginFrom("127.0.0.41", b.apiPort());
        for (int i = 0; i < 10; i++) {
            LoginFrom.Answer r = (i % 2 == 0 ? onA : onB).post(attempt("sprayed-" + i, "Summer2026!"));
            assertEquals(401, r.status(), "free attempt " + i + ": " + r.body());
        }
        LoginFrom.Answer slowed = onB.post(attempt("sprayed-10", "Summer2026!"));
        assertEquals(429, slowed.status(), "ten failures over two hubs slow the address: " + slowed.body());
        assertTrue(slowed.retryAfterSeconds() >= 1 && slowed.body().contains("address"), slowed.retryAfterSeconds() + " " + slowed.body());
        assertEquals(429, onA.post(attempt("sprayed-11", "Summer2026!")).status(), "on the other hub too");
        Thread.sleep(slowed.retryAfterSeconds() * 1000 + 200);
        assertEquals(401, onA.post(attempt("sprayed-12", "Summer2026!")).status(), "a delay, not a lock-out: after the wait it may try");
        LoginFrom.Answer longer = onB.post(attempt("sprayed-13", "Summer2026!"));
        assertEquals(429, longer.status(), longer.body());
        assertTrue(longer.retryAfterSeconds() >= 2, "each further failure doubles the wait: " + longer.retryAfterSeconds());
    }

    @Test
    void lockingOutAVictimNoLongerWorks() {
        String victim = "acme-farmer";
        LoginFrom attackerOnA = new LoginFrom("127.0.0.42", a.apiPort());
        LoginFrom attackerOnB = new LoginFrom("127.0.0.42", b.apiPort());
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            LoginFrom.Answer r = (i % 2 == 0 ? attackerOnA : attackerOnB).post(attempt(victim, "guess-" + i));
            assertTrue(r.status() == 401 || r.status() == 429, r.status() + " " + r.body());
            if (r.status() == 429) refused++;
        }
        assertTrue(refused >= 15, "the attacker's own address is slowed: " + refused + " of 30 refused");
        LoginFrom.Answer own = new LoginFrom("127.0.0.43", b.apiPort()).post(attempt(victim, acme.passwords().get(Role.FARMER)));
        assertEquals(200, own.status(), "the victim logs in from its own address at once: " + own.body());
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
