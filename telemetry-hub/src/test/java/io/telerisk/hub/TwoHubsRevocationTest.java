package io.telerisk.hub;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registry change made through hub A reaches hub B at once (PostgreSQL NOTIFY), with real MQTT clients on both
 * built-in endpoints: a rotated credential's session on hub B ends within seconds and the old credential is refused by
 * both hubs, although both had it cached (the cache keeps entries 60 s); a session made with the new credential is
 * left alone; a device disabled on A loses its session on B; and after every database connection of the hubs was
 * cut, hub B's listener reconnects and still applies a change made meanwhile.
 */
class TwoHubsRevocationTest extends OnTwoHubs {
    /** "At once" with room for a loaded build machine; the cache TTL (60 s) is what it replaces. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @Test
    void rotationOnHubAEndsTheOldCredentialsSessionOnHubBAndEveryHubRefusesIt() throws Exception {
        DeviceCredential car = device(DeviceType.VEHICLE);
        MqttClient onB = connect(b, car.username(), car.token());
        // both hubs hold the old credential in their caches
        assertTrue(a.registry().authenticate(car.username(), car.token()).isPresent());

        HttpResponse<String> r = TwoHubs.http(a).post("/api/v1/devices/vehicle/" + car.device().deviceId() + "/credentials",
                op(), "application/json", "{}");
        assertEquals(201, r.statusCode(), r.body());
        String newToken = new JsonObject(r.body()).getString("token");

        long ms = awaitDisconnected(onB, "the old credential's session on hub B");
        System.out.println("old credential's session on hub B ended " + ms + " ms after the rotation on hub A");
        refused(a, car.username(), car.token());
        refused(b, car.username(), car.token());

        // the new credential works on B, and B's session made with it survives the change's notification
        MqttClient again = connect(b, car.username(), newToken);
        Thread.sleep(1500);
        assertTrue(again.isConnected(), "a session with the new credential stays");
        again.disconnect();
        again.close();
        onB.close();
    }

    @Test
    void disablingOnHubAEndsTheSessionOnHubBAndReconnectsAreRefused() throws Exception {
        DeviceCredential watch = device(DeviceType.WEARABLE);
        MqttClient onB = connect(b, watch.username(), watch.token());
        path(a, "/api/v1/devices/wearable/" + watch.device().deviceId() + "/disable");
        awaitDisconnected(onB, "the disabled device's session on hub B");
        refused(b, watch.username(), watch.token());
        refused(a, watch.username(), watch.token());
        path(b, "/api/v1/devices/wearable/" + watch.device().deviceId() + "/enable");
        connect(a, watch.username(), watch.token()).disconnect(); // enabled again, through the other hub: works on A at once
        onB.close();
    }

    @Test
    void hubBsListenerReconnectsAfterItsDatabaseConnectionsAreCutAndStillAppliesChanges() throws Exception {
        DeviceCredential field = device(DeviceType.FARM_SENSOR);
        MqttClient onB = connect(b, field.username(), field.token());
        // every connection of both hubs to the database ends, as in a database restart
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             var rs = c.createStatement().executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            int n = 0;
            while (rs.next()) n++;
            assertTrue(n >= 2, "each hub's listening connection at least");
        }
        // the change happens while B may not be listening yet: its catch-up or the notification applies it (hub A's
        // pool answers 503 for the first requests, whose connections were cut: the operator tries again)
        HttpResponse<String> r = null;
        for (int i = 0; i < 50 && (r == null || r.statusCode() == 503); i++, Thread.sleep(100)) {
            r = TwoHubs.http(a).post("/api/v1/devices/farm-sensor/" + field.device().deviceId() + "/credentials",
                    op(), "application/json", "{}");
        }
        assertEquals(201, r.statusCode(), r.body());
        awaitDisconnected(onB, "the session on hub B after its listener reconnected", Duration.ofSeconds(20));
        refused(b, field.username(), field.token());
        onB.close();
    }

    private static DeviceCredential device(DeviceType type) {
        return acme.devices().stream().filter(d -> d.device().type() == type).findFirst().orElseThrow();
    }

    private static void path(Hub hub, String path) {
        HttpResponse<String> r = TwoHubs.http(hub).post(path, op(), "application/json", "{}");
        assertEquals(200, r.statusCode(), r.body());
    }

    private static MqttClient connect(Hub hub, String username, String token) throws MqttException {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + hub.mqttPort(), "revocation-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(username);
        o.setPassword(token.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        c.connect(o);
        return c;
    }

    private static void refused(Hub hub, String username, String token) {
        assertThrows(MqttException.class, () -> {
            MqttClient c = connect(hub, username, token);
            c.disconnect();
            c.close();
        }, username + " must be refused by the hub on port " + hub.mqttPort());
    }

    private static long awaitDisconnected(MqttClient client, String what) throws InterruptedException {
        return awaitDisconnected(client, what, PROMPTLY);
    }

    private static long awaitDisconnected(MqttClient client, String what, Duration within) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!client.isConnected()) return (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(20);
        }
        throw new AssertionError(what + " still connected after " + within.toSeconds() + " s");
    }

    private static String op() {
        return acme.tokens().get(Role.OPERATOR);
    }
}
