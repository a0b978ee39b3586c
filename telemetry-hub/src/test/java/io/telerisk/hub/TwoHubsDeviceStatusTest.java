package io.telerisk.hub;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hubs with built-in MQTT endpoints on one PostgreSQL (as behind a TCP load balancer): device status is shared,
 * so both answer {@code GET /devices} alike, and a device that moved to hub B stays online although hub A, ending its
 * old connection (session taken over), then publishes its last will and records the disconnect.
 */
class TwoHubsDeviceStatusTest extends OnTwoHubs {
    private static MqttClient connect(Hub hub, DeviceCredential c, String topic) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + hub.mqttPort(), "status-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(c.username());
        o.setPassword(c.token().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        byte[] will = ("{\"v\":1,\"status\":\"offline\",\"t\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
        o.setWill(topic, new MqttMessage(will, 1, false, new MqttProperties()));
        client.connect(o);
        return client;
    }

    private static JsonObject device(Hub hub, DeviceCredential c) {
        String path = "/api/v1/devices/" + c.device().type().wireName() + "/" + c.device().deviceId();
        HttpResponse<String> r = new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(30)).get(path, acme.tokens().get(Role.OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static boolean online(Hub hub, DeviceCredential c) {
        return device(hub, c).getJsonObject("status").getBoolean("online", false);
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError(what + " not reached within 30 s");
    }

    /** The session the shared status row describes (the table both hubs read). */
    private static String session(DeviceCredential c) {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             java.sql.PreparedStatement ps = db.prepareStatement("SELECT session_id FROM device_status WHERE tenant = ? AND device_id = ?")) {
            ps.setString(1, c.device().tenant());
            ps.setString(2, c.device().deviceId());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getString(1)) : "none";
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long onlineTotal(Hub hub) {
        HttpResponse<String> r = new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(30))
                .get("/api/v1/devices?status=online", acme.tokens().get(Role.OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getLong("total");
    }

    @Test
    void aLateLastWillFromTheOldHubDoesNotMarkADeviceOfflineThatReconnectedToAnotherHub() throws Exception {
        DeviceCredential car = acme.devices().stream().filter(d -> d.device().type() == DeviceType.VEHICLE).findFirst().orElseThrow();
        String statusTopic = "v1/acme/vehicle/" + car.device().deviceId() + "/status";
        MqttClient onA = connect(a, car, statusTopic);
        await(() -> online(b, car), "hub B answering online for a device connected to hub A");
        assertEquals(onlineTotal(a), onlineTotal(b), "both hubs list the same online devices");

        String sessionOnA = session(car);
        MqttClient onB = connect(b, car, statusTopic); // the device moved (e.g. haproxy picked hub B after a network cut)
        // hub B records the new session on its own thread; only then is hub A's offline about a session already left
        await(() -> !sessionOnA.equals(session(car)), "hub B recording the device's new session");
        // hub A ends the old connection itself (session taken over by hub B): its last will and disconnect follow, about
        // a session the device already left
        await(() -> a.ingest().status().connectedDevices() == 0, "hub A ending the old connection");
        await(() -> !onA.isConnected(), "the old connection's client seeing it end");
        await(() -> online(a, car), "hub A answering online: the device is connected to hub B");
        assertTrue(online(b, car), "hub B answers online");
        assertEquals(1, b.ingest().status().connectedDevices());

        onB.disconnect();
        onB.close();
        onA.close();
        await(() -> !online(a, car), "hub A answering offline after the device left hub B");
        assertFalse(online(b, car));
        assertEquals(onlineTotal(a), onlineTotal(b));
        JsonObject sa = device(a, car).getJsonObject("status");
        JsonObject sb = device(b, car).getJsonObject("status");
        assertEquals(sa, sb, "every hub answers the same status");
    }
}
