package io.telerisk.hub.claims;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
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

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A device publishes a crash candidate over MQTT 5 (Paho) to the hub's built-in endpoint; the claim shows up via REST.
 * The hub runs its default classifier: the crash model shipped in claims-automation.
 */
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

    private static MqttClient connect(DeviceCredential car) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + fx.hub.mqttPort(), "mqtt-test-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(car.username());
        o.setPassword(car.token().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        client.connect(o);
        return client;
    }

    private static void publish(MqttClient client, String topic, Envelope env) throws Exception {
        MqttMessage m = new MqttMessage(Codecs.json().encode(env));
        m.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        m.setProperties(props);
        client.publish(topic, m);
    }

    @Test
    void theHubJudgesWithTheShippedCrashModelByDefault() {
        assertTrue(fx.claims().classifier().startsWith("crash-classifier-nn"), fx.claims().classifier());
    }

    /**
     * Issue #13's rule with the model: an impulse while the vehicle is parked (stored GNSS speed 0, the burst itself
     * carries no GNSS, as devices-sim sends it) is judged from the stored speed: parked-vehicle damage or not a crash,
     * never a moving collision; a claim's evidence carries speed before and after and the position.
     */
    @Test
    void aKnockOnAParkedCarPublishedOverMqttIsNeverAMovingCollision() throws Exception {
        DeviceCredential car = fx.acme.devices().stream().filter(d -> d.device().type() == DeviceType.VEHICLE).findFirst().orElseThrow();
        Thread.sleep(4000); // the stored telemetry starts 3 s before t0: after the device's registration
        Instant t0 = Instant.now().minusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        List<Sample> parked = new ArrayList<>();
        for (int i = -3; i < 6; i++) parked.add(new VehicleSample(t0.plusSeconds(i).plusMillis(250), GnssFix.of(48.2, 11.6), 0.0, 0.0, null, null, true));
        Envelope e = ClaimsHubFixture.crashCandidate(20, "mqtt-parked-1", t0, 2.5);
        DeviceEvent ev = e.events().get(0);
        DeviceEvent accelOnly = new DeviceEvent(ev.type(), ev.time(), ev.measures(), ev.labels(),
                ev.window().stream().filter(x -> ((VehicleSample) x).acceleration() != null).toList());
        DeviceKey car1 = new DeviceKey("acme", DeviceType.VEHICLE, "car-1");
        MqttClient client = connect(car);
        try {
            publish(client, "v1/acme/vehicle/car-1/telemetry", Envelope.telemetry("acme", "car-1", DeviceType.VEHICLE, 19, t0, parked));
            // the stored speed must be there before the knock is judged
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (fx.hub.store().raw(car1, t0.minusSeconds(4), t0.plusSeconds(6), 1000).size() < parked.size()) {
                assertTrue(System.nanoTime() < deadline, "parked telemetry not stored within 30 s");
                Thread.sleep(100);
            }
            publish(client, "v1/acme/vehicle/car-1/events", Envelope.events("acme", "car-1", DeviceType.VEHICLE, 21, e.sentAt(), List.of(accelOnly)));
        } finally {
            client.disconnect();
            client.close();
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (fx.claims().crashEventCount(car1, "NOT_CONFIRMED") + fx.claims().crashEventCount(car1, "OPENED") < 1) {
            assertTrue(System.nanoTime() < deadline, "the knock was not judged within 30 s");
            Thread.sleep(100);
        }
        // the shipped model confirms the knock; the stored speed (0 km/h) makes it parked-vehicle damage
        HttpResponse<String> r = fx.get("/api/v1/claims/CRASH-acme-mqtt-parked-1", fx.token(Role.ADJUSTER));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject crash = new JsonObject(r.body()).getJsonObject("crash");
        String seen = crash.copy().put("window", crash.getJsonArray("window").size()).encode();
        assertEquals("PARKED_VEHICLE_DAMAGE", crash.getString("incident"), seen);
        assertEquals(0.0, ((Number) crash.getValue("speedBeforeMps")).doubleValue(), 1e-9, "speed before, from the stored GNSS: " + seen);
        assertNotNull(crash.getValue("speedAfterMps"), "speed after in the evidence: " + seen);
        assertNotNull(crash.getValue("position"), "position in the evidence: " + seen);
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
