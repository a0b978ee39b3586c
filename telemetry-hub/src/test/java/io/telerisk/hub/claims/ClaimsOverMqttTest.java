package io.telerisk.hub.claims;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.*;

/** A device publishes a crash candidate over MQTT 5 (Paho) to the hub's built-in endpoint; the claim shows up via REST. */
class ClaimsOverMqttTest {
    private static ClaimsHubFixture fx;

    @BeforeAll
    static void start() {
        fx = ClaimsHubFixture.start(ClaimsHubFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) fx.close();
    }

    @Test
    void crashCandidatePublishedOverMqttOpensAClaimSeenByTheAdjuster() throws Exception {
        DeviceCredential car = fx.acme.devices().stream().filter(d -> d.device().type() == DeviceType.VEHICLE).findFirst().orElseThrow();
        // after the device's registration (earlier data is refused), and not in the future
        Instant t0 = Instant.now().minusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        Envelope env = ClaimsHubFixture.crashCandidate(1, "mqtt-crash-1", t0, 12.5);

        MqttClient client = new MqttClient("tcp://127.0.0.1:" + fx.hub.mqttPort(), "car-1-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(car.username());
        o.setPassword(car.token().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        client.connect(o);
        MqttMessage m = new MqttMessage(Codecs.json().encode(env));
        m.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        m.setProperties(props);
        client.publish("v1/acme/vehicle/car-1/events", m);
        client.publish("v1/acme/vehicle/car-1/events", m); // redelivered: still one claim
        client.disconnect();
        client.close();

        String id = "CRASH-acme-mqtt-crash-1";
        JsonObject q = fx.await("/api/v1/claims/queue", fx.token(Role.ADJUSTER), j -> ClaimsHubFixture.queueHas(j, id));
        assertEquals(1, q.getJsonArray("items").stream().filter(i -> id.equals(((JsonObject) i).getString("claimId"))).count());
        JsonObject c = new JsonObject(fx.get("/api/v1/claims/" + id, fx.token(Role.ADJUSTER)).body());
        assertEquals("AWAITING_ADJUSTER", c.getString("status"), c.encode().substring(0, 300));
        assertEquals(505, c.getJsonObject("crash").getJsonArray("window").size(), "the raw window survived MQTT, ingest and storage");
    }
}
