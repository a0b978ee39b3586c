package io.telerisk.hub.agri;

import io.telerisk.hub.Hub;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code loan_request} and {@code loan_decision} examples of docs/telemetry.md, read out of the markdown and
 * played against the whole embedded hub: the documented request, published as it stands by the documented device,
 * is accepted, and the command the hub answers on the device's cmd topic is the documented decision, argument for
 * argument and structure for structure (its {@code data.factors} and {@code data.schedule} are the decision's
 * {@code factors} and {@code schedule} as {@code GET /api/v1/agri/loans/{id}} answers them). The doc states the field the decision is for (a 7.7 ha maize field, no clear scene yet); this test
 * registers that field.
 */
class DocumentedLoanExamplesTest {
    private static final Path TELEMETRY_DOC = Path.of("..", "docs", "telemetry.md");

    @TempDir
    Path dataDir;

    @Test
    void theDocumentedLoanRequestGetsTheDocumentedDecisionOnTheCmdTopic() throws Exception {
        assertTrue(Files.exists(TELEMETRY_DOC), "docs/telemetry.md exists (run from the module directory)");
        List<String> blocks = jsonBlocks(Files.readString(TELEMETRY_DOC));
        String request = blocks.stream().filter(b -> b.contains("\"loan_request\"")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/telemetry.md has no loan_request example"));
        String decision = blocks.stream().filter(b -> b.contains("\"loan_decision\"")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/telemetry.md has no loan_decision example"));
        JsonObject envelope = new JsonObject(request);
        String tenant = envelope.getString("tenant");
        String device = envelope.getString("device");
        assertEquals("farm-sensor", envelope.getString("type"));

        try (Hub hub = Hub.start(HubConfig.embedded(dataDir))) {
            DemoProvisioner.DemoSetup setup = hub.provisionDemo(tenant, List.of());
            // the example is dated: its device was installed before it (the hub refuses data from before a device existed)
            DeviceKey key = new DeviceKey(tenant, DeviceType.FARM_SENSOR, device);
            hub.registry().register(key, "documented probe", Instant.parse(envelope.getString("sentAt")).minus(Duration.ofDays(30)));
            DeviceCredential credential = hub.registry().issueCredential(key).orElseThrow();
            HttpResponse<String> reg = post(hub, setup.tokens().get(Role.FARMER),
                    AgriTestData.field("field-12", device, AgriTestData.square(36.10, -0.30, 0.0025)));
            assertEquals(201, reg.statusCode(), reg.body());

            MqttClient c = LoanOverMqttTest.connect(hub, credential);
            String base = "v1/" + tenant + "/farm-sensor/" + device;
            BlockingQueue<MqttMessage> cmds = LoanOverMqttTest.subscribe(c, base + "/cmd");
            MqttMessage m = new MqttMessage(request.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            MqttProperties props = new MqttProperties();
            props.setContentType("application/json");
            m.setProperties(props);
            c.publish(base + "/events", m);
            Command answered = LoanOverMqttTest.next(cmds);
            c.disconnect();

            Command documented = Command.fromJson(decision.getBytes(StandardCharsets.UTF_8));
            assertTrue(!"REJECTED".equals(answered.args().get("outcome")), "the documented request is refused: " + answered);
            assertEquals(documented.id(), answered.id(), "command id; the hub sent " + answered.toJson().length + " bytes: "
                    + new String(answered.toJson(), StandardCharsets.UTF_8));
            assertEquals(documented.name(), answered.name());
            String sent = new String(answered.toJson(), StandardCharsets.UTF_8);
            assertEquals(documented.args(), answered.args(), "the hub sent " + sent);
            // the factors' texts name the sowing and harvest dates, which the doc states relative to the day played
            assertEquals(withoutDates(documented.data()), withoutDates(answered.data()), "the hub sent " + sent);
            assertEquals(answered.data().keySet(), documented.data().keySet());
            HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(hub.apiUrl() + "/api/v1/agri/loans/" + answered.args().get("applicationId")))
                    .header("Authorization", "Bearer " + setup.tokens().get(Role.FARMER)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, rest.statusCode(), rest.body());
            JsonObject viaRest = new JsonObject(rest.body());
            JsonObject documentedData = new JsonObject(decision).getJsonObject("data");
            assertEquals(viaRest.getJsonArray("factors"), new JsonArray(answered.data().get("factors")), "the device hears REST's factors");
            assertEquals(viaRest.getJsonArray("schedule"), new JsonArray(answered.data().get("schedule")), "and REST's schedule");
            assertEquals(withoutDates(viaRest.getJsonArray("factors").encode()), withoutDates(documentedData.getJsonArray("factors").encode()),
                    "the documented factors are REST's");
        }
    }

    private static Map<String, String> withoutDates(Map<String, String> data) {
        Map<String, String> out = new TreeMap<>();
        data.forEach((k, v) -> out.put(k, withoutDates(v)));
        return out;
    }

    private static String withoutDates(String json) {
        return json.replaceAll("\\d{4}-\\d{2}-\\d{2}", "YYYY-MM-DD");
    }

    /** The bodies of the ```json fences of a markdown text, in order. */
    static List<String> jsonBlocks(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static HttpResponse<String> post(Hub hub, String token, JsonObject body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/api/v1/agri/fields"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
