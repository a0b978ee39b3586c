package io.telerisk.launcher.journeys;

import io.telerisk.hub.auth.Role;
import io.telerisk.launcher.demo.DemoWorldFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The operator's day on the demo world, over HTTP and MQTT as docs/journeys.md tells it: find devices, provision
 * one and its credential, publish with it to the demo's built-in MQTT endpoint, see it online and then offline after
 * a clean disconnect, send a bad message and find it among the dead letters with its reason, check that the ingest
 * figures add up, disable the device and see its next connect refused, and run a user's lifecycle (create, log in,
 * disable: its token stops working).
 */
class OperatorJourneyTest {
    private static final String DEVICE = "ops-van-1";

    @TempDir
    Path dir;

    @Test
    void anOperatorProvisionsWatchesAndDisablesADeviceAndManagesAUsersLifecycle() throws Exception {
        try (DemoWorldFixture demo = DemoWorldFixture.start(dir.resolve("demo"))) {
            // 1. the fleet: filters and a total that agrees with the items
            JsonObject vehicles = ok(demo.get(Role.OPERATOR, 1, "/api/v1/devices?type=vehicle&limit=1000"));
            assertEquals(DemoWorldFixture.VEHICLES, vehicles.getLong("total"), vehicles.encode());
            assertEquals(vehicles.getLong("total"), (long) vehicles.getJsonArray("items").size());
            assertTrue(vehicles.getJsonArray("items").stream().map(JsonObject.class::cast).allMatch(d -> "vehicle".equals(d.getString("type"))));

            // 2. provision a device and its credential (shown once)
            JsonObject created = created(demo.post(Role.OPERATOR, 1, "/api/v1/devices",
                    new JsonObject().put("type", "vehicle").put("id", DEVICE).put("displayName", "Operator test van")));
            assertEquals("active", created.getString("state"));
            JsonObject credential = created(demo.post(Role.OPERATOR, 1, "/api/v1/devices/vehicle/" + DEVICE + "/credentials", new JsonObject()));
            String username = credential.getString("username");
            String token = credential.getString("token");
            assertEquals(demo.tenant() + "/" + DEVICE, username);

            // 3. publish with it: online while connected, offline after a clean DISCONNECT
            MqttClient van = connect(demo, username, token);
            await(demo, "/api/v1/devices/vehicle/" + DEVICE, d -> d.getJsonObject("status").getBoolean("online"), "online while connected");
            JsonObject statsBefore = ok(demo.get(Role.OPERATOR, 1, "/api/v1/stats/ingest"));
            try {
                van.publish("v1/" + demo.tenant() + "/vehicle/" + DEVICE + "/telemetry", "not json".getBytes(StandardCharsets.UTF_8), 1, false);
            } catch (MqttException refused) {
                // the hub answers the PUBACK with "payload format invalid"; the dead letter below is what matters
            }
            van.disconnect();
            van.close();
            JsonObject offline = await(demo, "/api/v1/devices/vehicle/" + DEVICE, d -> !d.getJsonObject("status").getBoolean("online"),
                    "offline after a clean DISCONNECT");
            assertNotNull(offline.getJsonObject("status").getString("lastSeen"), offline.encode());

            // 4. the bad message is a dead letter with its reason, found by the device and reason filters
            JsonObject letters = await(demo, "/api/v1/dead-letters?device=" + DEVICE + "&reason=malformed&limit=5",
                    l -> l.getLong("total") >= 1, "a dead letter for the malformed message");
            JsonObject letter = letters.getJsonArray("items").getJsonObject(0);
            assertEquals("malformed", letter.getString("reason"), letter.encode());
            assertTrue(letter.getString("topic").endsWith("/" + DEVICE + "/telemetry"), letter.encode());
            assertFalse(letter.getString("detail", "").isBlank(), "the reason is explained: " + letter.encode());

            // 5. the ingest figures (the tenant's own) add up once what is in flight has landed: received = stored + duplicates + rejected
            JsonObject stats = await(demo, "/api/v1/stats/ingest", s -> inFlight(s) == 0, "received = stored + duplicates + rejected");
            assertEquals("tenant", stats.getString("scope"), "a tenant operator sees its tenant's figures, never the hub's: " + stats.encode());
            long byReason = stats.getJsonObject("rejected").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
            assertEquals(stats.getLong("rejectedTotal"), byReason, "rejectedTotal is the sum of the reasons: " + stats.encode());
            assertTrue(stats.getJsonObject("rejected").getLong("malformed") > statsBefore.getJsonObject("rejected").getLong("malformed"),
                    "the bad message counted as malformed: " + statsBefore.encode() + " then " + stats.encode());
            assertTrue(stats.getLong("stored") > 0, stats.encode());

            // 6. disabled, the device's next connect is refused, and the refusal is counted
            JsonObject disabled = ok(demo.post(Role.OPERATOR, 1, "/api/v1/devices/vehicle/" + DEVICE + "/disable", new JsonObject()));
            assertEquals("disabled", disabled.getString("state"));
            // the hub's own counter of refused CONNECTs is the platform's: the platform operator reads it
            long refusedBefore = ok(demo.get(Role.PLATFORM_OPERATOR, 1, "/api/v1/stats/ingest")).getLong("deviceLoginsRefused");
            assertThrows(MqttException.class, () -> connect(demo, username, token), "a disabled device may not connect");
            assertTrue(ok(demo.get(Role.PLATFORM_OPERATOR, 1, "/api/v1/stats/ingest")).getLong("deviceLoginsRefused") > refusedBefore);
            // ... and recorded against the device: count, reason and where it came from, on the device and in the list
            JsonObject refusedVan = await(demo, "/api/v1/devices/vehicle/" + DEVICE, d -> d.getJsonObject("refusedLogins") != null,
                    "the refused login recorded against the device").getJsonObject("refusedLogins");
            assertEquals(1, refusedVan.getLong("refused"), refusedVan.encode());
            assertEquals("disabled", refusedVan.getString("lastReason"));
            assertEquals("127.0.0.1", refusedVan.getString("lastRemoteAddress"));
            JsonObject refusedList = ok(demo.get(Role.OPERATOR, 1, "/api/v1/refused-logins?limit=100"));
            assertTrue(refusedList.getJsonArray("items").stream().map(JsonObject.class::cast)
                    .anyMatch(r -> DEVICE.equals(r.getString("deviceId")) && r.getLong("refused") == 1), refusedList.encode());
            assertTrue(demo.getAnonymous("/metrics").body().contains("telerisk_device_logins_refused_total{reason=\"disabled\"} 1.0"), "counted in /metrics");
            assertEquals("active", ok(demo.post(Role.OPERATOR, 1, "/api/v1/devices/vehicle/" + DEVICE + "/enable", new JsonObject())).getString("state"));
            connect(demo, username, token).disconnect();

            // 7. a user's lifecycle: created, logs in, disabled: its token stops working at once
            created(demo.post(Role.OPERATOR, 1, "/api/v1/users", new JsonObject().put("username", "demo-insurer-3")
                    .put("password", "a-first-passphrase").put("roles", new JsonArray().add("insurer"))));
            JsonObject users = ok(demo.get(Role.OPERATOR, 1, "/api/v1/users?limit=100"));
            assertTrue(users.getJsonArray("items").stream().map(JsonObject.class::cast).anyMatch(u -> "demo-insurer-3".equals(u.getString("username"))
                    && !u.getBoolean("disabled")), users.encode());
            String userToken = ok(demo.postAnonymous("/api/v1/auth/token", new JsonObject().put("username", "demo-insurer-3")
                    .put("password", "a-first-passphrase"))).getString("token");
            assertEquals(200, getAs(demo, userToken, "/api/v1/pricing/plans").status());
            assertTrue(ok(demo.post(Role.OPERATOR, 1, "/api/v1/users/demo-insurer-3/disable", new JsonObject())).getBoolean("disabled"));
            assertEquals(401, getAs(demo, userToken, "/api/v1/pricing/plans").status(), "a disabled user's token is refused");
            assertEquals(401, demo.postAnonymous("/api/v1/auth/token", new JsonObject().put("username", "demo-insurer-3")
                    .put("password", "a-first-passphrase")).status(), "a disabled user cannot log in");

            // 8. the tenant operator stays in its tenant; the platform operator gives a new tenant its first operator
            assertEquals(403, demo.get(Role.OPERATOR, 1, "/api/v1/devices?tenant=other-co").status(), "never another tenant");
            assertEquals(403, demo.get(Role.OPERATOR, 1, "/api/v1/tenants").status(), "nor the platform's list");
            assertEquals(403, demo.post(Role.OPERATOR, 1, "/api/v1/users", new JsonObject().put("username", "demo-root")
                    .put("password", "a-first-passphrase").put("roles", new JsonArray().add("platform_operator"))).status(),
                    "nor the platform operator role");
            JsonObject first = created(demo.post(Role.PLATFORM_OPERATOR, 1, "/api/v1/users?tenant=other-co", new JsonObject()
                    .put("username", "other-co-admin").put("password", "a-first-passphrase").put("roles", new JsonArray().add("operator"))));
            assertEquals("other-co", first.getString("tenant"), first.encode());
            JsonObject tenants = ok(demo.get(Role.PLATFORM_OPERATOR, 1, "/api/v1/tenants"));
            assertTrue(tenants.getJsonArray("items").stream().map(JsonObject.class::cast).anyMatch(t -> "other-co".equals(t.getString("tenant"))),
                    tenants.encode());
            String otherAdmin = ok(demo.postAnonymous("/api/v1/auth/token", new JsonObject().put("username", "other-co-admin")
                    .put("password", "a-first-passphrase"))).getString("token");
            assertEquals(403, getAs(demo, otherAdmin, "/api/v1/devices?tenant=" + demo.tenant()).status(), "the new operator stays in other-co");
        }
    }

    /** Messages received that are neither stored, duplicates nor rejected yet. */
    private static long inFlight(JsonObject s) {
        return s.getLong("received") - s.getLong("stored") - s.getLong("duplicates") - s.getLong("rejectedTotal");
    }

    private static MqttClient connect(DemoWorldFixture demo, String username, String token) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + demo.mqttPort(), "ops-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(username);
        o.setPassword(token.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        try {
            client.connect(o);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private static DemoWorldFixture.Reply getAs(DemoWorldFixture demo, String token, String path) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(demo.api() + path))
                .header("Authorization", "Bearer " + token).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new DemoWorldFixture.Reply(r.statusCode(), r.body());
    }

    private static JsonObject ok(DemoWorldFixture.Reply r) {
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonObject created(DemoWorldFixture.Reply r) {
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private static JsonObject await(DemoWorldFixture demo, String path, Predicate<JsonObject> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = ok(demo.get(Role.OPERATOR, 1, path));
            if (done.test(last)) return last;
            Thread.sleep(200);
        }
        throw new AssertionError(what + " not reached within 120 s at " + path + "; last " + (last == null ? null : last.encode()));
    }
}
