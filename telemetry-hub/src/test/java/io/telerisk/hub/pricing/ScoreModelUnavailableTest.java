package io.telerisk.hub.pricing;

import io.telerisk.hub.auth.Role;
import io.telerisk.pricing.score.tf.BundledScoreModel;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A configured score model directory that does not load, over HTTP: quotes of score plans answer 503 saying what is
 * wrong and where to look (not a 500, no stack trace, no server path), the failure is counted, plans without the score
 * keep quoting without ever loading TensorFlow, and a repaired directory is picked up without a restart.
 */
class ScoreModelUnavailableTest {
    @TempDir
    Path dir;

    private static JsonObject request(String productLine) {
        return new JsonObject().put("policyId", "pol-1").put("deviceId", "car-1").put("productLine", productLine)
                .put("jurisdiction", "GB").put("currency", "GBP").put("from", "2026-03-01").put("to", "2026-04-01")
                .put("inputs", new JsonObject());
    }

    @Test
    void missingModelDirectoryAnswers503WithWhatToDoAndOtherPlansStillQuote() throws Exception {
        Path modelDir = dir.resolve("score-model");
        LazyTelematicsScorerTest.TestClock clock = new LazyTelematicsScorerTest.TestClock();
        try (PricingFixture hub = PricingFixture.start(PricingFixture.Db.H2, LazyTelematicsScorer.of(modelDir, clock))) {
            String insurer = hub.token(Role.INSURER);
            hub.activePlan(PricingFixture.motorPlan("plain-gb"));
            hub.activePlan(PricingFixture.scorePlan("score-gb", "motor-score"));
            JsonObject plainRequest = request("motor").put("inputs", new JsonObject().put("driverAge", 40).put("vehicleGroup", 10)
                    .put("territory", "urban").put("noClaimsYears", 3));

            HttpResponse<String> plain = hub.post("/api/v1/pricing/quotes", insurer, plainRequest.encode());
            assertEquals(201, plain.statusCode(), plain.body());
            assertEquals(LazyTelematicsScorer.State.NOT_LOADED, hub.scorer.state(), "a plan without the score never loads the model");

            HttpResponse<String> scored = hub.post("/api/v1/pricing/quotes", insurer, request("motor-score").encode());
            assertEquals(503, scored.statusCode(), scored.body());
            JsonObject problem = new JsonObject(scored.body());
            assertEquals("unavailable", problem.getString("error"));
            String detail = problem.getString("detail");
            assertTrue(detail.contains("telematicsScore") && detail.contains("telerisk.pricing.score-model") && detail.contains("hub log"), detail);
            assertFalse(scored.body().contains(modelDir.toString()), "server paths stay in the log: " + scored.body());
            assertFalse(scored.body().contains("Exception") || scored.body().contains("\tat "), scored.body());
            assertEquals(1, hub.scorer.loadFailures(), "the failed load is counted");

            assertEquals(503, hub.post("/api/v1/pricing/quotes", insurer, request("motor-score").encode()).statusCode());
            assertEquals(1, hub.scorer.loadFailures(), "not retried on every request");
            assertEquals(201, hub.post("/api/v1/pricing/quotes", insurer, plainRequest.encode()).statusCode(),
                    "other plans are unaffected by a broken score model");

            BundledScoreModel.copyTo(modelDir); // the operator puts a model in place
            clock.advance(LazyTelematicsScorer.RETRY_AFTER.plusSeconds(1));
            HttpResponse<String> repaired = hub.post("/api/v1/pricing/quotes", insurer, request("motor-score").encode());
            assertEquals(201, repaired.statusCode(), repaired.body());
            assertTrue(new JsonObject(repaired.body()).getString("explanation").contains("telematicsScore"), repaired.body());
        }
    }
}
