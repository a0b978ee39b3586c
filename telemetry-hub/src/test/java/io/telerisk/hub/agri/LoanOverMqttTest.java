package io.telerisk.hub.agri;

import io.telerisk.hub.Hub;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole hub, embedded (built-in MQTT endpoint, H2): a field device publishes a {@code loan_request} event with a
 * real Paho v5 client and receives the decision on its cmd topic; a malformed request and a device in no field get
 * answers with their reasons; the REST API gives the same recorded decision for the same request.
 */
class LoanOverMqttTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void loanRequestOverMqttIsDecidedOnTheCmdTopicAndTheRestApiGivesTheSameDecision() throws Exception {
        try (Hub hub = Hub.start(HubConfig.embedded(dataDir))) {
            DemoProvisioner.DemoSetup demo = hub.provisionDemo("acme");
            String farmerToken = demo.tokens().get(Role.FARMER);
            HttpResponse<String> reg = post(hub, "/api/v1/agri/fields", farmerToken,
                    AgriTestData.field("maize-north", "field-1", AgriTestData.square(36.10, -0.30, 0.0025)));
            assertEquals(201, reg.statusCode(), reg.body());

            DeviceCredential sensor = credential(demo, DeviceType.FARM_SENSOR);
            MqttClient c = connect(hub, sensor);
            BlockingQueue<MqttMessage> cmds = subscribe(c, "v1/acme/farm-sensor/field-1/cmd");

            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            publish(c, "v1/acme/farm-sensor/field-1/events", Envelope.events("acme", "field-1", DeviceType.FARM_SENSOR, 1, t,
                    List.of(loanRequest(t, "1500.00", 9.0))));
            Command decision = next(cmds);
            assertEquals("loan_decision", decision.name());
            String applicationId = "field-1-" + t.toEpochMilli();
            assertEquals(applicationId, decision.args().get("applicationId"));
            assertEquals("loan-" + applicationId, decision.id());
            assertTrue(List.of("APPROVE", "REFER", "DECLINE").contains(decision.args().get("outcome")), decision.toString());
            assertEquals("1500.00", decision.args().get("amountRequested"));

            // the REST path with the same request (same device and time) gives the recorded decision
            JsonObject body = new JsonObject().put("deviceId", "field-1").put("amountRequested", "1500.00").put("termMonths", 9)
                    .put("purpose", "seed and fertiliser").put("currency", "USD").put("requestedAt", t.toString());
            HttpResponse<String> viaRest = post(hub, "/api/v1/agri/loans", farmerToken, body);
            assertEquals(200, viaRest.statusCode(), viaRest.body());
            JsonObject rest = new JsonObject(viaRest.body());
            assertEquals(applicationId, rest.getString("applicationId"));
            assertEquals(decision.args().get("outcome"), rest.getString("outcome"));
            assertEquals(decision.args().get("reason"), rest.getString("reason"));
            assertEquals(decision.args().get("approvedAmount"), rest.getString("approvedAmount"));
            assertEquals(decision.args().get("limit"), rest.getString("limit"));
            assertEquals(decision.args(), rest.getJsonObject("command").getJsonObject("args").getMap().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))));
            assertEquals(rest.getJsonArray("factors"), new JsonArray(decision.data().get("factors")), "the device hears the factors REST answers");
            assertEquals(rest.getJsonArray("schedule"), new JsonArray(decision.data().get("schedule")), "and the schedule");
            HttpResponse<String> byId = get(hub, "/api/v1/agri/loans/" + applicationId, demo.tokens().get(Role.INSURER));
            assertEquals(200, byId.statusCode(), byId.body());
            assertEquals(rest.getString("decidedAt"), new JsonObject(byId.body()).getString("decidedAt"));

            // a malformed request: an answer with the reason, counted
            Instant t2 = t.plusSeconds(1);
            publish(c, "v1/acme/farm-sensor/field-1/events", Envelope.events("acme", "field-1", DeviceType.FARM_SENSOR, 2, t2,
                    List.of(loanRequest(t2, "-5", 9.0))));
            Command rejected = next(cmds);
            assertEquals("REJECTED", rejected.args().get("outcome"));
            assertEquals("INVALID_REQUEST", rejected.args().get("reason"));
            assertTrue(rejected.args().get("detail").contains("amountRequested must be positive"), rejected.toString());
            c.disconnect();

            // a device in no registered field: declined with the reason
            DeviceCredential car = credential(demo, DeviceType.VEHICLE);
            MqttClient carClient = connect(hub, car);
            BlockingQueue<MqttMessage> carCmds = subscribe(carClient, "v1/acme/vehicle/car-1/cmd");
            publish(carClient, "v1/acme/vehicle/car-1/events", Envelope.events("acme", "car-1", DeviceType.VEHICLE, 1, t,
                    List.of(loanRequest(t, "800", 6.0))));
            Command declined = next(carCmds);
            assertEquals("DECLINE", declined.args().get("outcome"));
            assertEquals("UNREGISTERED_DEVICE", declined.args().get("reason"));
            JsonObject deviceFactor = new JsonArray(declined.data().get("factors")).stream().map(JsonObject.class::cast)
                    .filter(f -> f.getString("code").equals("device")).findFirst().orElseThrow(() -> new AssertionError(declined.toString()));
            assertEquals("car-1", deviceFactor.getString("value"));
            assertEquals("DECLINE", deviceFactor.getString("effect"));
            carClient.disconnect();
            String metrics = hub.services().metrics().scrape();
            assertTrue(metrics.contains("telerisk_agri_loan_requests_rejected 1.0"), "malformed requests are counted");
            assertTrue(metrics.contains("telerisk_agri_loan_requests_unregistered 1.0"), "unregistered devices are counted");
        }
    }

    static DeviceEvent loanRequest(Instant t, String amount, double termMonths) {
        return new DeviceEvent("loan_request", t, Map.of("termMonths", termMonths),
                Map.of("amountRequested", amount, "purpose", "seed and fertiliser", "currency", "USD"), List.of());
    }

    private static DeviceCredential credential(DemoProvisioner.DemoSetup demo, DeviceType type) {
        return demo.devices().stream().filter(d -> d.device().type() == type).findFirst().orElseThrow();
    }

    static Command next(BlockingQueue<MqttMessage> q) throws InterruptedException {
        MqttMessage m = q.poll(30, TimeUnit.SECONDS);
        assertNotNull(m, "no command on the cmd topic within 30 s");
        return Command.fromJson(m.getPayload());
    }

    static MqttClient connect(Hub hub, DeviceCredential d) throws MqttException {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + hub.mqttPort(), d.device().deviceId() + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(d.username());
        o.setPassword(d.token().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        c.connect(o);
        return c;
    }

    static BlockingQueue<MqttMessage> subscribe(MqttClient c, String topic) throws MqttException {
        BlockingQueue<MqttMessage> q = new LinkedBlockingQueue<>();
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String t, MqttMessage m) {
                q.add(m);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties p) {
            }
        });
        IMqttToken sub = c.subscribe(new MqttSubscription[]{new MqttSubscription(topic, 1)});
        sub.waitForCompletion(10_000);
        assertTrue(sub.getReasonCodes()[0] < 0x80, "subscription to " + topic + " refused");
        return q;
    }

    private static void publish(MqttClient c, String topic, Envelope e) throws MqttException {
        MqttMessage m = new MqttMessage(Codecs.json().encode(e));
        m.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        m.setProperties(props);
        c.publish(topic, m);
    }

    private HttpResponse<String> post(Hub hub, String path, String token, JsonObject body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Hub hub, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
