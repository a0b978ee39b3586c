package io.telerisk.hub.claims;

import io.telerisk.claims.classifier.BundledCrashModel;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.work.WorkQueue;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole hub whose crash model in {@code DATA_DIR/models/crash} cannot be loaded (a readable card, a corrupt
 * SavedModel): it starts, says so in {@code /health}, lists a stored crash candidate as PENDING instead of nothing,
 * and judges it once the directory holds a loadable model, after the pause between attempts, without a restart.
 */
class CrashModelLoadFailureTest {
    @TempDir
    Path dataDir;

    @Test
    void crashCandidatesWaitAsPendingWhileTheModelCannotLoadAndAreJudgedOnceItCan() throws Exception {
        Path model = dataDir.resolve("models").resolve("crash");
        BundledCrashModel.copyTo(model);
        Files.writeString(model.resolve("saved_model.pb"), "this is not a protocol buffer");
        try (ClaimsHubFixture fx = ClaimsHubFixture.startOn(HubConfig.embedded(dataDir))) {
            String adj = fx.token(Role.ADJUSTER);
            JsonObject down = awaitClassifierCheck(fx, "down");
            assertTrue(down.getString("detail").contains("cannot load the crash model") && down.getString("detail").contains("next attempt at"),
                    down.encode());
            assertEquals(503, fx.get("/health", null).statusCode(), "a failed check makes /health 503");
            assertEquals(200, fx.get("/health/ready", null).statusCode(), "ingest works: the hub stays in rotation");
            assertTrue(fx.get("/metrics", null).body().contains("telerisk_claims_crash_model_load_failures 1.0")
                    || fx.get("/metrics", null).body().matches("(?s).*telerisk_claims_crash_model_load_failures [1-9].*"));

            // stored, as the ingest does: into the shared queue
            Instant t0 = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.MILLIS);
            ClaimsListener ingestSide = new ClaimsListener(fx.claims(), new WorkQueue(fx.hub.systemOfRecord().dataSource(), Clock.systemUTC()), Clock.systemUTC());
            ingestSide.accepted(ClaimsHubFixture.crashCandidate(777, "waits-for-model", t0, 12.5));
            JsonObject pending = list(fx, adj, "?outcome=PENDING&deviceId=car-1");
            assertEquals(1, pending.getLong("total"), pending.encode());
            JsonObject item = pending.getJsonArray("items").getJsonObject(0);
            assertEquals(777, item.getLong("sequence"));
            assertEquals("crash_candidate", item.getString("eventType"));
            assertEquals("PENDING", item.getString("outcome"));
            assertTrue(item.getString("detail").startsWith("waiting to be judged"), item.encode());
            JsonObject all = list(fx, adj, "?limit=1");
            assertEquals("PENDING", all.getJsonArray("items").getJsonObject(0).getString("outcome"), "pending events come first");
            assertEquals(0, list(fx, fx.rivalToken(Role.ADJUSTER), "?outcome=PENDING").getLong("total"), "another tenant sees none");

            BundledCrashModel.copyTo(model); // the operator puts a loadable model in place
            long deadline = System.currentTimeMillis() + 90_000;
            JsonObject opened = null;
            while (System.currentTimeMillis() < deadline) {
                JsonObject o = list(fx, adj, "?outcome=OPENED&deviceId=car-1");
                if (o.getLong("total") > 0) {
                    opened = o.getJsonArray("items").getJsonObject(0);
                    break;
                }
                Thread.sleep(250);
            }
            assertTrue(opened != null, "the candidate was never judged after the model became loadable");
            assertEquals("CRASH-acme-waits-for-model", opened.getString("claimId"));
            assertEquals(0, list(fx, adj, "?outcome=PENDING").getLong("total"), "nothing pending once judged");
            assertTrue(awaitClassifierCheck(fx, "up").getString("detail").endsWith(" loaded"));
        }
    }

    private static JsonObject list(ClaimsHubFixture fx, String token, String query) {
        HttpResponse<String> r = fx.get("/api/v1/claims/crash-events" + query, token);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    /** The crashClassifier check of /health once it reports {@code status} (the load runs in the background). */
    private static JsonObject awaitClassifierCheck(ClaimsHubFixture fx, String status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonObject last = null;
        while (System.currentTimeMillis() < deadline) {
            last = new JsonObject(fx.get("/health", null).body()).getJsonObject("checks").getJsonObject("crashClassifier");
            if (status.equals(last.getString("status"))) return last;
            Thread.sleep(100);
        }
        throw new AssertionError("crashClassifier never " + status + ": " + last);
    }
}
