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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployable hub wires pricing (not the 503 of a hub without it), its plans survive a restart, and plans rating on
 * the telematics score quote with the bundled model or answer 503 (counted) when the configured model is corrupt.
 */
class HubServesPricingTest {
    @TempDir
    Path dataDir;

    private static HttpResponse<String> send(HttpRequest.Builder b, String token) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Activates the score plan in the hub (four eyes: two users) and asks for a quote of car-1 over HTTP. */
    private static HttpResponse<String> quoteScorePlan(Hub hub) throws Exception {
        DemoProvisioner.DemoSetup demo = hub.provisionDemo("acme");
        io.telerisk.pricing.catalog.PlanService plans = hub.services().pricing().plans("acme");
        io.telerisk.pricing.plan.PlanKey key = plans.saveDraft(io.telerisk.pricing.plan.PlanDocumentReader.parse(
                PricingFixture.scorePlan("score-gb", "motor-score").encode()), "alice").key();
        plans.approve(key, "bob");
        plans.activate(key);
        hub.summaries().save(new io.telerisk.model.summary.DailyUsage("acme", "car-1", java.time.LocalDate.parse("2026-03-02"),
                42, 3, 1, 12, Duration.ofMinutes(55), 2, 0, 1, 0));
        String body = new JsonObject().put("policyId", "pol-1").put("deviceId", "car-1").put("productLine", "motor-score")
                .put("jurisdiction", "GB").put("currency", "GBP").put("from", "2026-03-01").put("to", "2026-04-01").encode();
        return send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/api/v1/pricing/quotes")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), demo.tokens().get(Role.INSURER));
    }

    private static JsonObject scoreModel(Hub hub, Role role, int status) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/api/v1/pricing/score-model")).GET(),
                hub.services().tokens().issue(new io.telerisk.hub.auth.Principal("reader", "acme", java.util.Set.of(role))).token());
        assertEquals(status, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void defaultHubQuotesAScorePlanWithTheBundledModelLoadedOnFirstUse() throws Exception {
        try (Hub hub = Hub.start(HubConfig.embedded(dataDir))) {
            // the card is readable before any score quote, and without loading the model
            JsonObject before = scoreModel(hub, Role.INSURER, 200);
            io.telerisk.pricing.score.tf.ModelCard bundled = io.telerisk.pricing.score.tf.BundledScoreModel.card();
            assertEquals("NOT_LOADED", before.getString("state"));
            assertTrue(before.getBoolean("bundled"));
            assertEquals(bundled.features(), before.getJsonObject("card").getJsonArray("features").getList());
            assertEquals(bundled.limitations(), before.getJsonObject("card").getJsonArray("limitations").getList());
            assertEquals(bundled.heldOutMetrics().get("gini_model"), before.getJsonObject("card").getJsonObject("heldOutMetrics").getDouble("gini_model"));
            scoreModel(hub, Role.ADJUSTER, 403);

            HttpResponse<String> quote = quoteScorePlan(hub);
            assertEquals(201, quote.statusCode(), quote.body());
            String explanation = new JsonObject(quote.body()).getString("explanation");
            assertTrue(explanation.contains("telematicsScore"), explanation);
            JsonObject after = scoreModel(hub, Role.INSURER, 200);
            assertEquals("LOADED", after.getString("state"));
            assertEquals(new JsonObject(quote.body()).getString("scoreModel"), after.getString("model"), "the name quotes record");
        }
    }

    @Test
    void configuredCorruptScoreModelAnswers503AndIsCountedInMetrics() throws Exception {
        Path model = dataDir.resolve("my-model");
        io.telerisk.pricing.score.tf.BundledScoreModel.copyTo(model);
        java.nio.file.Files.write(model.resolve("variables/variables.index"), new byte[] {1, 2, 3});
        try (Hub hub = Hub.start(HubConfig.embedded(dataDir).withScoreModel(model))) {
            HttpResponse<String> quote = quoteScorePlan(hub);
            assertEquals(503, quote.statusCode(), quote.body());
            assertTrue(quote.body().contains("telerisk.pricing.score-model"), quote.body());
            JsonObject card = scoreModel(hub, Role.INSURER, 200);
            assertEquals("FAILED", card.getString("state"), "the card is readable, the model is not");
            assertFalse(card.getBoolean("bundled"));
            HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/metrics")).GET(), "none");
            assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("telerisk_pricing_score_model_load_failures") && l.endsWith(" 1.0")),
                    metrics.body().lines().filter(l -> l.contains("score_model")).toList().toString());
        }
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
