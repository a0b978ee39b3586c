package io.telerisk.hub;

import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.testkit.PostgresDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hubs on one PostgreSQL system of record, each with its own data directory, share what authentication needs:
 * one signing key (a token from one hub works on the other), one login throttle (failures on one count on both) and
 * the users' token versions (a user disabled on one hub is refused on the other at once).
 */
class TwoHubsSharedAuthTest {
    private static PostgresDatabase pg;
    private static Hub a;
    private static Hub b;
    private static DemoProvisioner.DemoSetup acme;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresDatabase.create();
        a = Hub.start(config());
        b = Hub.start(config());
        acme = a.provisionDemo("acme");
    }

    private static HubConfig config() throws Exception {
        return HubConfig.embedded(Files.createTempDirectory("two-hubs"))
                .withSor(new HubConfig.Sor(pg.jdbcUrl(), pg.user(), pg.password()))
                .withStorage(StorageConfig.jdbc(pg.jdbcUrl(), pg.user(), pg.password()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) b.close();
        if (a != null) a.close();
        if (pg != null) pg.close();
    }

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
