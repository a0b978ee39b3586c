package io.telerisk.launcher.journey;

import io.telerisk.hub.auth.Role;
import io.telerisk.launcher.demo.DemoWorldFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The insurer's journey on the demo world over HTTP (docs/journeys.md, "Insurer"): find the draft awaiting a second
 * insurer, check and save a new version, have the second insurer approve it, activate it, quote a demo vehicle and a
 * wearable, and run an impact analysis of the seeded draft over the motor book — with the numbers agreeing across
 * endpoints (quote lines sum to the premium, the logged quote is the quote, the per-km base is the summaries' km,
 * per-policy impact results add up to the run's totals).
 */
class InsurerJourneyTest {
    @TempDir
    Path dir;

    @Test
    void anInsurerConfiguresAPlanGetsItApprovedQuotesAndAnalysesImpactOnTheDemo() throws Exception {
        try (DemoWorldFixture demo = DemoWorldFixture.start(dir.resolve("demo"))) {
            // the replay is over (caught up, and its live continuation stopped) and the summariser has caught up: the
            // numbers below are read from a settled world
            demo.awaitReplayCaughtUp(Duration.ofMinutes(5));
            demo.world().publisher().stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
            settle(demo);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate from = today.minusDays(DemoWorldFixture.DAYS), to = today.plusDays(1);

            // 1. the second insurer's inbox holds the seeded draft of the first insurer
            JsonObject inbox = ok(demo.get(Role.INSURER, 2, "/api/v1/pricing/plans/awaiting-approval"));
            assertTrue(inbox.getJsonArray("items").stream().map(JsonObject.class::cast)
                    .anyMatch(p -> "motor-payd-gb".equals(p.getString("planId")) && p.getInteger("version") == 2), inbox.encode());
            JsonObject inForce = ok(demo.get(Role.INSURER, 1, "/api/v1/pricing/plans/in-force?productLine=motor&jurisdiction=GB&currency=GBP&date=" + from));
            assertEquals(1, inForce.getInteger("version"), inForce.encode());

            // 2. the first insurer checks version 3 (dearer base, effective from the demo's first day) and saves it
            JsonObject v3 = inForce.getJsonObject("document").copy().put("version", 3).put("effectiveFrom", from.toString());
            v3.getJsonObject("exposure").put("annualRate", 190.0);
            v3.put("tests", new JsonArray()); // the bundled expectations are for version 1's rate
            JsonObject check = ok(demo.post(Role.INSURER, 1, "/api/v1/pricing/plans/validate", v3));
            assertTrue(check.getBoolean("valid"), check.encode());
            assertFalse(check.getJsonArray("approvalBlockers").isEmpty(), "without a test case it cannot be approved: " + check.encode());
            v3.put("tests", new JsonArray().add(new JsonObject().put("name", "parked car, minimum premium").put("profile",
                    new JsonObject().put("periodDays", 30).put("driverAge", 50).put("vehicleGroup", 5).put("territory", "rural")
                            .put("noClaimsYears", 9).put("distanceKm", 0).put("nightShare", 0).put("urbanShare", 0)
                            .put("speedingShare", 0).put("harshEventsPer100Km", 0)).put("expectedPremium", 147.84)));
            assertTrue(ok(demo.post(Role.INSURER, 1, "/api/v1/pricing/plans/validate", v3)).getJsonArray("approvalBlockers").isEmpty());
            assertEquals(201, demo.post(Role.INSURER, 1, "/api/v1/pricing/plans", v3).status());
            JsonObject diff = ok(demo.get(Role.INSURER, 1, "/api/v1/pricing/plans/motor-payd-gb/diff?from=1&to=3"));
            assertTrue(diff.getJsonArray("changes").encode().contains("$.exposure.annualRate"), diff.encode());

            // 3. the author cannot approve it; the second insurer does; the author activates it, superseding version 1
            assertEquals(409, demo.post(Role.INSURER, 1, "/api/v1/pricing/plans/motor-payd-gb/approve", new JsonObject().put("version", 3)).status());
            ok(demo.post(Role.INSURER, 2, "/api/v1/pricing/plans/motor-payd-gb/approve", new JsonObject().put("version", 3)));
            JsonObject active = ok(demo.post(Role.INSURER, 1, "/api/v1/pricing/plans/motor-payd-gb/activate", new JsonObject().put("version", 3)));
            assertEquals("ACTIVE", active.getString("status"));
            assertEquals(from.toString(), active.getJsonArray("superseded").getJsonObject(0).getString("retiredOn"), active.encode());

            // 4. quote a demo vehicle of the motor book under version 3
            JsonObject motorPolicy = ok(demo.get(Role.INSURER, 1, "/api/v1/pricing/policies?productLine=motor&limit=1")).getJsonArray("items").getJsonObject(0);
            String car = motorPolicy.getString("deviceId");
            JsonObject quote = created(demo.post(Role.INSURER, 1, "/api/v1/pricing/quotes", new JsonObject().put("policyId", motorPolicy.getString("policyId"))
                    .put("deviceId", car).put("productLine", "motor").put("jurisdiction", "GB").put("currency", "GBP")
                    .put("from", from.toString()).put("to", to.toString()).put("inputs", motorPolicy.getJsonObject("inputs"))));
            assertEquals(3, quote.getInteger("planVersion"), quote.encode());
            assertEquals(sumOfLines(quote), new BigDecimal(quote.getString("totalPremium")), quote.getString("explanation"));
            JsonObject usage = ok(demo.get(Role.INSURER, 1, "/api/v1/devices/vehicle/" + car + "/daily-usage?from=" + from + "&to=" + to));
            JsonArray days = usage.getJsonArray("items");
            assertEquals(days.size(), usage.getInteger("total"), "a day range comes in one page by default: " + usage.encode());
            double cappedKm = days.stream().map(JsonObject.class::cast).mapToDouble(d -> Math.min(250, d.getDouble("distanceKm"))).sum();
            JsonObject perKm = line(quote, "perKm");
            assertEquals(cappedKm, perKm.getDouble("input"), 1e-6, "the per-km base is the summaries' km: " + quote.getString("explanation"));
            JsonObject logged = ok(demo.get(Role.INSURER, 1, "/api/v1/pricing/quotes?policyId=" + motorPolicy.getString("policyId")));
            JsonObject last = logged.getJsonArray("items").getJsonObject(logged.getJsonArray("items").size() - 1);
            assertEquals(quote.getString("totalPremium"), last.getJsonObject("quote").getString("totalPremium"));
            assertEquals(3, last.getInteger("planVersion"));

            // 5. a wearable under the wellness plan; the same wearable under the motor plan is refused
            JsonObject wellPolicy = ok(demo.get(Role.INSURER, 1, "/api/v1/pricing/policies?productLine=wellness&limit=1")).getJsonArray("items").getJsonObject(0);
            JsonObject wellnessQuote = new JsonObject().put("policyId", wellPolicy.getString("policyId")).put("deviceId", wellPolicy.getString("deviceId"))
                    .put("productLine", "wellness").put("jurisdiction", "NL").put("currency", "EUR")
                    .put("from", from.toString()).put("to", to.toString()).put("inputs", wellPolicy.getJsonObject("inputs"));
            JsonObject wq = created(demo.post(Role.INSURER, 1, "/api/v1/pricing/quotes", wellnessQuote));
            assertEquals("wellness-nl", wq.getString("planId"));
            assertEquals(sumOfLines(wq), new BigDecimal(wq.getString("totalPremium")), wq.getString("explanation"));
            DemoWorldFixture.Reply wrong = demo.post(Role.INSURER, 1, "/api/v1/pricing/quotes", wellnessQuote.copy().put("productLine", "motor")
                    .put("jurisdiction", "GB").put("currency", "GBP").put("inputs", motorPolicy.getJsonObject("inputs")));
            assertEquals(422, wrong.status(), wrong.body());

            // 6. impact of the seeded draft (version 2) over the motor book: a year's premiums from the demo's driving
            JsonObject run = created(demo.post(Role.INSURER, 1, "/api/v1/pricing/impact", new JsonObject()
                    .put("draft", new JsonObject().put("planId", "motor-payd-gb").put("version", 2))
                    .put("usageFrom", from.toString()).put("usageTo", to.toString())));
            assertEquals("motor", run.getString("productLine"));
            assertEquals(DemoWorldFixture.VEHICLES, run.getInteger("policies"), "the motor book only: " + run.encode());
            assertEquals(365, run.getInteger("ratingDays"));
            JsonObject results = ok(demo.get(Role.INSURER, 1, "/api/v1/pricing/impact/" + run.getLong("runId") + "/policies?limit=100"));
            assertEquals(DemoWorldFixture.VEHICLES, results.getLong("total"));
            BigDecimal active1 = BigDecimal.ZERO, draft2 = BigDecimal.ZERO;
            int rated = 0;
            for (Object o : results.getJsonArray("items")) {
                JsonObject r = (JsonObject) o;
                if (r.getString("failure") != null) continue;
                rated++;
                active1 = active1.add(new BigDecimal(r.getString("activePremium")));
                draft2 = draft2.add(new BigDecimal(r.getString("draftPremium")));
            }
            assertEquals(run.getInteger("rated"), rated, run.encode());
            assertTrue(rated > 0, "the demo's cars are rated: " + results.encode());
            assertEquals(0, active1.compareTo(new BigDecimal(run.getString("totalActive"))), "per-policy premiums add up to the run's totals");
            assertEquals(0, draft2.compareTo(new BigDecimal(run.getString("totalDraft"))));
            assertTrue(draft2.compareTo(active1) >= 0, "the draft only makes harsh driving dearer: " + run.getString("report"));
        }
    }

    /** Waits until the hub stores nothing new for a few seconds, then brings every summary day up to date. */
    private static void settle(DemoWorldFixture demo) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 60; i++) {
            long stored = demo.world().hub().ingestStats().snapshot().messagesStored();
            if (stored == last) break;
            last = stored;
            Thread.sleep(2_000);
        }
        demo.world().hub().summarizer().flush();
    }

    private static JsonObject ok(DemoWorldFixture.Reply r) {
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonObject created(DemoWorldFixture.Reply r) {
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private static BigDecimal sumOfLines(JsonObject quote) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Object l : quote.getJsonArray("lines")) sum = sum.add(new BigDecimal(((JsonObject) l).getString("effect")));
        return sum;
    }

    private static JsonObject line(JsonObject quote, String variable) {
        for (Object l : quote.getJsonArray("lines")) if (variable.equals(((JsonObject) l).getString("variable"))) return (JsonObject) l;
        throw new AssertionError("no " + variable + " line in " + quote.getString("explanation"));
    }
}
