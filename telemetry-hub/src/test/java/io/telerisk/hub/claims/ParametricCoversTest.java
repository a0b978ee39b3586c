package io.telerisk.hub.claims;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.summary.FarmDay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Parametric covers stored through the policy API are evaluated by the hub from the farm-day summaries: a drought run
 * opens one claim per cover and trigger period, however often (and on however many hubs) the evaluation runs.
 */
class ParametricCoversTest {
    private static ClaimsHubFixture fx;

    @BeforeAll
    static void start() {
        fx = ClaimsHubFixture.start(ClaimsHubFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) fx.close();
    }

    @Test
    void aDroughtInTheFarmDaysOpensOneParametricClaimAndExcessRainNoneWithoutRain() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant now = Instant.now();
        HttpResponse<String> r = fx.post("/api/v1/claims/policies", fx.token(Role.INSURER), new JsonObject().put("policyId", "CROP-field-1")
                .put("holder", "Farm 1").put("deviceType", "farm-sensor").put("deviceId", "field-1")
                .put("inception", now.minus(60, ChronoUnit.DAYS).toString()).put("expiry", now.plus(300, ChronoUnit.DAYS).toString())
                .put("coverages", new JsonArray()
                        .add(new JsonObject().put("code", "DROUGHT").put("limit", "20000.00").put("deductible", "0.00").put("currency", "USD"))
                        .add(new JsonObject().put("code", "EXCESS_RAIN").put("limit", "15000.00").put("deductible", "0.00").put("currency", "USD")))
                .encode());
        assertEquals(201, r.statusCode(), r.body());
        // 30 days of summaries: 12 dry days (soil moisture 0.08 < wilting point 0.12) in the middle, a little rain
        for (int i = 30; i >= 1; i--) {
            LocalDate d = today.minusDays(i);
            boolean dry = i >= 10 && i <= 21;
            fx.hub.summaries().save(new FarmDay("acme", "field-1", d, dry ? 0.08 : 0.25, dry ? 0.07 : 0.2, 15.0, 8.0, 24.0, 60.0, dry ? 0 : 2.0, 0, 96));
        }
        LocalDate yesterday = today.minusDays(1);
        var first = fx.claims().parametric().evaluate(yesterday);
        assertEquals(1, first.size(), first.toString());
        String id = first.get(0).claimId();
        assertEquals("PAR-CROP-field-1-DROUGHT-" + today.minusDays(21), id);
        JsonObject c = new JsonObject(fx.get("/api/v1/claims/" + id, fx.token(Role.ADJUSTER)).body());
        assertEquals("PARAMETRIC", c.getString("source"));
        // 12 days: 20 % + 5 % x 2 extra days = 30 % of 20,000 = 6,000.00, above the automatic 5,000: to an adjuster
        assertEquals("6000.00", c.getString("amount"), c.encode());
        assertEquals("AWAITING_ADJUSTER", c.getString("status"));
        assertTrue(c.getJsonArray("history").encode().contains("longest run"), "the explanation is in the ledger");

        // evaluated again (another tick, another hub, the next day): still one claim
        assertTrue(fx.claims().parametric().evaluate(yesterday).isEmpty(), "the day was evaluated already");
        var nextDay = fx.claims().parametric().evaluate(today);
        assertEquals(List.of(id), nextDay.stream().map(x -> x.claimId()).toList());
        JsonObject search = new JsonObject(fx.get("/api/v1/claims?source=PARAMETRIC&deviceId=field-1", fx.token(Role.ADJUSTER)).body());
        assertEquals(1, search.getLong("total"), search.encode());
    }
}
