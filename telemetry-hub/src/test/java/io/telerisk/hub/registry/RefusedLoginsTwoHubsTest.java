package io.telerisk.hub.registry;

import io.telerisk.hub.Hub;
import io.telerisk.hub.HubHttpClient;
import io.telerisk.hub.TwoHubs;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refused device logins over real MQTT on the built-in endpoints of two hubs sharing one PostgreSQL: each device's
 * refusals (wrong token, disabled) add up in one row whichever hub refused them, with the reason and remote address
 * of the latest; made-up usernames fold into one row per tenant (or one for no tenant), however many; operators see
 * their own tenant's rows only, the device's own in {@code GET /devices/{type}/{id}}, and /metrics counts by reason.
 */
class RefusedLoginsTwoHubsTest {
    private static TwoHubs hubs;
    private static Hub a;
    private static Hub b;
    private static DemoProvisioner.DemoSetup acme;
    private static DemoProvisioner.DemoSetup rival;

    @BeforeAll
    static void start() throws Exception {
        hubs = TwoHubs.start("refused-logins");
        a = hubs.a;
        b = hubs.b;
        acme = a.provisionDemo("acme");
        rival = a.provisionDemo("rival");
    }

    @AfterAll
    static void stop() throws Exception {
        if (hubs != null) hubs.close();
    }

    @Test
    void refusedLoginsAddUpPerDeviceAcrossHubsAndUnknownUsernamesFoldIntoOneRow() throws Exception {
        DeviceCredential car = acme.devices().stream().filter(d -> d.device().type() == DeviceType.VEHICLE).findFirst().orElseThrow();
        DeviceCredential watch = acme.devices().stream().filter(d -> d.device().type() == DeviceType.WEARABLE).findFirst().orElseThrow();
        Instant before = Instant.now().minusSeconds(1);

        refused(a, car.username(), "not-the-token");
        refused(b, car.username(), "still-not-the-token");
        refused(a, car.username(), null); // Vert.x MQTT hands over no username without a password: the row for no tenant
        assertEquals(200, http(b).post("/api/v1/devices/wearable/" + watch.device().deviceId() + "/disable", op(), "application/json", "{}").statusCode());
        refused(b, watch.username(), watch.token());
        for (int i = 0; i < 40; i++) refused(i % 2 == 0 ? a : b, "acme/ghost-" + i, "guess-" + i);
        refused(a, "no-such-tenant/ghost", "guess");
        refused(b, "not a username", "guess");

        // both hubs flush within a second; the counts are what both refused
        JsonObject page = await(a, j -> j.getLong("total") == 3 && rows(j).get("ghosts").getLong("refused") == 40
                && rows(j).get(car.device().deviceId()).getLong("refused") == 2);
        Map<String, JsonObject> rows = rows(page);
        JsonObject carRow = rows.get(car.device().deviceId());
        assertEquals("vehicle", carRow.getString("type"));
        assertEquals("wrong_token", carRow.getString("lastReason"));
        assertEquals(car.username(), carRow.getString("lastUsername"));
        assertEquals("127.0.0.1", carRow.getString("lastRemoteAddress"));
        assertTrue(!Instant.parse(carRow.getString("firstAt")).isBefore(before));
        assertTrue(!Instant.parse(carRow.getString("firstAt")).isAfter(Instant.parse(carRow.getString("lastAt"))));
        JsonObject watchRow = rows.get(watch.device().deviceId());
        assertEquals(1, watchRow.getLong("refused"));
        assertEquals("disabled", watchRow.getString("lastReason"));
        JsonObject ghosts = rows.get("ghosts");
        assertEquals("unknown_device", ghosts.getString("lastReason"));
        assertTrue(ghosts.getString("lastUsername").startsWith("acme/ghost-"), ghosts.encode());

        // the device's own view, from the other hub
        JsonObject device = ok(http(b).get("/api/v1/devices/vehicle/" + car.device().deviceId(), op()));
        assertEquals(2, device.getJsonObject("refusedLogins").getLong("refused"));
        JsonObject field = ok(http(b).get("/api/v1/devices/farm-sensor/field-1", op()));
        assertNull(field.getJsonObject("refusedLogins"), "a device nobody tried has none");
        assertTrue(field.containsKey("refusedLogins"));
        JsonObject asInsurer = ok(http(b).get("/api/v1/devices/vehicle/" + car.device().deviceId(), acme.tokens().get(Role.INSURER)));
        assertFalse(asInsurer.containsKey("refusedLogins"), "operators only: " + asInsurer.encode());

        // tenant scope: another tenant's operator sees none of acme's, and no made-up tenant's
        JsonObject rivals = ok(http(a).get("/api/v1/refused-logins", rival.tokens().get(Role.OPERATOR)));
        assertEquals(0, rivals.getLong("total"), rivals.encode());
        assertEquals(403, http(a).get("/api/v1/refused-logins", acme.tokens().get(Role.INSURER)).statusCode());
        assertEquals(400, http(a).get("/api/v1/refused-logins?device=x", op()).statusCode(), "undocumented parameters are refused");
        JsonObject paged = ok(http(a).get("/api/v1/refused-logins?limit=1&offset=1", op()));
        assertEquals(1, paged.getJsonArray("items").size());
        assertEquals(3, paged.getLong("total"));

        // the table holds a row per device and per tenant, plus one for usernames naming no tenant with devices
        // (the await above looked at acme's rows only: the row for no tenant may come from the other hub's next flush)
        long[] noTenant = new long[2];
        for (long deadline = System.nanoTime() + 10_000_000_000L; ; Thread.sleep(100)) {
            try (var c = java.sql.DriverManager.getConnection(hubs.pg.jdbcUrl(), hubs.pg.user(), hubs.pg.password());
                 var rs = c.createStatement().executeQuery("SELECT COUNT(*), SUM(refused) FROM device_login_refusal WHERE tenant = ''")) {
                rs.next();
                noTenant[0] = rs.getLong(1);
                noTenant[1] = rs.getLong(2);
            }
            if (noTenant[1] >= 3 || System.nanoTime() > deadline) break;
        }
        assertEquals(1, noTenant[0]);
        assertEquals(3, noTenant[1], "the made-up tenant, the malformed username and the login without a password");

        // each hub counts what it refused, by reason
        long wrongTokens = metric(a, "wrong_token") + metric(b, "wrong_token");
        long unknown = metric(a, "unknown_device") + metric(b, "unknown_device");
        assertEquals(2, wrongTokens);
        assertEquals(41, unknown, "40 ghosts and the made-up tenant");
        assertEquals(1, metric(b, "disabled"));
        assertEquals(1, metric(b, "malformed_username"));
        assertEquals(1, metric(a, "no_credentials"));
    }

