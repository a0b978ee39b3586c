package io.telerisk.hub;

import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.testkit.InfluxServer;
import io.telerisk.testkit.PostgresDatabase;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.codec.Codecs;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole hub, embedded: a device publishes over the built-in MQTT endpoint with its provisioned credential, the
 * data goes through ingest into the store and the summaries, and the REST API serves it with the privacy rules.
 * A restart on the same data directory keeps data and the signing secret.
 */
class HubEndToEndTest {
    @TempDir
    Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(Hub hub, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonObject await(Hub hub, String path, String token, Predicate<JsonObject> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(hub, path, token);
            if (r.statusCode() == 200) {
                last = new JsonObject(r.body());
                if (done.test(last)) return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("condition not met within 30 s; last answer " + last);
    }

    private static MqttClient connect(Hub hub, String username, String password) throws MqttException {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + hub.mqttPort(), username.replace('/', '-') + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(username);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        c.connect(o);
        return c;
    }

    @Test
    void deviceDataFlowsFromMqttThroughIngestToTheApiAndSurvivesARestart() throws Exception {
        run(HubConfig.embedded(dataDir));
    }

    @Test
    void theSameFlowWorksWithPostgresqlAsSystemOfRecordAndTelemetryStore() throws Exception {
        try (PostgresDatabase pg = PostgresDatabase.create()) {
            HubConfig c = HubConfig.embedded(dataDir).withSor(new HubConfig.Sor(pg.jdbcUrl(), pg.user(), pg.password()))
                    .withStorage(StorageConfig.jdbc(pg.jdbcUrl(), pg.user(), pg.password()));
            assertTrue(c.telemetryInSor());
            run(c);
        }
    }

    @Test
    void theSameFlowWorksWithInfluxDbAsTelemetryStore() throws Exception {
        InfluxServer influx = InfluxServer.shared();
        String db = "hub_e2e_" + System.nanoTime();
        HubConfig c = HubConfig.embedded(dataDir).withStorage(StorageConfig.influxV1(influx.url(), db, "", ""));
        assertFalse(c.telemetryInSor());
        run(c);
    }

    private void run(HubConfig config) throws Exception {
        Instant t0;
        String operatorToken;
        String insurerToken;
        try (Hub hub = Hub.start(config.withSummaryInterval(Duration.ofMillis(200)))) {
            DemoProvisioner.DemoSetup demo = hub.provisionDemo("acme");
            // data from before a device was registered is rejected (before_device_existed): start just after
            t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(119);
            operatorToken = demo.tokens().get(Role.OPERATOR);
            insurerToken = demo.tokens().get(Role.INSURER);
            DeviceCredential car = demo.devices().stream().filter(d -> d.device().type() == DeviceType.VEHICLE).findFirst().orElseThrow();

            assertThrows(MqttException.class, () -> connect(hub, car.username(), car.token() + "x"), "wrong device password");

            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                samples.add(new VehicleSample(t0.plusSeconds(i), GnssFix.of(52.52 + i * 1e-4, 13.40), 15.0, 90.0, null, null, true));
            }
            Envelope env = Envelope.telemetry("acme", "car-1", DeviceType.VEHICLE, 1, t0.plusSeconds(120), samples);
            MqttClient client = connect(hub, car.username(), car.token());
            MqttMessage m = new MqttMessage(Codecs.json().encode(env));
            m.setQos(1);
            MqttProperties props = new MqttProperties();
            props.setContentType("application/json");
            m.setProperties(props);
            client.publish("v1/acme/vehicle/car-1/telemetry", m);
            client.publish("v1/acme/vehicle/car-1/telemetry", m); // a duplicate: stored once
            client.disconnect();
            client.close();

            String path = "/api/v1/devices/vehicle/car-1/telemetry?from=" + t0 + "&to=" + t0.plusSeconds(3600);
            JsonObject op;
            try {
                op = await(hub, path, operatorToken, o -> o.getInteger("total") == 120);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nstats " + get(hub, "/api/v1/stats/ingest", operatorToken).body()
                        + "\ndead letters " + get(hub, "/api/v1/dead-letters?limit=1", operatorToken).body().substring(0, 600), e);
            }
            assertEquals(52.52, op.getJsonArray("items").getJsonObject(0).getDouble("latitudeDeg"), 1e-9);
            JsonObject ins = new JsonObject(get(hub, path, insurerToken).body());
            assertEquals(120, ins.getInteger("total"));
            assertEquals(120, ins.getJsonArray("items").size());
            JsonObject page = new JsonObject(get(hub, path + "&offset=100&limit=50", insurerToken).body());
            assertEquals(120, page.getInteger("total"), "total counts the whole window, not the page");
            assertEquals(20, page.getJsonArray("items").size());
            assertEquals(ins.getJsonArray("items").getJsonObject(100), page.getJsonArray("items").getJsonObject(0));
            assertFalse(ins.encode().contains("latitudeDeg"));

            // the device disconnected cleanly (no last will): it is offline, last seen when its data arrived
            JsonObject device = await(hub, "/api/v1/devices/vehicle/car-1", insurerToken, d -> !d.getJsonObject("status").getBoolean("online"));
            assertTrue(device.getJsonObject("status").getString("lastSeen") != null, device.encode());

            // online while connected; the status channel (what a last will publishes) turns the device offline
            MqttClient again = connect(hub, car.username(), car.token());
            await(hub, "/api/v1/devices/vehicle/car-1", insurerToken, d -> d.getJsonObject("status").getBoolean("online"));
            MqttMessage offline = new MqttMessage(io.telerisk.model.DeviceStatus.offline(Instant.now()).toJson());
            offline.setQos(1);
            again.publish("v1/acme/vehicle/car-1/status", offline);
            again.disconnect();
            again.close();
            await(hub, "/api/v1/devices/vehicle/car-1", insurerToken, d -> !d.getJsonObject("status").getBoolean("online"));

            JsonObject stats = await(hub, "/api/v1/stats/ingest", operatorToken, s -> s.getLong("duplicates") >= 1);
            assertTrue(stats.getLong("received") >= 2);
            assertEquals(120, stats.getLong("pointsStored"));

            String day = t0.toString().substring(0, 10);
            String dayAfter = java.time.LocalDate.parse(day).plusDays(2).toString();
            JsonObject usage = await(hub, "/api/v1/devices/vehicle/car-1/daily-usage?from=" + day + "&to=" + dayAfter, insurerToken,
                    u -> u.getInteger("total") >= 1);
            // (two days when the two minutes straddle midnight UTC)
            double km = usage.getJsonArray("items").stream().mapToDouble(o -> ((JsonObject) o).getDouble("distanceKm")).sum();
            assertTrue(km > 1.0 && km < 2.0, "≈ 119 s at 15 m/s north: " + km);

            JsonObject health = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("up", health.getString("status"), health.encode());
        }
        try (Hub again = Hub.start(config)) {
            String path = "/api/v1/devices/vehicle/car-1/telemetry?from=" + t0 + "&to=" + t0.plusSeconds(3600);
            HttpResponse<String> r = get(again, path, operatorToken);
            assertEquals(200, r.statusCode(), "token from before the restart still valid (same data dir, same secret): " + r.body());
            assertEquals(120, new JsonObject(r.body()).getInteger("total"));
            JsonObject device = new JsonObject(get(again, "/api/v1/devices/vehicle/car-1", insurerToken).body());
            assertTrue(device.getJsonObject("status").getString("lastSeen") != null, "status persisted: " + device.encode());
        }
    }
}
