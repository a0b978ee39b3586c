package io.telerisk.hub.registry;

import io.telerisk.hub.Hub;
import io.telerisk.hub.HubHttpClient;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonArray;
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
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's device work over HTTP and MQTT: find devices, disable, enable, decommission, rotate. */
class DeviceOperationsTest {
    private static Hub hub;
    private static DemoProvisioner.DemoSetup acme;
    private static HubHttpClient http;
    private static String op;

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(Files.createTempDirectory("device-ops")));
        acme = hub.provisionDemo("acme");
        http = new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(30));
        op = acme.tokens().get(Role.OPERATOR);
        for (int i = 1; i <= 5; i++) {
            hub.registry().register(new DeviceKey("acme", DeviceType.VEHICLE, "van-" + i), i % 2 == 0 ? "Delivery van " + i : null);
        }
        hub.registry().register(new DeviceKey("rival", DeviceType.VEHICLE, "van-99"), "Delivery van of another tenant");
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }

    private static JsonObject list(String query) {
        HttpResponse<String> r = http.get("/api/v1/devices?" + query, op);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static Set<String> ids(JsonObject page) {
        Set<String> out = new HashSet<>();
        page.getJsonArray("items").forEach(o -> out.add(((JsonObject) o).getString("id")));
        return out;
    }

    private static MqttClient connect(String username, String token) throws MqttException {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + hub.mqttPort(), "ops-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(username);
        o.setPassword(token.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        c.connect(o);
        return c;
    }

    private static long refusedLogins() {
        // the hub's counter of refused CONNECTs is the platform's: a platform operator reads it
        HttpResponse<String> r = http.get("/api/v1/stats/ingest", acme.tokens().get(Role.PLATFORM_OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getLong("deviceLoginsRefused");
    }

    private static void awaitDisconnected(MqttClient c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (c.isConnected() && System.nanoTime() < deadline) Thread.sleep(50);
        assertFalse(c.isConnected(), "the hub ended the session");
    }

    @Test
    void devicesAreFilteredByTypeStateAndTextWithATotalOfAllMatches() {
        JsonObject vans = list("type=vehicle&q=VAN&limit=2");
        assertEquals(5, vans.getInteger("total"), "id or display name, case-insensitive, this tenant only: " + vans.encode());
        assertEquals(2, vans.getJsonArray("items").size());
        assertEquals(Set.of("van-1", "van-2"), ids(vans), "ordered by id");
        assertEquals(Set.of("van-3", "van-4"), ids(list("type=vehicle&q=van&limit=2&offset=2")));
        assertEquals(Set.of("van-2", "van-4"), ids(list("q=delivery")), "display names match too");
        assertEquals(Set.of(), ids(list("q=%25")), "LIKE wildcards are literal");
        assertEquals(1, list("type=wearable").getInteger("total"));
        JsonObject never = list("seenBefore=2030-01-01T00:00:00Z&type=vehicle");
        assertEquals(6, never.getInteger("total"), "never-seen devices count as seen before any instant: " + never.encode());
        assertEquals(0, list("seenSince=2020-01-01T00:00:00Z&q=van").getInteger("total"));
        assertEquals(400, http.get("/api/v1/devices?status=sleeping", op).statusCode());
        assertEquals(400, http.get("/api/v1/devices?colour=red", op).statusCode(), "unknown filters are refused");
    }

    @Test
    void aDisabledDeviceIsDisconnectedAndRefusedUntilEnabledAndOnlineFiltersFollow() throws Exception {
        var car = acme.devices().stream().filter(d -> d.device().type() == DeviceType.VEHICLE).findFirst().orElseThrow();
        MqttClient c = connect(car.username(), car.token());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !hub.statuses().status(car.device()).map(DeviceStatus::online).orElse(false)) Thread.sleep(50);
        hub.statuses().flush();
        assertTrue(ids(list("status=online")).contains("car-1"), list("status=online").encode());

        HttpResponse<String> disabled = http.post("/api/v1/devices/vehicle/car-1/disable", op, "application/json", "{}");
        assertEquals(200, disabled.statusCode(), disabled.body());
        assertEquals("disabled", new JsonObject(disabled.body()).getString("state"));
        awaitDisconnected(c);
        c.close(true);
        long refused = refusedLogins();
        assertThrows(MqttException.class, () -> connect(car.username(), car.token()), "its credential stopped working");
        assertEquals(refused + 1, refusedLogins(), "refused device logins are counted and visible to operators");
        assertEquals(Set.of("car-1"), ids(list("state=disabled")));

        assertEquals(200, http.post("/api/v1/devices/vehicle/car-1/enable", op, "application/json", "{}").statusCode());
        MqttClient again = connect(car.username(), car.token());
        assertTrue(again.isConnected(), "enabled again: the same credential works");
        again.disconnect();
        again.close();
    }

    @Test
    void rotatingACredentialEndsTheSessionOfTheOldOne() throws Exception {
        var watch = acme.devices().stream().filter(d -> d.device().type() == DeviceType.WEARABLE).findFirst().orElseThrow();
        MqttClient c = connect(watch.username(), watch.token());
        HttpResponse<String> rotated = http.post("/api/v1/devices/wearable/watch-1/credentials", op, "application/json", "{}");
        assertEquals(201, rotated.statusCode(), rotated.body());
        awaitDisconnected(c);
        c.close(true);
        assertThrows(MqttException.class, () -> connect(watch.username(), watch.token()));
        MqttClient fresh = connect(watch.username(), new JsonObject(rotated.body()).getString("token"));
        fresh.disconnect();
        fresh.close();
    }

    @Test
    void decommissioningIsFinal() throws Exception {
        var field = acme.devices().stream().filter(d -> d.device().type() == DeviceType.FARM_SENSOR).findFirst().orElseThrow();
        HttpResponse<String> r = http.post("/api/v1/devices/farm-sensor/field-1/decommission", op, "application/json", "{}");
        assertEquals(200, r.statusCode(), r.body());
        assertThrows(MqttException.class, () -> connect(field.username(), field.token()));
        assertEquals(409, http.post("/api/v1/devices/farm-sensor/field-1/enable", op, "application/json", "{}").statusCode());
        assertEquals(409, http.post("/api/v1/devices/farm-sensor/field-1/credentials", op, "application/json", "{}").statusCode());
        assertEquals(403, http.post("/api/v1/devices/vehicle/van-1/disable", acme.tokens().get(Role.INSURER), "application/json", "{}").statusCode());
        assertEquals(404, http.post("/api/v1/devices/vehicle/van-99/disable", op, "application/json", "{}").statusCode(), "another tenant's device");
        assertEquals(new JsonArray().add("field-1"), new JsonArray(ids(list("state=decommissioned")).stream().toList()));
    }
}
