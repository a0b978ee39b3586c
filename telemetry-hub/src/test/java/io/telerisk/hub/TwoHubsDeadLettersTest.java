package io.telerisk.hub;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hubs on one PostgreSQL: a message rejected by hub A is listed, with its reason and filters, by hub B, and the
 * rejection counters stay per hub (each hub counts what it received).
 */
class TwoHubsDeadLettersTest extends OnTwoHubs {
    private static JsonObject list(Hub hub, String query) {
        HttpResponse<String> r = new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(30))
                .get("/api/v1/dead-letters?" + query, acme.tokens().get(Role.OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void aMessageRejectedOnOneHubIsListedByTheOther() throws Exception {
        DeviceCredential car = acme.devices().stream().filter(d -> d.device().type() == DeviceType.VEHICLE).findFirst().orElseThrow();
        String id = car.device().deviceId();
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + a.mqttPort(), "dl-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(car.username());
        o.setPassword(car.token().getBytes(StandardCharsets.UTF_8));
        o.setConnectionTimeout(10);
        client.connect(o);
        client.publish("v1/acme/vehicle/" + id + "/telemetry", new MqttMessage("not json at all".getBytes(StandardCharsets.UTF_8), 1, false, null));
        client.disconnect();
        client.close();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonObject onB = list(b, "device=" + id + "&reason=malformed");
        while (onB.getLong("total") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            onB = list(b, "device=" + id + "&reason=malformed");
        }
        assertEquals(1, onB.getLong("total"), onB.encode());
        JsonObject letter = onB.getJsonArray("items").getJsonObject(0);
        assertEquals("v1/acme/vehicle/" + id + "/telemetry", letter.getString("topic"));
        assertTrue(letter.getString("source").startsWith("builtin:"), letter.encode());
        assertEquals(list(a, "device=" + id).getLong("total"), list(b, "device=" + id).getLong("total"), "both hubs list the same");
        assertEquals(0, list(b, "device=" + id + "&reason=too_large").getLong("total"));
        assertEquals(1, a.ingestStats().snapshot().rejectedTotal(), "hub A counted the rejection it received");
        assertEquals(0, b.ingestStats().snapshot().rejectedTotal(), "hub B received nothing");
    }
}
