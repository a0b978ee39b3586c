package io.telerisk.hub.pricing;

import io.telerisk.hub.Hub;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The deployable hub wires pricing (not the 503 of a hub without it), and its plans survive a restart. */
class HubServesPricingTest {
    @TempDir
    Path dataDir;

    private static HttpResponse<String> send(HttpRequest.Builder b, String token) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void embeddedHubServesPricingAndKeepsPlansAcrossRestarts() throws Exception {
        HubConfig config = HubConfig.embedded(dataDir);
        try (Hub hub = Hub.start(config)) {
            DemoProvisioner.DemoSetup demo = hub.provisionDemo("acme");
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/api/v1/pricing/plans"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(PricingFixture.motorPlan("hub-gb").encode())), demo.tokens().get(Role.INSURER));
            assertEquals(201, created.statusCode(), created.body());
        }
        try (Hub again = Hub.start(config)) {
            DemoProvisioner.DemoSetup demo = again.provisionDemo("acme");
            HttpResponse<String> versions = send(HttpRequest.newBuilder(URI.create(again.apiUrl() + "/api/v1/pricing/plans/hub-gb/versions"))
                    .GET(), demo.tokens().get(Role.INSURER));
            assertEquals(200, versions.statusCode(), versions.body());
            assertEquals("DRAFT", new JsonObject(versions.body()).getJsonArray("items").getJsonObject(0).getString("status"));
        }
    }
}
