package io.telerisk.hub.claims;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text fields of a reported claim (first notice of loss) and of what follows it (notes, requests for and answers
 * with information) have length limits (docs/security.md "Hostile documents"): one character over is a 400 whose
 * reason names the field and its limit, never a 500, and the hostile text is not echoed back.
 */
class ClaimTextLimitsTest {
    private static ClaimsHubFixture fx;

    @BeforeAll
    static void start() {
        fx = ClaimsHubFixture.start(ClaimsHubFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static JsonObject report() {
        return new JsonObject().put("deviceType", "vehicle").put("deviceId", "car-1")
                .put("lossTime", Instant.now().minusSeconds(600).toString()).put("collision", false)
                .put("place", new JsonObject().put("latitudeDeg", 48.1).put("longitudeDeg", 11.5))
                .put("claimedAmount", "900.00").put("description", "scraped a pillar");
    }

    private static void refused(HttpResponse<String> r, String field, int limit) {
        assertEquals(400, r.statusCode(), field + ": " + r.body());
        String detail = new JsonObject(r.body()).getString("detail");
        assertTrue(detail.contains(field) && detail.contains(String.valueOf(limit)), field + ": the reason names field and limit: " + detail);
        assertTrue(r.body().length() < 1000, field + ": the text is not echoed: " + r.body().length() + " characters");
    }

    @Test
    void reportedClaimFieldsOneCharacterOverTheirLimitAre400NamingFieldAndLimit() {
        String insurer = fx.token(Role.INSURER);
        Map<String, Integer> limits = Map.of("description", 2000, "reportedBy", 128, "coverageCode", 32, "deviceId", 64);
        limits.forEach((field, limit) ->
                refused(fx.post("/api/v1/claims", insurer, report().put(field, "x".repeat(limit + 1)).encode()), field, limit));
        // at the limit (and in characters, not bytes) a description is taken
        HttpResponse<String> atLimit = fx.post("/api/v1/claims", insurer, report().put("description", "é".repeat(2000)).encode());
        assertEquals(201, atLimit.statusCode(), atLimit.body());
    }

    @Test
    void notesInformationAndRequestsOverTheirLimitsAre400NamingFieldAndLimit() {
        HttpResponse<String> filed = fx.post("/api/v1/claims", fx.token(Role.INSURER), report().encode());
        assertEquals(201, filed.statusCode(), filed.body());
        String id = new JsonObject(filed.body()).getString("claimId");
        String adjuster = fx.token(Role.ADJUSTER);
        refused(fx.post("/api/v1/claims/" + id + "/notes", adjuster, new JsonObject().put("text", "n".repeat(4001)).encode()), "text", 4000);
        refused(fx.post("/api/v1/claims/" + id + "/decisions", adjuster, new JsonObject().put("decision", "request-info")
                .put("reasonCode", "NEED_PHOTOS").put("what", "w".repeat(2001)).encode()), "what", 2000);
        refused(fx.post("/api/v1/claims/" + id + "/information", fx.token(Role.INSURER),
                new JsonObject().put("text", "i".repeat(4001)).encode()), "text", 4000);
        HttpResponse<String> note = fx.post("/api/v1/claims/" + id + "/notes", adjuster, new JsonObject().put("text", "n".repeat(4000)).encode());
        assertEquals(201, note.statusCode(), "a note at the limit is taken");
    }
}