    private static void refused(Hub hub, String username, String password) {
        assertThrows(MqttException.class, () -> {
            MqttClient c = new MqttClient("tcp://127.0.0.1:" + hub.mqttPort(), "refused-" + System.nanoTime(), new MemoryPersistence());
            try {
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setUserName(username);
                if (password != null) o.setPassword(password.getBytes(StandardCharsets.UTF_8));
                o.setConnectionTimeout(10);
                c.connect(o);
            } finally {
                c.close(true);
            }
        }, username + " must be refused");
    }

    private static Map<String, JsonObject> rows(JsonObject page) {
        return page.getJsonArray("items").stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(o -> o.getString("deviceId") == null ? "ghosts" : o.getString("deviceId"), o -> o));
    }

    private static JsonObject await(Hub hub, Predicate<JsonObject> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = ok(http(hub).get("/api/v1/refused-logins", op()));
            try {
                if (done.test(last)) return last;
            } catch (RuntimeException notYet) {
                // a row not there yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("refused logins never added up: " + last);
    }

    private static long metric(Hub hub, String reason) {
        String line = hub.services().metrics().scrape().lines()
                .filter(l -> l.startsWith("telerisk_device_logins_refused_total{") && l.contains("reason=\"" + reason + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no telerisk_device_logins_refused_total for " + reason));
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static String op() {
        return acme.tokens().get(Role.OPERATOR);
    }

    private static HubHttpClient http(Hub hub) {
        return TwoHubs.http(hub);
    }

    private static JsonObject ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }
}
