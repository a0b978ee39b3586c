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
        // data that arrived after the day's run (a replay catching up) is evaluated on demand: the claim is found again
        assertEquals(List.of(id), fx.claims().parametric().evaluateAgain(yesterday).stream().map(x -> x.claimId()).toList());
        assertTrue(fx.claims().parametric().evaluate(yesterday).isEmpty(), "evaluated again, the day counts as run");
        var nextDay = fx.claims().parametric().evaluate(today);
        assertEquals(List.of(id), nextDay.stream().map(x -> x.claimId()).toList());
        JsonObject search = new JsonObject(fx.get("/api/v1/claims?source=PARAMETRIC&deviceId=field-1", fx.token(Role.ADJUSTER)).body());
        assertEquals(1, search.getLong("total"), search.encode());
    }

    private static HttpResponse<String> cropPolicy(String policyId, String deviceId, JsonObject droughtTerms) {
        Instant now = Instant.now();
        JsonObject drought = new JsonObject().put("code", "DROUGHT").put("limit", "20000.00").put("deductible", "0.00").put("currency", "USD");
        if (droughtTerms != null) drought.put("terms", droughtTerms);
        return fx.post("/api/v1/claims/policies", fx.token(Role.INSURER), new JsonObject().put("policyId", policyId)
                .put("holder", "Farm").put("deviceType", "farm-sensor").put("deviceId", deviceId)
                .put("inception", now.minus(60, ChronoUnit.DAYS).toString()).put("expiry", now.plus(300, ChronoUnit.DAYS).toString())
                .put("coverages", new JsonArray().add(drought)).encode());
    }

    @Test
    void parametricTermsOutOfBoundsOrOnTheWrongCoverAreRefusedWithTheReason() {
        String[][] cases = {
                {"{\"triggerDays\": 0}", "triggerDays"},
                {"{\"triggerDays\": 2.5}", "triggerDays"},
                {"{\"ndviAnomalyAtMost\": 2}", "ndviAnomalyAtMost"},
                {"{\"wiltingPointVwc\": 0.9}", "wiltingPointVwc"},
                {"{\"percentAtTrigger\": \"60\", \"maxPercent\": \"50\"}", "percentAtTrigger"},
                {"{\"percentPerExtraDay\": \"-1\"}", "percentages"},
                {"{\"wiltingPoint\": 0.1}", "unknown term"},
                {"[1]", "terms must be an object"},
        };
        for (String[] c : cases) {
            Object terms = c[0].startsWith("[") ? new JsonArray(c[0]) : new JsonObject(c[0]);
            JsonObject drought = new JsonObject().put("code", "DROUGHT").put("limit", "1000.00").put("deductible", "0.00").put("currency", "USD")
                    .put("terms", terms);
            HttpResponse<String> r = fx.post("/api/v1/claims/policies", fx.token(Role.INSURER), new JsonObject().put("policyId", "CROP-bad")
                    .put("holder", "Farm").put("deviceType", "farm-sensor").put("deviceId", "field-1")
                    .put("inception", Instant.now().toString()).put("expiry", Instant.now().plus(30, ChronoUnit.DAYS).toString())
                    .put("coverages", new JsonArray().add(drought)).encode());
            assertEquals(400, r.statusCode(), c[0] + ": " + r.body());
            assertTrue(r.body().contains(c[1]), c[0] + " should name " + c[1] + ": " + r.body());
        }
        HttpResponse<String> hail = fx.post("/api/v1/claims/policies", fx.token(Role.INSURER), new JsonObject().put("policyId", "CROP-bad")
                .put("holder", "Farm").put("deviceType", "farm-sensor").put("deviceId", "field-1")
                .put("inception", Instant.now().toString()).put("expiry", Instant.now().plus(30, ChronoUnit.DAYS).toString())
                .put("coverages", new JsonArray().add(new JsonObject().put("code", "HAIL").put("limit", "1000.00").put("deductible", "0.00")
                        .put("currency", "USD").put("terms", new JsonObject().put("triggerDays", 3)))).encode());
        assertEquals(400, hail.statusCode(), hail.body());
        assertTrue(hail.body().contains("takes no terms"), hail.body());
    }

    /**
     * A drought cover with its own terms (5 dry days, NDVI anomaly at most -1): the same dry run pays on a field whose
     * NDVI (the crop-credit desk's series, as /agri/fields/{id}/ndvi shows it) has fallen far below its crop's curve,
     * and not on a field that is green; the claim says which conditions triggered it, and the policy shows the terms.
     */
    @Test
    void aDroughtCoverWithAnNdviConditionPaysOnlyWhereTheFieldHasBrowned() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate sowing = today.minusDays(80), harvest = today.plusDays(60);
        JsonObject terms = new JsonObject().put("triggerDays", 5).put("ndviAnomalyAtMost", -1.0).put("percentAtTrigger", "10");
        for (String[] f : new String[][]{{"brown", "36.70"}, {"green", "36.71"}}) {
            String device = "field-" + f[0];
            fx.hub.registry().register(new io.telerisk.model.DeviceKey("acme", io.telerisk.model.DeviceType.FARM_SENSOR, device), device,
                    Instant.now().minus(100, ChronoUnit.DAYS));
            double lon = Double.parseDouble(f[1]);
            JsonArray ring = new JsonArray().add(new JsonArray().add(lon).add(-0.3)).add(new JsonArray().add(lon + 0.0025).add(-0.3))
                    .add(new JsonArray().add(lon + 0.0025).add(-0.2975)).add(new JsonArray().add(lon).add(-0.2975)).add(new JsonArray().add(lon).add(-0.3));
            HttpResponse<String> field = fx.post("/api/v1/agri/fields", fx.token(Role.OPERATOR), new JsonObject().put("fieldId", "plot-" + f[0])
                    .put("farmerId", "acme-farmer").put("crop", "MAIZE").put("sowingDate", sowing.toString()).put("harvestDate", harvest.toString())
                    .put("region", "ndvi-terms").put("soil", "LOAM").put("deviceId", device)
                    .put("boundary", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring))).encode());
            assertEquals(201, field.statusCode(), field.body());
            // clear scenes every 10 days: the brown field stays at bare soil, the green one follows its crop's curve
            for (LocalDate d = sowing.plusDays(10); d.isBefore(today); d = d.plusDays(10)) {
                double expected = io.telerisk.agri.field.Crop.MAIZE.expectedNdvi(sowing, harvest, d);
                double mean = f[0].equals("brown") ? io.telerisk.agri.field.Crop.MAIZE.baseNdvi() : expected;
                fx.hub.services().agri().ndviStore().appendAll(List.of(new io.telerisk.agri.ndvi.NdviPoint("acme", "plot-" + f[0],
                        d.atTime(10, 6).toInstant(ZoneOffset.UTC), "S2-" + f[0] + "-" + d, new io.telerisk.agri.ndvi.FieldNdvi.Observed("plot-" + f[0], 1000,
                        new io.telerisk.agri.ndvi.NdviStats(1000, mean, mean, 0.03, mean - 0.1, mean + 0.1, 1.0)))));
            }
            HttpResponse<String> policy = cropPolicy("CROP-" + device, device, terms);
            assertEquals(201, policy.statusCode(), policy.body());
            JsonObject stored = new JsonObject(policy.body()).getJsonArray("coverages").getJsonObject(0).getJsonObject("terms");
            assertEquals(5, stored.getInteger("triggerDays"), stored.encode());
            assertEquals(-1.0, stored.getDouble("ndviAnomalyAtMost"));
            assertEquals(0.12, stored.getDouble("wiltingPointVwc"), "a term left out takes its default");
            // six dry days a month ago (soil moisture 0.08 below the wilting point 0.12), moist otherwise
            for (int i = 45; i >= 1; i--) {
                boolean dry = i >= 25 && i <= 30;
                fx.hub.summaries().save(new FarmDay("acme", device, today.minusDays(i), dry ? 0.08 : 0.25, dry ? 0.07 : 0.2, 15.0, 8.0, 24.0, 60.0, 1.0, 0, 96));
            }
        }
        var claims = fx.claims().parametric().evaluate(today.minusDays(2));
        List<String> ids = claims.stream().map(c -> c.claimId()).filter(id -> id.contains("field-brown") || id.contains("field-green")).toList();
        assertEquals(List.of("PAR-CROP-field-brown-DROUGHT-" + today.minusDays(30)), ids, "only the browned field pays");
        JsonObject c = new JsonObject(fx.get("/api/v1/claims/" + ids.get(0), fx.token(Role.ADJUSTER)).body());
        // 6 days: 10 % + 5 % x 1 extra day = 15 % of 20,000
        assertEquals("3000.00", c.getString("amount"), c.encode());
        String history = c.getJsonArray("history").encode();
        assertTrue(history.contains("NDVI anomaly of field field-brown"), history);
        assertTrue(history.contains("triggered by: soil moisture below 0.120 m3/m3 for 6 days (at least 5) and the NDVI anomaly"), history);
        // the policy's terms persist: read back from the database by the next evaluation, the same claim again
        assertEquals(ids, fx.claims().parametric().evaluate(today.minusDays(1)).stream().map(x -> x.claimId())
                .filter(id -> id.contains("field-brown") || id.contains("field-green")).toList());
    }
}
