package io.telerisk.launcher.docs;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.registry.DeviceConflictException;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.launcher.demo.DemoWorldFixture;
import io.telerisk.launcher.docs.DocExamples.Block;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes the JSON messages of docs/telemetry.md to the demo hub over MQTT, each as the device it names (registered
 * in its tenant, installed before the example's time, since the hub refuses data from before a device existed):
 * envelopes on their {@code telemetry} or {@code events} topic, status messages on a hands-on device's
 * {@code status} topic. An example passes when the hub acknowledges it and keeps no dead letter for it.
 */
final class EnvelopeExamples {
    private final DemoWorldFixture demo;
    private final DeviceCredential statusDevice;
    private final Tally tally = new Tally();
    private final List<String> failures = tally.failures;
    private final Map<DeviceKey, DeviceCredential> devices = new LinkedHashMap<>();

    EnvelopeExamples(DemoWorldFixture demo, DeviceCredential statusDevice) {
        this.demo = demo;
        this.statusDevice = statusDevice;
    }

    Tally tally() {
        return tally;
    }

    void play(Block block) {
        if (!tally.play(block)) return;
        JsonObject json;
        try {
            json = new JsonObject(block.text());
        } catch (RuntimeException e) {
            failures.add(block.where() + ": not JSON: " + e.getMessage());
            return;
        }
        try {
            if (json.containsKey("seq")) publishEnvelope(block, json);
            else if (json.containsKey("status")) publish(block, statusDevice, "status", block.text());
            else failures.add(block.where() + ": neither an envelope nor a status message; mark it <!-- example: skip REASON -->");
        } catch (MqttException e) {
            failures.add(block.where() + ": the hub refused it: " + e.getMessage());
        }
    }

    private void publishEnvelope(Block block, JsonObject envelope) throws MqttException {
        DeviceKey key = new DeviceKey(envelope.getString("tenant"), DeviceType.fromWire(envelope.getString("type")), envelope.getString("device"));
        DeviceCredential credential = devices.computeIfAbsent(key, k -> {
            try {
                demo.world().hub().registry().register(k, "documented device",
                        Instant.parse(envelope.getString("sentAt")).minus(Duration.ofDays(30)));
            } catch (DeviceConflictException exists) {
                // an earlier example of the same device
            }
            return demo.world().hub().registry().issueCredential(k).orElseThrow();
        });
        String channel = envelope.containsKey("events") ? "events" : "telemetry";
        publish(block, credential, channel, block.text());
        String path = "/api/v1/dead-letters?tenant=" + key.tenant() + "&device=" + key.deviceId() + "&limit=5";
        // the documented devices belong to other tenants than the demo's: only a platform operator reads theirs
        DemoWorldFixture.Reply letters = demo.get(Role.PLATFORM_OPERATOR, 1, path);
        if (letters.status() != 200) {
            failures.add(block.where() + ": GET " + path + " answered " + letters.status() + " " + letters.body());
        } else if (letters.json().getLong("total") > 0) {
            failures.add(block.where() + ": the hub dead-lettered it: " + letters.json().getJsonArray("items").encode());
        }
    }

    private void publish(Block block, DeviceCredential device, String channel, String payload) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + demo.mqttPort(), "docex-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(device.username());
        o.setPassword(device.token().getBytes(StandardCharsets.UTF_8));
        o.setConnectionTimeout(10);
        client.connect(o);
        try {
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            m.setRetained("status".equals(channel));
            MqttProperties props = new MqttProperties();
            props.setContentType("application/json");
            m.setProperties(props);
            DeviceKey k = device.device();
            client.publish("v1/" + k.tenant() + "/" + k.type().wireName() + "/" + k.deviceId() + "/" + channel, m);
        } finally {
            client.disconnect();
            client.close();
        }
    }
}
