package io.telerisk.hub.registry;

import io.telerisk.hub.Hub;
import io.telerisk.hub.HubHttpClient;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;
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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edge agents' health reports (docs/telemetry.md, {@code agent_health}): published by the device on its events topic,
 * kept by the hub in the database (latest per device, an older report never replacing a newer) and shown to
 * operators on {@code GET /api/v1/devices/{type}/{id}}, to no one else. Played on one embedded hub
 * ({@link AgentHealthTest}) and on two hubs sharing PostgreSQL ({@link AgentHealthTwoHubsTest}).
 */
abstract class AgentHealthContract {
    /** The hub the device first publishes through. */
    static Hub hub;
    /** The hub a late, older report arrives through (the same hub on one hub). */
    static Hub lateHub;
    static DemoProvisioner.DemoSetup acme;
    /** Every read goes through this client. */
    static HubHttpClient http;

    private static DeviceEvent health(Instant t, double queueDepth, double droppedRaw, double reconnects) {
        return new DeviceEvent(EventTypes.AGENT_HEALTH, t, Map.of("queueDepth", queueDepth, "queueEvents", 2.0, "queueDiskBytes", 40_960.0,
                "droppedRaw", droppedRaw, "droppedSummaries", 0.0, "droppedEvents", 0.0, "reconnects", reconnects, "connectFailures", 3.0,
                "publishFailures", 1.0), Map.of("connected", "true", "lastError", "connection lost"), List.of());
    }

    private static JsonObject device(String token) {
        HttpResponse<String> r = http.get("/api/v1/devices/vehicle/car-1", token);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void aReportPublishedByTheDeviceIsShownToOperatorsAndAnOlderOneChangesNothing() throws Exception {
        var car = acme.devices().stream().filter(d -> d.device().deviceId().equals("car-1")).findFirst().orElseThrow();
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + hub.mqttPort(), "health-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(car.username());
        o.setPassword(car.token().getBytes(StandardCharsets.UTF_8));
        o.setConnectionTimeout(10);
        c.connect(o);
        String topic = Topic.of(car.device(), Channel.EVENTS).render();
        Instant now = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        publish(c, topic, 1_000_001, now, health(now, 17, 4, 2));
        JsonObject h = awaitHealth(acme.tokens().get(Role.OPERATOR), now);
        assertEquals(17, h.getLong("queueDepth"));
        assertEquals(4, h.getLong("droppedRaw"));
        assertEquals(2, h.getLong("reconnects"));
        assertEquals(3, h.getLong("connectFailures"));
        assertEquals(40_960, h.getLong("queueDiskBytes"));
        assertEquals(Boolean.TRUE, h.getBoolean("connected"));
        assertEquals("connection lost", h.getString("lastError"));
        assertEquals(now.toString(), Instant.parse(h.getString("reportedAt")).toString());
        assertNotNull(h.getString("receivedAt"));

        c.disconnect();
        c.close();
        // an older report arriving late (another hub's slow batch, a redelivery) does not replace it
        MqttClient late = new MqttClient("tcp://127.0.0.1:" + lateHub.mqttPort(), "health-late-" + System.nanoTime(), new MemoryPersistence());
        late.connect(o);
        publish(late, topic, 1_000_002, now.minusSeconds(60), health(now.minusSeconds(60), 99, 99, 99));
        publish(late, topic, 1_000_003, now.plusSeconds(1), health(now.plusSeconds(1), 18, 4, 2));
        JsonObject newer = awaitHealth(acme.tokens().get(Role.OPERATOR), now.plusSeconds(1));
        assertEquals(18, newer.getLong("queueDepth"), newer.encode());
        late.disconnect();
        late.close();

        for (Role other : List.of(Role.INSURER, Role.ADJUSTER)) {
            String token = acme.tokens().get(other);
            if (token == null) continue;
            assertFalse(device(token).containsKey("agentHealth"), other + " sees no agent health");
        }
        // kept in the database, not in a hub's memory
        assertEquals(18L, hub.registry().agentHealth().latest(new DeviceKey("acme", DeviceType.VEHICLE, "car-1")).orElseThrow().counters().get("queueDepth"));
    }

    @Test
    void aDeviceThatNeverReportedShowsNoHealth() {
        JsonObject d = new JsonObject(http.get("/api/v1/devices/wearable/watch-1", acme.tokens().get(Role.OPERATOR)).body());
        assertTrue(d.containsKey("agentHealth") && d.getValue("agentHealth") == null, d.encode());
    }

    private static void publish(MqttClient c, String topic, long seq, Instant sentAt, DeviceEvent e) throws Exception {
        Envelope env = Envelope.events("acme", "car-1", DeviceType.VEHICLE, seq, sentAt, List.of(e));
        MqttMessage m = new MqttMessage(Codecs.json().encode(env));
        m.setQos(1);
        MqttProperties p = new MqttProperties();
        p.setContentType(Codecs.json().contentType());
        m.setProperties(p);
        c.publish(topic, m);
    }

    private static JsonObject awaitHealth(String operator, Instant reportedAt) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonObject d = null;
        while (System.nanoTime() < deadline) {
            d = device(operator);
            JsonObject h = d.getJsonObject("agentHealth");
            if (h != null && Instant.parse(h.getString("reportedAt")).equals(reportedAt)) return h;
            Thread.sleep(100);
        }
        throw new AssertionError("no agent health reported at " + reportedAt + " on the device: " + d);
    }
}
