package io.telerisk.hub.pricing;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.summary.DailyUsage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pricing API over HTTP against a real database (subclasses pick H2 or PostgreSQL): plan lifecycle with
 * four-eyes approval, quotes priced from the summary tables and logged with their plan version, tenant isolation,
 * insurer-only access, impact analysis over the policy book and GLM calibration.
 */
abstract class PricingApiContract {
    static PricingFixture hub;

    static void use(PricingFixture f) {
        hub = f;
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) hub.close();
    }

    private static String insurer() {
        return hub.token(Role.INSURER);
    }

    private static JsonObject json(HttpResponse<String> r, int expectedStatus) {
        assertEquals(expectedStatus, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    /** Creates, approves (second insurer) and activates a plan; returns the activation answer. */
    private static JsonObject activePlan(JsonObject doc) {
        String id = doc.getString("planId");
        int v = doc.getInteger("version");
        json(hub.post("/api/v1/pricing/plans", insurer(), doc.encode()), 201);
        json(hub.post("/api/v1/pricing/plans/" + id + "/approve", hub.secondInsurerToken, new JsonObject().put("version", v).encode()), 200);
        return json(hub.post("/api/v1/pricing/plans/" + id + "/activate", insurer(), new JsonObject().put("version", v).encode()), 200);
    }

    private static JsonObject quoteRequest(String policyId, String deviceId, String from, String to) {
        return new JsonObject().put("policyId", policyId).put("deviceId", deviceId).put("productLine", "motor")
                .put("jurisdiction", "GB").put("currency", "GBP").put("from", from).put("to", to)
                .put("inputs", new JsonObject().put("driverAge", 19).put("vehicleGroup", 15).put("territory", "london")
                        .put("noClaimsYears", 0));
    }

    private static BigDecimal sumOfEffects(JsonObject quote) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Object l : quote.getJsonArray("lines")) sum = sum.add(new BigDecimal(((JsonObject) l).getString("effect")));
        return sum;
    }

    @Test
    void planLifecycleOverHttpAndQuotesRecordTheVersionTheyUsed() {
        JsonObject v1 = PricingFixture.motorPlan("life-gb");
        JsonObject created = json(hub.post("/api/v1/pricing/plans", insurer(), v1.encode()), 201);
        assertEquals("DRAFT", created.getString("status"));
        assertEquals("acme-insurer", created.getString("author"));
        assertTrue(created.getJsonArray("approvalBlockers").isEmpty(), created.encode());

        JsonObject check = json(hub.post("/api/v1/pricing/plans/life-gb/validate", insurer(), "{\"version\":1}"), 200);
        assertTrue(check.getBoolean("valid"), check.encode());

        JsonObject approved = json(hub.post("/api/v1/pricing/plans/life-gb/approve", hub.secondInsurerToken, "{\"version\":1}"), 200);
        assertEquals("APPROVED", approved.getString("status"));
        assertEquals("acme-insurer-2", approved.getString("approver"));
        assertNotNull(approved.getString("approvedAt"));

        // an approved version is immutable: saving it again is a conflict that names the next version
        HttpResponse<String> resave = hub.post("/api/v1/pricing/plans", insurer(), v1.encode());
        assertEquals(409, resave.statusCode(), resave.body());
        assertTrue(resave.body().contains("version 2"), resave.body());

        // activation with another effective date than the approved document's is refused with the reason
        HttpResponse<String> wrongDate = hub.post("/api/v1/pricing/plans/life-gb/activate", insurer(),
                "{\"version\":1,\"effectiveFrom\":\"2026-02-01\"}");
        assertEquals(409, wrongDate.statusCode(), wrongDate.body());
        JsonObject active = json(hub.post("/api/v1/pricing/plans/life-gb/activate", insurer(),
                "{\"version\":1,\"effectiveFrom\":\"2026-01-01\"}"), 200);
        assertEquals("ACTIVE", active.getString("status"));

        // version 2: dearer base rate, effective from July
        JsonObject v2 = PricingFixture.motorPlan("life-gb").put("version", 2).put("effectiveFrom", "2026-07-01");
        v2.getJsonObject("exposure").put("annualRate", 240.00);
        v2.put("tests", new JsonArray()); // the example's expected premiums are for v1's rate
        JsonObject createdV2 = json(hub.post("/api/v1/pricing/plans", insurer(), v2.encode()), 201);
        assertFalse(createdV2.getJsonArray("approvalBlockers").isEmpty(), "a plan without tests cannot be approved");
        HttpResponse<String> noTests = hub.post("/api/v1/pricing/plans/life-gb/approve", hub.secondInsurerToken, "{\"version\":2}");
        assertEquals(409, noTests.statusCode(), noTests.body());
        assertTrue(noTests.body().contains("at least one test case"), noTests.body());
        // give v2 a test whose expected premium comes from quoting v1's first profile under v2's rate difference
        v2.put("tests", new JsonArray().add(new JsonObject().put("name", "parked car, minimum premium").put("profile",
                new JsonObject().put("periodDays", 30).put("driverAge", 50).put("vehicleGroup", 5).put("territory", "rural")
                        .put("noClaimsYears", 9).put("distanceKm", 0).put("nightShare", 0).put("urbanShare", 0)
                        .put("speedingShare", 0).put("harshEventsPer100Km", 0)).put("expectedPremium", 147.84)));
        json(hub.post("/api/v1/pricing/plans", insurer(), v2.encode()), 201);
        json(hub.post("/api/v1/pricing/plans/life-gb/approve", hub.secondInsurerToken, "{\"version\":2}"), 200);
        JsonObject activeV2 = json(hub.post("/api/v1/pricing/plans/life-gb/activate", insurer(), "{\"version\":2}"), 200);
        // v2 supersedes v1: one version of a plan is active at a time, v1 keeps pricing the days before July 1st
        assertEquals(1, activeV2.getJsonArray("superseded").size(), activeV2.encode());
        assertEquals("RETIRED", activeV2.getJsonArray("superseded").getJsonObject(0).getString("status"));
        assertEquals("2026-07-01", activeV2.getJsonArray("superseded").getJsonObject(0).getString("retiredOn"));

        JsonObject march = json(hub.post("/api/v1/pricing/quotes", insurer(),
                quoteRequest("pol-life-1", "car-1", "2026-01-01", "2026-06-30").encode()), 201);
        JsonObject august = json(hub.post("/api/v1/pricing/quotes", insurer(),
                quoteRequest("pol-life-1", "car-1", "2026-07-01", "2026-12-28").encode()), 201);
        assertEquals("life-gb", march.getString("planId"));
        assertEquals(1, march.getInteger("planVersion"));
        assertEquals(2, august.getInteger("planVersion"));
        assertEquals(sumOfEffects(march), new BigDecimal(march.getString("totalPremium")));
        assertTrue(new BigDecimal(august.getString("totalPremium")).compareTo(new BigDecimal(march.getString("totalPremium"))) > 0,
                "v2's dearer base rate costs more: " + march.getString("totalPremium") + " vs " + august.getString("totalPremium"));

        JsonObject logged = json(hub.get("/api/v1/pricing/quotes?policyId=pol-life-1", insurer()), 200);
        assertEquals(2, logged.getInteger("total"));
        JsonObject second = json(hub.get("/api/v1/pricing/quotes?policyId=pol-life-1&offset=1&limit=1", insurer()), 200);
        assertEquals(2, second.getInteger("total"), "total counts every logged quote, not the page");
        assertEquals(1, second.getJsonArray("items").size());
        assertEquals(2, second.getJsonArray("items").getJsonObject(0).getInteger("planVersion"), "the page starts at the offset");
        assertEquals(400, hub.get("/api/v1/pricing/quotes?policyId=pol-life-1&offset=-1", insurer()).statusCode());
        JsonObject first = logged.getJsonArray("items").getJsonObject(0);
        assertEquals(1, first.getInteger("planVersion"));
        assertEquals("acme-insurer", first.getString("quotedBy"));
        assertEquals(march.getString("totalPremium"), first.getJsonObject("quote").getString("totalPremium"));
        assertEquals(2, logged.getJsonArray("items").getJsonObject(1).getInteger("planVersion"));

        // the quote log port gives the quotes back as the engine's values, each with its plan version
        List<io.telerisk.pricing.rating.Quote> viaPort = new JdbcQuoteLog(hub.sor.dataSource(),
                new JdbcQuoteLog.Context("acme", "car-1", LocalDate.EPOCH, LocalDate.EPOCH.plusDays(1), "test"),
                java.time.Clock.systemUTC()).forPolicy("pol-life-1");
        assertEquals(2, viaPort.size());
        assertEquals(new io.telerisk.pricing.plan.PlanKey("life-gb", 2), viaPort.get(1).plan());
        assertEquals(new BigDecimal(august.getString("totalPremium")), viaPort.get(1).totalPremium());
        assertEquals(sumOfEffects(august), viaPort.get(1).lines().stream().map(io.telerisk.pricing.rating.QuoteLine::effect)
                .reduce(BigDecimal.ZERO, BigDecimal::add));

        JsonObject versions = json(hub.get("/api/v1/pricing/plans/life-gb/versions", insurer()), 200);
        assertEquals(2, versions.getInteger("total"));
        JsonObject latest = json(hub.get("/api/v1/pricing/plans/life-gb/versions?offset=1&limit=5", insurer()), 200);
        assertEquals(2, latest.getInteger("total"));
        assertEquals(1, latest.getJsonArray("items").size());
        assertEquals(2, latest.getJsonArray("items").getJsonObject(0).getInteger("version"));
        JsonObject plans = json(hub.get("/api/v1/pricing/plans", insurer()), 200);
        int planCount = plans.getInteger("total");
        assertEquals(planCount, plans.getJsonArray("items").size());
        JsonObject lastPlan = json(hub.get("/api/v1/pricing/plans?offset=" + (planCount - 1) + "&limit=1", insurer()), 200);
        assertEquals(planCount, lastPlan.getInteger("total"), "total counts every plan, not the page");
        assertEquals(plans.getJsonArray("items").getJsonObject(planCount - 1), lastPlan.getJsonArray("items").getJsonObject(0),
                "a page holds each of its plans with every version");
        assertTrue(plans.getJsonArray("items").stream().map(JsonObject.class::cast)
                .anyMatch(p -> p.getString("planId").equals("life-gb") && p.getJsonArray("versions").size() == 2), plans.encode());
        assertEquals(0, json(hub.get("/api/v1/pricing/plans?offset=" + planCount, insurer()), 200).getJsonArray("items").size());
        assertEquals(240.0, versions.getJsonArray("items").getJsonObject(1).getJsonObject("document")
                .getJsonObject("exposure").getDouble("annualRate"), 1e-9);

        // v1, retired on July 1st by the activation of v2, still prices June; it can no longer be retired again
        assertEquals("RETIRED", versions.getJsonArray("items").getJsonObject(0).getString("status"));
        assertEquals(409, hub.post("/api/v1/pricing/plans/life-gb/retire", insurer(),
                "{\"version\":1,\"retiredOn\":\"2026-07-01\"}").statusCode());
        JsonObject june = json(hub.post("/api/v1/pricing/quotes", insurer(),
                quoteRequest("pol-life-2", "car-1", "2026-06-01", "2026-06-30").encode()), 201);
        assertEquals(1, june.getInteger("planVersion"));
    }

    @Test
    void aStuckDraftIsDiscardedAndAnActiveVersionIsNot() {
        json(hub.post("/api/v1/pricing/plans", insurer(), PricingFixture.motorPlan("stuck-gb").encode()), 201);
        JsonObject gone = json(hub.post("/api/v1/pricing/plans/stuck-gb/discard", insurer(), "{\"version\":1}"), 200);
        assertTrue(gone.getBoolean("discarded"), gone.encode());
        assertEquals(404, hub.get("/api/v1/pricing/plans/stuck-gb/versions", insurer()).statusCode());
        hub.activePlan(PricingFixture.motorPlan("kept-gb").put("productLine", "motor-kept"));
        HttpResponse<String> active = hub.post("/api/v1/pricing/plans/kept-gb/discard", insurer(), "{\"version\":1}");
        assertEquals(409, active.statusCode(), active.body());
        assertTrue(active.body().contains("only a DRAFT can be discarded"), active.body());
    }

    @Test
    void theInsurersDeskChecksADocumentWithoutSavingShowsThePlanInForceDiffsVersionsAndTheFourEyesInbox() {
        // two problems at once (a prohibited-free plan with a gap in its bands and a bad id) and nothing saved
        JsonObject broken = PricingFixture.motorPlan("desk gb");
        broken.getJsonArray("factors").getJsonObject(0).getJsonArray("bands").getJsonObject(1).put("over", 22);
        JsonObject check = json(hub.post("/api/v1/pricing/plans/validate", insurer(), broken.encode()), 200);
        assertFalse(check.getBoolean("valid"), check.encode());
        assertTrue(check.getJsonArray("problems").size() >= 2, check.encode());
        assertTrue(check.getJsonArray("problems").encode().contains("$.planId"), check.encode());
        JsonObject failingTest = PricingFixture.motorPlan("desk-gb").put("productLine", "motor-desk");
        failingTest.getJsonArray("tests").getJsonObject(0).put("expectedPremium", 1.00);
        JsonObject tested = json(hub.post("/api/v1/pricing/plans/validate", insurer(), failingTest.encode()), 200);
        assertTrue(tested.getBoolean("valid"), "valid but not approvable: " + tested.encode());
        assertEquals(1, tested.getJsonArray("approvalBlockers").size(), tested.encode());
        assertFalse(tested.getJsonArray("tests").getJsonObject(0).getBoolean("passed"));
        assertEquals(404, hub.get("/api/v1/pricing/plans/desk-gb/versions", insurer()).statusCode(), "validation saves nothing");

        hub.activePlan(PricingFixture.motorPlan("desk-gb").put("productLine", "motor-desk"));
        JsonObject inForce = json(hub.get("/api/v1/pricing/plans/in-force?productLine=motor-desk&jurisdiction=GB-ENG&currency=GBP&date=2026-05-01",
                insurer()), 200);
        assertEquals("desk-gb", inForce.getString("planId"));
        assertEquals(1, inForce.getInteger("version"));
        assertEquals(404, hub.get("/api/v1/pricing/plans/in-force?productLine=motor-desk&jurisdiction=GB&currency=GBP&date=2025-05-01",
                insurer()).statusCode(), "before its effective date");

        JsonObject v2 = PricingFixture.motorPlan("desk-gb").put("productLine", "motor-desk").put("version", 2).put("effectiveFrom", "2027-01-01");
        v2.getJsonObject("exposure").put("annualRate", 200.0);
        v2.getJsonArray("factors").remove(v2.getJsonArray("factors").size() - 1);
        json(hub.post("/api/v1/pricing/plans", insurer(), v2.encode()), 201);
        JsonObject diff = json(hub.get("/api/v1/pricing/plans/desk-gb/diff?from=1&to=2", insurer()), 200);
        String changes = diff.getJsonArray("changes").encode();
        assertTrue(changes.contains("$.exposure.annualRate") && changes.contains("$.effectiveFrom"), changes);
        assertTrue(changes.contains("[variable=harshEventsPer100Km]"), "a removed factor is named by its variable: " + changes);
        assertFalse(changes.contains("[variable=driverAge]"), "unchanged factors are not listed: " + changes);
        assertEquals(400, hub.get("/api/v1/pricing/plans/desk-gb/diff?from=1", insurer()).statusCode());

        JsonObject inbox = json(hub.get("/api/v1/pricing/plans/awaiting-approval", hub.secondInsurerToken), 200);
        assertTrue(inbox.getJsonArray("items").stream().anyMatch(o -> "desk-gb".equals(((JsonObject) o).getString("planId"))
                && ((JsonObject) o).getInteger("version") == 2), inbox.encode());
        JsonObject own = json(hub.get("/api/v1/pricing/plans/awaiting-approval", insurer()), 200);
        assertTrue(own.getJsonArray("items").stream().noneMatch(o -> "desk-gb".equals(((JsonObject) o).getString("planId"))),
                "the author cannot approve their own draft: " + own.encode());
        assertTrue(own.getJsonArray("authoredByYou").stream().anyMatch(o -> "desk-gb".equals(((JsonObject) o).getString("planId"))));
    }

    @Test
    void authorCannotApproveTheirOwnPlan() {
        json(hub.post("/api/v1/pricing/plans", insurer(), PricingFixture.motorPlan("self-gb").encode()), 201);
        HttpResponse<String> r = hub.post("/api/v1/pricing/plans/self-gb/approve", insurer(), "{\"version\":1}");
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("cannot also approve"), r.body());
        JsonObject versions = json(hub.get("/api/v1/pricing/plans/self-gb/versions", insurer()), 200);
        assertEquals("DRAFT", versions.getJsonArray("items").getJsonObject(0).getString("status"));
    }

    @Test
    void onlyInsurersReachPricing() {
        for (Role role : new Role[]{Role.FARMER, Role.ADJUSTER, Role.OPERATOR}) {
            String token = hub.token(role);
            assertEquals(403, hub.get("/api/v1/pricing/plans", token).statusCode(), role.name());
            assertEquals(403, hub.post("/api/v1/pricing/plans", token, PricingFixture.motorPlan("x-gb").encode()).statusCode(), role.name());
            assertEquals(403, hub.post("/api/v1/pricing/quotes", token,
                    quoteRequest("p", "car-1", "2026-03-01", "2026-03-02").encode()).statusCode(), role.name());
            assertEquals(403, hub.post("/api/v1/pricing/calibrations", token, "{}").statusCode(), role.name());
        }
        assertEquals(401, hub.get("/api/v1/pricing/plans", null).statusCode());
        // nothing was created by the refused calls
        JsonObject plans = json(hub.get("/api/v1/pricing/plans", insurer()), 200);
        assertFalse(plans.encode().contains("x-gb"));
    }

    @Test
    void anotherTenantCannotSeeApproveOrQuoteThePlan() {
        activePlan(PricingFixture.motorPlan("iso-gb").put("productLine", "fleet"));
        String rival = hub.rivalInsurer();
        JsonObject rivalPlans = json(hub.get("/api/v1/pricing/plans", rival), 200);
        assertFalse(rivalPlans.encode().contains("iso-gb"), rivalPlans.encode());
        assertEquals(404, hub.get("/api/v1/pricing/plans/iso-gb/versions", rival).statusCode());
        assertEquals(404, hub.post("/api/v1/pricing/plans/iso-gb/retire", rival, "{\"version\":1,\"retiredOn\":\"2026-02-01\"}").statusCode());
        JsonObject q = quoteRequest("pol-iso", "car-1", "2026-03-01", "2026-03-08").put("productLine", "fleet");
        HttpResponse<String> rivalQuote = hub.post("/api/v1/pricing/quotes", rival, q.encode());
        assertEquals(404, rivalQuote.statusCode(), rivalQuote.body());
        assertTrue(rivalQuote.body().contains("no plan in force"), rivalQuote.body());
        // a rival insurer cannot reach acme by naming the tenant either
        assertEquals(403, hub.get("/api/v1/pricing/plans?tenant=acme", rival).statusCode());
        // and the owner still can
        assertEquals(1, json(hub.post("/api/v1/pricing/quotes", insurer(), q.encode()), 201).getInteger("planVersion"));
        assertEquals(0, json(hub.get("/api/v1/pricing/quotes?policyId=pol-iso", rival), 200).getInteger("total"));
    }

    @Test
    void badPlanDocumentIsRefusedWithEveryReason() {
        JsonObject bad = PricingFixture.motorPlan("bad-gb");
        JsonArray factors = bad.getJsonArray("factors");
        // a gap between bands, a non-positive relativity and a variable rated twice
        factors.getJsonObject(0).getJsonArray("bands").getJsonObject(1).put("over", 22);
        factors.getJsonObject(1).getJsonArray("bands").getJsonObject(0).put("relativity", -1);
        factors.add(new JsonObject().put("variable", "territory").put("levels", new JsonObject().put("urban", 1.1)));
        HttpResponse<String> r = hub.post("/api/v1/pricing/plans", insurer(), bad.encode());
        JsonObject problem = json(r, 400);
        JsonArray problems = problem.getJsonArray("problems");
        assertTrue(problems.size() >= 3, problem.encode());
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("factors[0]")), problem.encode());
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("factors[1]")), problem.encode());
        assertEquals(404, hub.get("/api/v1/pricing/plans/bad-gb/versions", insurer()).statusCode(), "nothing stored");

        JsonObject typo = PricingFixture.motorPlan("typo-gb").put("curency", "GBP");
        JsonObject typoProblem = json(hub.post("/api/v1/pricing/plans", insurer(), typo.encode()), 400);
        assertTrue(typoProblem.encode().contains("curency"), typoProblem.encode());
        assertEquals(400, hub.post("/api/v1/pricing/plans", insurer(), "{not json").statusCode());
        HttpResponse<String> yaml = hub.post("/api/v1/pricing/plans", insurer(), "application/yaml",
                "planId: yaml-gb\nversion: 1\nproductLine: motor\njurisdiction: GB\ncurrency: GBP\neffectiveFrom: 2026-01-01\n"
                        + "exposure: {annualRate: \"100.00\"}\nfactors: []\n");
        assertEquals(201, yaml.statusCode(), yaml.body());
        HttpResponse<String> badYaml = hub.post("/api/v1/pricing/plans", insurer(), "application/yaml",
                "planId: yaml2-gb\nversion: 1\nproductLine: motor\nfactors: [{variable: hairColour, levels: {red: 1.2}}]\n");
        assertEquals(400, badYaml.statusCode(), badYaml.body());
        assertTrue(badYaml.body().contains("jurisdiction"), badYaml.body());
        assertEquals(400, hub.post("/api/v1/pricing/plans", insurer(), PricingFixture.motorPlan("has space").encode()).statusCode());
        assertEquals(400, hub.post("/api/v1/pricing/plans/typo-gb/approve", hub.secondInsurerToken, "{\"version\":\"one\"}").statusCode());
        assertEquals(404, hub.post("/api/v1/pricing/plans/typo-gb/approve", hub.secondInsurerToken, "{\"version\":1}").statusCode());
    }

    @Test
    void quotePricesTheVehiclesDailyUsageFromTheSummaryTables() {
        // a floor low enough for a three-day period (and without the example's test case that relies on the floor)
        JsonObject plan = PricingFixture.motorPlan("usage-gb").put("productLine", "motor-usage").put("minimumPremium", 1.00);
        plan.getJsonArray("tests").remove(3);
        activePlan(plan);
        LocalDate d = LocalDate.parse("2026-05-01");
        // 100 km, 300 km (capped at the plan's 250 km a day) and 50 km; 45 km at night
        hub.summaries.save(new DailyUsage("acme", "car-1", d, 100, 10, 2, 40, Duration.ofHours(2), 3, 1, 0, 0));
        hub.summaries.save(new DailyUsage("acme", "car-1", d.plusDays(1), 300, 30, 6, 120, Duration.ofHours(4), 2, 0, 1, 0));
        hub.summaries.save(new DailyUsage("acme", "car-1", d.plusDays(2), 50, 5, 1, 20, Duration.ofHours(1), 1, 0, 0, 0));
        // another tenant's vehicle with the same id must not leak into acme's quote
        hub.summaries.save(new DailyUsage("rival", "car-1", d, 900, 0, 0, 0, Duration.ofHours(9), 1, 0, 0, 0));

        JsonObject q = json(hub.post("/api/v1/pricing/quotes", insurer(),
                quoteRequest("pol-usage", "car-1", "2026-05-01", "2026-05-04").put("productLine", "motor-usage").encode()), 201);
        assertEquals(3.0, q.getDouble("periodDays"), 0);
        JsonObject perKm = line(q, l -> l.getString("bandOrTerm").contains("capped at 250"));
        assertEquals("16.80", perKm.getString("effect"), "0.042 GBP/km x (100 + 250 + 50) km: " + q.getString("explanation"));
        JsonObject night = line(q, l -> "nightShare".equals(l.getString("variable")));
        assertEquals(45.0 / 450.0, night.getDouble("input"), 1e-12);
        JsonObject harsh = line(q, l -> "harshEventsPer100Km".equals(l.getString("variable")));
        assertEquals(2 * 100.0 / 450.0, harsh.getDouble("input"), 1e-12);
        assertEquals(sumOfEffects(q), new BigDecimal(q.getString("totalPremium")));
        assertTrue(q.getString("explanation").contains("usage-gb@v1"), q.getString("explanation"));
        assertTrue(q.getLong("quoteId") > 0);

        // a week without data prices differently from the driven days (usage really matters)
        JsonObject idle = json(hub.post("/api/v1/pricing/quotes", insurer(),
                quoteRequest("pol-usage", "car-1", "2026-05-10", "2026-05-13").put("productLine", "motor-usage").encode()), 201);
        assertFalse(idle.getString("totalPremium").equals(q.getString("totalPremium")));

        // bad inputs are refused with the reason
        HttpResponse<String> unknownLevel = hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-usage", "car-1",
                "2026-05-01", "2026-05-04").put("productLine", "motor-usage").put("inputs", new JsonObject().put("driverAge", 45)
                .put("vehicleGroup", 15).put("territory", "moon").put("noClaimsYears", 5)).encode());
        assertEquals(400, unknownLevel.statusCode(), unknownLevel.body());
        assertTrue(unknownLevel.body().contains("moon"), unknownLevel.body());
        HttpResponse<String> derived = hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-usage", "car-1",
                "2026-05-01", "2026-05-04").put("productLine", "motor-usage").put("inputs", new JsonObject().put("distanceKm", 1)).encode());
        assertEquals(400, derived.statusCode(), derived.body());
        assertEquals(400, hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-usage", "car-1",
                "2026-05-04", "2026-05-01").encode()).statusCode());
        HttpResponse<String> unknownDevice = hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-usage", "car-404",
                "2026-05-01", "2026-05-04").put("productLine", "motor-usage").encode());
        assertEquals(404, unknownDevice.statusCode(), unknownDevice.body());
    }

    @Test
    void jurisdictionDeviationInheritsFromItsBaseAndWinsForItsState() {
        JsonObject base = PricingFixture.motorPlan("devbase-gb").put("productLine", "motor-dev");
        activePlan(base);
        JsonObject firstTest = base.getJsonArray("tests").getJsonObject(0);
        JsonObject deviation = new JsonObject().put("planId", "dev-gb-sct").put("version", 1).put("productLine", "motor-dev").put("jurisdiction", "GB-SCT")
                .put("deviation", new JsonObject().put("basePlanId", "devbase-gb").put("baseVersion", 1))
                .put("fees", new JsonArray().add(new JsonObject().put("name", "Scottish admin fee").put("amount", 20.00)))
                .put("tests", new JsonArray().add(firstTest.copy().put("expectedPremium", 485.41)));
        JsonObject created = json(hub.post("/api/v1/pricing/plans", insurer(), deviation.encode()), 201);
        assertEquals("devbase-gb@v1", created.getString("deviationOf"));
        json(hub.post("/api/v1/pricing/plans/dev-gb-sct/approve", hub.secondInsurerToken, "{\"version\":1}"), 200);
        json(hub.post("/api/v1/pricing/plans/dev-gb-sct/activate", insurer(), "{\"version\":1}"), 200);

        JsonObject scot = json(hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-dev", "car-1", "2026-02-01", "2026-08-01")
                .put("productLine", "motor-dev").put("jurisdiction", "GB-SCT").encode()), 201);
        JsonObject england = json(hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-dev", "car-1", "2026-02-01", "2026-08-01")
                .put("productLine", "motor-dev").put("jurisdiction", "GB-ENG").encode()), 201);
        assertEquals("dev-gb-sct", scot.getString("planId"));
        assertEquals("devbase-gb", england.getString("planId"), "a state without its own plan falls back to the country's");
        assertEquals(new BigDecimal("8.96"), new BigDecimal(scot.getString("fees")).subtract(new BigDecimal(england.getString("fees")))
                .multiply(new BigDecimal("1.12")).setScale(2, java.math.RoundingMode.HALF_UP));

        JsonObject orphan = deviation.copy().put("planId", "dev-orphan")
                .put("deviation", new JsonObject().put("basePlanId", "no-such-base").put("baseVersion", 3));
        JsonObject problem = json(hub.post("/api/v1/pricing/plans", insurer(), orphan.encode()), 400);
        assertTrue(problem.getJsonArray("problems").encode().contains("no-such-base@v3"), problem.encode());
    }

    @Test
    void wellnessQuoteReadsTheWearablesDailyAggregates() {
        JsonObject plan;
        try (java.io.InputStream in = getClass().getResourceAsStream("/plans/wellness-nl.json")) {
            plan = new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        activePlan(plan);
        LocalDate from = LocalDate.parse("2026-03-01");
        for (int i = 0; i < 90; i++) { // 9,000 steps and 30 active minutes a day, worn 15 h: silver (gold needs 10,000 steps)
            hub.summaries.save(new io.telerisk.model.summary.WearableDay("acme", "watch-1", from.plusDays(i), 9000, 30,
                    62.0 - i * 0.01, 420, 97.0, 900));
        }
        JsonObject request = new JsonObject().put("policyId", "pol-well").put("deviceId", "watch-1").put("productLine", "wellness")
                .put("jurisdiction", "NL").put("currency", "EUR").put("from", "2026-03-01").put("to", "2026-05-30")
                .put("inputs", new JsonObject().put("age", 35).put("smoker", "no"));
        JsonObject q = json(hub.post("/api/v1/pricing/quotes", insurer(), request.encode()), 201);
        assertEquals("silver", q.getString("wellnessTier"), q.getString("explanation"));
        assertEquals(sumOfEffects(q), new BigDecimal(q.getString("totalPremium")));
        JsonObject wellness = line(q, l -> "WELLNESS".equals(l.getString("step")));
        assertTrue(new BigDecimal(wellness.getString("effect")).signum() < 0, "a discount: " + q.getString("explanation"));
    }

    @Test
    void aWellnessQuoteForAVehicleAndAMotorQuoteForAWearableAreRefused() {
        JsonObject plan;
        try (java.io.InputStream in = getClass().getResourceAsStream("/plans/wellness-nl.json")) {
            plan = new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        hub.activePlan(plan.put("planId", "wellness-kind").put("productLine", "wellness-kind"));
        hub.activePlan(PricingFixture.motorPlan("motor-kind").put("productLine", "motor-kind"));
        JsonObject wellnessForCar = new JsonObject().put("policyId", "pol-kind").put("deviceId", "car-1").put("productLine", "wellness-kind")
                .put("jurisdiction", "NL").put("currency", "EUR").put("from", "2026-03-01").put("to", "2026-05-30")
                .put("inputs", new JsonObject().put("age", 35).put("smoker", "no"));
        JsonObject p1 = json(hub.post("/api/v1/pricing/quotes", insurer(), wellnessForCar.encode()), 422);
        assertTrue(p1.getString("detail").contains("car-1 is a vehicle"), p1.encode());
        JsonObject p2 = json(hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-kind", "watch-1", "2026-03-01", "2026-05-30")
                .put("productLine", "motor-kind").encode()), 422);
        assertTrue(p2.getString("detail").contains("watch-1 is a wearable"), p2.encode());
        JsonObject logged = json(hub.get("/api/v1/pricing/quotes?policyId=pol-kind", insurer()), 200);
        assertEquals(0, logged.getJsonArray("items").size(), "a refused quote is not logged");
    }

    @Test
    void scorePlanQuotesWithTheTelematicsModelAndExplainsTheScore() {
        hub.activePlan(PricingFixture.scorePlan("score-gb", "motor-score"));
        LocalDate calmFrom = LocalDate.parse("2028-03-01"), wildFrom = LocalDate.parse("2028-06-01"); // days no other test reads
        for (int i = 0; i < 30; i++) { // the same car: a calm month in spring, a month of night speeding in summer
            hub.summaries.save(new DailyUsage("acme", "car-1", calmFrom.plusDays(i), 25, 0, 0, 8, Duration.ofMinutes(40), 2, 0, 0, 0));
            hub.summaries.save(new DailyUsage("acme", "car-1", wildFrom.plusDays(i), 60, 15, 5, 40, Duration.ofMinutes(80), 3, 1, 1, 0));
        }
        JsonObject calm = json(hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-score", "car-1", "2028-03-01", "2028-03-31")
                .put("productLine", "motor-score").put("inputs", new JsonObject()).encode()), 201);
        JsonObject wild = json(hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-score", "car-1", "2028-06-01", "2028-07-01")
                .put("productLine", "motor-score").put("inputs", new JsonObject()).encode()), 201);

        JsonObject calmLine = line(calm, l -> "telematicsScore".equals(l.getString("variable")));
        JsonObject wildLine = line(wild, l -> "telematicsScore".equals(l.getString("variable")));
        double calmScore = calmLine.getDouble("input"), wildScore = wildLine.getDouble("input");
        assertTrue(calmScore > 0 && wildScore < 100, calmScore + " " + wildScore);
        assertTrue(wildScore > calmScore + 10, "night speeding must score riskier: " + calm.getString("explanation") + wild.getString("explanation"));
        assertTrue(wild.getString("scoreModel").startsWith("telematics-frequency-nn created "), wild.encode());
        JsonObject loggedScore = json(hub.get("/api/v1/pricing/quotes?policyId=pol-score", insurer()), 200);
        assertEquals(wild.getString("scoreModel"), loggedScore.getJsonArray("items").getJsonObject(1).getJsonObject("quote").getString("scoreModel"),
                "the logged quote records the score model too");
        String explanation = wild.getString("explanation");
        String shown = String.format(java.util.Locale.ROOT, "%.4f", wildScore);
        assertTrue(explanation.lines().anyMatch(l -> l.contains("telematicsScore") && l.contains(shown)),
                "the explanation shows the score " + shown + ": " + explanation);
        assertEquals(sumOfEffects(wild), new BigDecimal(wild.getString("totalPremium")));
        assertTrue(new BigDecimal(wild.getString("totalPremium")).compareTo(new BigDecimal(calm.getString("totalPremium"))) > 0,
                "a riskier score band costs more");
        assertEquals(LazyTelematicsScorer.State.LOADED, hub.scorer.state());
        assertTrue(hub.scorer.model().startsWith("telematics-frequency-nn"), hub.scorer.model());
    }

    private static JsonObject line(JsonObject quote, java.util.function.Predicate<JsonObject> p) {
        for (Object o : quote.getJsonArray("lines")) if (p.test((JsonObject) o)) return (JsonObject) o;
        throw new AssertionError("no such line in " + quote.getString("explanation"));
    }

    @Test
    void theUrbanShareIsRatedFromReportedRoadClassesAndNotRatedWithoutThem() {
        hub.activePlan(PricingFixture.motorPlan("road-gb").put("productLine", "motor-road"));
        LocalDate unknownFrom = LocalDate.parse("2029-03-01"), knownFrom = LocalDate.parse("2029-06-01"); // days no other test reads
        for (int i = 0; i < 30; i++) {
            // the same 40 km a day: without road class, then 10 urban + 20 rural + 10 motorway km
            hub.summaries.save(new DailyUsage("acme", "car-1", unknownFrom.plusDays(i), 40, 0, 0, 0, Duration.ofMinutes(50), 2, 0, 0, 0));
            hub.summaries.save(new DailyUsage("acme", "car-1", knownFrom.plusDays(i), 40, 0, 0, 10, 20, 10, Duration.ofMinutes(50), 2, 0, 0, 0));
        }
        JsonObject unknown = json(hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-road", "car-1", "2029-03-01", "2029-03-31")
                .put("productLine", "motor-road").encode()), 201);
        JsonObject known = json(hub.post("/api/v1/pricing/quotes", insurer(), quoteRequest("pol-road", "car-1", "2029-06-01", "2029-07-01")
                .put("productLine", "motor-road").encode()), 201);
        JsonObject notRated = line(unknown, l -> "urbanShare".equals(l.getString("variable")));
        assertEquals(1.0, notRated.getDouble("relativity"), 1e-12, unknown.getString("explanation"));
        assertTrue(unknown.getString("explanation").contains("road class reported for too few km"), unknown.getString("explanation"));
        JsonObject rated = line(known, l -> "urbanShare".equals(l.getString("variable")));
        assertEquals(0.25, rated.getDouble("input"), 1e-9);
        assertEquals(Math.exp(0.35 * (0.25 - 0.4)), rated.getDouble("relativity"), 1e-9, known.getString("explanation"));
        for (JsonObject q : List.of(unknown, known)) assertEquals(sumOfEffects(q), new BigDecimal(q.getString("totalPremium")));
        JsonObject day = json(hub.get("/api/v1/devices/vehicle/car-1/daily-usage?from=2029-06-01&to=2029-06-02", insurer()), 200)
                .getJsonArray("items").getJsonObject(0);
        assertEquals(20.0, day.getDouble("ruralDistanceKm"), 1e-9);
        assertEquals(10.0, day.getDouble("motorwayDistanceKm"), 1e-9);
    }

    @Test
    void impactOfADraftOverItsProductLinesBookWithPerPolicyResults() {
        activePlan(PricingFixture.motorPlan("imp-gb").put("productLine", "motor-impact"));
        JsonArray policies = new JsonArray();
        for (int i = 0; i < 3; i++) {
            policies.add(new JsonObject().put("policyId", "imp-" + i).put("productLine", "motor-impact").put("currentPremium", "450.00")
                    .put("inputs", new JsonObject().put("periodDays", 30).put("driverAge", 30 + 10 * i).put("vehicleGroup", 12)
                            .put("territory", "urban").put("noClaimsYears", i).put("distanceKm", 8000).put("nightShare", 0.05)
                            .put("urbanShare", 0.5).put("speedingShare", 0.01).put("harshEventsPer100Km", 1.0)));
        }
        // a policy of another line in the same tenant's book: a motor run must not try to rate it
        policies.add(new JsonObject().put("policyId", "imp-watch").put("productLine", "wellness-impact")
                .put("inputs", new JsonObject().put("age", 35).put("smoker", "no")));
        JsonObject stored = json(hub.post("/api/v1/pricing/policies", insurer(), new JsonObject().put("policies", policies).encode()), 200);
        assertEquals(4, stored.getInteger("upserted"));
        assertEquals(3, stored.getJsonObject("byProductLine").getInteger("motor-impact"));
        JsonObject bad = json(hub.post("/api/v1/pricing/policies", insurer(), new JsonObject().put("policies", new JsonArray()
                .add(new JsonObject().put("policyId", "ok-1").put("productLine", "motor-impact").put("inputs", new JsonObject().put("driverAge", 40)))
                .add(new JsonObject().put("policyId", "bad-1").put("productLine", "motor-impact").put("inputs", new JsonObject().put("shoeSize", 44)))
                .add(new JsonObject().put("policyId", "bad-2").put("inputs", new JsonObject()))
                .add(new JsonObject().put("policyId", "bad-3").put("productLine", "motor-impact").put("inputs", new JsonObject())
                        .put("currentPremium", "12,50"))).encode()), 400);
        assertEquals(3, bad.getJsonArray("problems").size(), bad.encode());
        assertTrue(bad.getJsonArray("problems").getString(1).startsWith("policies[2]") && bad.getJsonArray("problems").getString(1)
                .contains("productLine"), bad.encode());
        JsonObject book = json(hub.get("/api/v1/pricing/policies?productLine=MOTOR-impact&limit=2", insurer()), 200);
        assertEquals(3, book.getLong("total"), "nothing of the bad batch stored, one line's book: " + book.encode());
        assertEquals(2, book.getJsonArray("items").size());
        assertEquals(2, book.getInteger("offset") + json(hub.get("/api/v1/pricing/policies?productLine=motor-impact&offset=2", insurer()), 200)
                .getJsonArray("items").size() + 1, "pages cover the book");

        JsonObject draft = PricingFixture.motorPlan("imp-gb").put("productLine", "motor-impact").put("version", 2)
                .put("effectiveFrom", "2027-01-01");
        draft.getJsonObject("exposure").put("annualRate", 250.00);
        json(hub.post("/api/v1/pricing/plans", insurer(), draft.encode()), 201);
        JsonObject draftRef = new JsonObject().put("planId", "imp-gb").put("version", 2);
        JsonObject report = json(hub.post("/api/v1/pricing/impact", insurer(), new JsonObject().put("draft", draftRef).encode()), 201);
        assertEquals(1, report.getJsonObject("active").getInteger("version"), report.encode());
        assertEquals("motor-impact", report.getString("productLine"));
        assertEquals(3, report.getInteger("policies"), "the wellness policy is in another book: " + report.encode());
        assertEquals(3, report.getInteger("rated"), report.encode());
        assertEquals("2027-01-01", report.getString("ratingFrom"));
        assertEquals("2028-01-01", report.getString("ratingTo"));
        assertEquals(3, report.getInteger("increased"), report.encode());
        assertEquals(0, report.getInteger("decreased"), report.encode());
        assertEquals(0, report.getJsonObject("activeLimits").getInteger("minimumPremium", 0),
                "a year's premium, not the stored 30-day profile at the minimum premium: " + report.encode());

        long runId = report.getLong("runId");
        JsonObject again = json(hub.get("/api/v1/pricing/impact/" + runId, insurer()), 200);
        assertEquals(report.getString("totalDraft"), again.getString("totalDraft"));
        JsonObject page1 = json(hub.get("/api/v1/pricing/impact/" + runId + "/policies?limit=2", insurer()), 200);
        JsonObject page2 = json(hub.get("/api/v1/pricing/impact/" + runId + "/policies?offset=2&limit=2", insurer()), 200);
        assertEquals(3, page1.getLong("total"));
        assertEquals(List.of("imp-0", "imp-1"), page1.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("policyId")).toList());
        assertEquals(1, page2.getJsonArray("items").size());
        BigDecimal active = BigDecimal.ZERO, drafted = BigDecimal.ZERO;
        for (JsonObject page : List.of(page1, page2)) {
            for (Object o : page.getJsonArray("items")) {
                JsonObject r = (JsonObject) o;
                active = active.add(new BigDecimal(r.getString("activePremium")));
                drafted = drafted.add(new BigDecimal(r.getString("draftPremium")));
                assertTrue(r.getDouble("changePercent") > 0, r.encode());
            }
        }
        assertEquals(0, active.compareTo(new BigDecimal(report.getString("totalActive"))), "per-policy premiums add up to the run's totals");
        assertEquals(0, drafted.compareTo(new BigDecimal(report.getString("totalDraft"))));
        assertEquals(0, json(hub.get("/api/v1/pricing/impact/" + runId + "/policies?outcome=decreased", insurer()), 200).getLong("total"));
        assertEquals(404, hub.get("/api/v1/pricing/impact/" + runId, hub.rivalInsurer()).statusCode());
        assertEquals(404, hub.post("/api/v1/pricing/impact", hub.rivalInsurer(), new JsonObject().put("draft", draftRef).encode()).statusCode());
    }

    @Test
    void impactRatesTheRatingPeriodFromTheUsageWindowNotTheWindowAsThePremiumPeriod() {
        activePlan(PricingFixture.motorPlan("win-gb").put("productLine", "motor-window"));
        JsonObject draft = PricingFixture.motorPlan("win-gb").put("productLine", "motor-window").put("version", 2).put("effectiveFrom", "2027-01-01");
        draft.getJsonObject("exposure").put("annualRate", 250.00);
        json(hub.post("/api/v1/pricing/plans", insurer(), draft.encode()), 201);
        // a policy priced from its vehicle's summaries: 30 days of 40 km in June
        json(hub.post("/api/v1/pricing/policies", insurer(), new JsonObject().put("policyId", "win-car").put("productLine", "motor-window")
                .put("deviceId", "car-win").put("inputs", new JsonObject().put("driverAge", 40).put("vehicleGroup", 12)
                        .put("territory", "rural").put("noClaimsYears", 3)).encode()), 200);
        LocalDate june = LocalDate.parse("2026-06-01");
        for (int i = 0; i < 30; i++) {
            hub.summaries.save(new DailyUsage("acme", "car-win", june.plusDays(i), 40, 4, 1, 10, 20, 10, Duration.ofMinutes(50), 2,
                    i % 5 == 0 ? 1 : 0, 0, 0));
        }
        JsonObject draftRef = new JsonObject().put("planId", "win-gb").put("version", 2);
        JsonObject withoutUsage = json(hub.post("/api/v1/pricing/impact", insurer(), new JsonObject().put("draft", draftRef).encode()), 201);
        assertEquals(0, withoutUsage.getInteger("rated"), "without a usage window its driving variables are missing: " + withoutUsage.encode());
        JsonObject failed = json(hub.get("/api/v1/pricing/impact/" + withoutUsage.getLong("runId") + "/policies?outcome=failed", insurer()), 200);
        assertTrue(failed.getJsonArray("items").getJsonObject(0).getString("failure").contains("MISSING_INPUT"), failed.encode());

        JsonObject year = json(hub.post("/api/v1/pricing/impact", insurer(), new JsonObject().put("draft", draftRef)
                .put("usageFrom", "2026-06-01").put("usageTo", "2026-07-01").encode()), 201);
        assertEquals(1, year.getInteger("rated"), year.encode());
        assertEquals(365, year.getInteger("ratingDays"));
        assertEquals(0, year.getJsonObject("activeLimits").getInteger("minimumPremium", 0), "a year is above the minimum premium: " + year.encode());
        JsonObject month = json(hub.post("/api/v1/pricing/impact", insurer(), new JsonObject().put("draft", draftRef)
                .put("ratingFrom", "2027-01-01").put("ratingTo", "2027-01-31")
                .put("usageFrom", "2026-06-01").put("usageTo", "2026-07-01").encode()), 201);
        assertEquals(30, month.getInteger("ratingDays"));
        assertEquals(1, month.getJsonObject("activeLimits").getInteger("minimumPremium"), "a month is at the minimum premium: " + month.encode());
        assertTrue(new BigDecimal(year.getString("totalActive")).compareTo(new BigDecimal(month.getString("totalActive")).multiply(new BigDecimal("3"))) > 0,
                "the premium follows the rating period, not the 30-day usage window: " + year.getString("totalActive") + " vs " + month.getString("totalActive"));
        assertEquals(400, hub.post("/api/v1/pricing/impact", insurer(), new JsonObject().put("draft", draftRef)
                .put("usageFrom", "2026-06-01").encode()).statusCode());
        assertEquals(400, hub.post("/api/v1/pricing/impact", insurer(), new JsonObject().put("draft", draftRef)
                .put("ratingFrom", "2027-01-01").encode()).statusCode());
    }

    @Test
    void aCsvPolicyBookIsImportedAndEachBadRowIsReportedWithItsLineNumber() {
        String csv = "policyId,productLine,deviceId,driverAge,vehicleGroup,territory,noClaimsYears,currentPremium\n"
                + "csv-1,motor-csv,car-1,40,12,urban,3,450.00\n"
                + "\n"
                + "csv-2,motor-csv,,52,8,rural,9,\n";
        JsonObject ok = json(hub.post("/api/v1/pricing/policies", insurer(), "text/csv", csv), 200);
        assertEquals(2, ok.getInteger("upserted"), ok.encode());
        JsonObject listed = json(hub.get("/api/v1/pricing/policies?productLine=motor-csv", insurer()), 200);
        JsonObject first = listed.getJsonArray("items").getJsonObject(0);
        assertEquals("car-1", first.getString("deviceId"));
        assertEquals(40.0, first.getJsonObject("inputs").getDouble("driverAge"), 1e-9);
        assertEquals("urban", first.getJsonObject("inputs").getString("territory"));
        assertEquals(0, new BigDecimal("450.00").compareTo(new BigDecimal(first.getString("currentPremium"))));

        String bad = "policyId,productLine,driverAge,shoeSize\n"
                + "csv-3,motor-csv,40,\n"
                + "csv-4,motor-csv,40,44\n"
                + "csv 5,motor-csv,40,\n";
        JsonObject problem = json(hub.post("/api/v1/pricing/policies", insurer(), "text/csv", bad), 400);
        assertEquals(2, problem.getJsonArray("problems").size(), problem.encode());
        assertTrue(problem.getJsonArray("problems").getString(0).startsWith("line 3:"), problem.encode());
        assertTrue(problem.getJsonArray("problems").getString(1).startsWith("line 4:"), problem.encode());
        assertEquals(2, json(hub.get("/api/v1/pricing/policies?productLine=motor-csv", insurer()), 200).getLong("total"), "nothing stored");
    }

    @Test
    void aEuropeanExcelPolicyBookWithBomSemicolonsAndDecimalCommasIsImportedAndQuotedLineBreaksKeepLineNumbers() {
        String csv = "\uFEFFpolicyId;productLine;deviceId;driverAge;vehicleGroup;territory;noClaimsYears;currentPremium\r\n"
                + "csv-eu-1;motor-csv-eu;car-1;40;12;\"urban\";3;450,50\r\n"
                + "csv-eu-2;motor-csv-eu;;52,5;8;rural;9;\r\n";
        JsonObject ok = json(hub.post("/api/v1/pricing/policies", insurer(), "text/csv; charset=utf-8", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 200);
        assertEquals(2, ok.getInteger("upserted"), ok.encode());
        JsonObject listed = json(hub.get("/api/v1/pricing/policies?productLine=motor-csv-eu", insurer()), 200);
        JsonObject first = listed.getJsonArray("items").getJsonObject(0);
        assertEquals("urban", first.getJsonObject("inputs").getString("territory"));
        assertEquals(0, new BigDecimal("450.50").compareTo(new BigDecimal(first.getString("currentPremium"))), first.encode());
        assertEquals(52.5, listed.getJsonArray("items").getJsonObject(1).getJsonObject("inputs").getDouble("driverAge"), 1e-9);

        String bad = "policyId;productLine;driverAge;territory\r\n"
                + "csv-eu-3;motor-csv-eu;40;\"urban;\r\nrural\"\r\n"
                + "csv-eu-4;motor-csv-eu;40;urban;\r\n";
        JsonObject problem = json(hub.post("/api/v1/pricing/policies", insurer(), "text/csv", bad), 400);
        assertTrue(problem.getString("detail").contains("line 4: 5 fields, the header has 4"), "the record after a quoted line break is line 4: " + problem.encode());
    }

    @Test
    void aChineseExcelPolicyBookInGbkIsDecodedAsDeclaredAndRefusedWithTheWayOutWhenUndeclared() {
        byte[] gbk = ("policyId,productLine,driverAge,territory\r\ncsv-zh-1,车险-csv,40,\"urban\"\r\n").getBytes(java.nio.charset.Charset.forName("GBK"));
        JsonObject declared = json(hub.post("/api/v1/pricing/policies", insurer(), "text/csv; charset=GBK", gbk), 200);
        assertEquals(1, declared.getJsonObject("byProductLine").getInteger("车险-csv"), "decoded as GBK: " + declared.encode());
        JsonObject listed = json(hub.get("/api/v1/pricing/policies?productLine=" + java.net.URLEncoder.encode("车险-csv", java.nio.charset.StandardCharsets.UTF_8), insurer()), 200);
        assertEquals("csv-zh-1", listed.getJsonArray("items").getJsonObject(0).getString("policyId"), listed.encode());
        JsonObject undeclared = json(hub.post("/api/v1/pricing/policies", insurer(), "text/csv", gbk), 400);
        assertTrue(undeclared.getString("detail").contains("line 2: not valid UTF-8") && undeclared.getString("detail").contains("charset=GBK"), undeclared.encode());
        JsonObject unknown = json(hub.post("/api/v1/pricing/policies", insurer(), "text/csv; charset=klingon", gbk), 400);
        assertTrue(unknown.getString("detail").contains("unknown charset 'klingon'"), unknown.encode());
    }

    @Test
    void impactOfADraftRatingOnTheScoreScoresEachPolicyFromItsUsageWindow() {
        hub.activePlan(PricingFixture.scorePlan("score-imp", "motor-score-imp"));
        LocalDate from = LocalDate.parse("2028-09-01"); // days no other test reads
        for (int i = 0; i < 30; i++) {
            hub.summaries.save(new DailyUsage("acme", "car-calm", from.plusDays(i), 25, 0, 0, 8, Duration.ofMinutes(40), 2, 0, 0, 0));
            hub.summaries.save(new DailyUsage("acme", "car-wild", from.plusDays(i), 60, 15, 5, 40, Duration.ofMinutes(80), 3, 1, 1, 0));
        }
        for (String car : List.of("car-calm", "car-wild")) {
            json(hub.post("/api/v1/pricing/policies", insurer(), new JsonObject().put("policyId", "simp-" + car).put("deviceId", car)
                    .put("productLine", "motor-score-imp").put("inputs", new JsonObject()).encode()), 200);
        }
        // the draft charges the riskiest band more: only a policy scored above 60 can see its premium rise
        JsonObject draft = PricingFixture.scorePlan("score-imp", "motor-score-imp").put("version", 2);
        draft.getJsonArray("factors").getJsonObject(0).getJsonArray("bands").getJsonObject(2).put("relativity", 1.6);
        draft.put("tests", new JsonArray());
        json(hub.post("/api/v1/pricing/plans", insurer(), draft.encode()), 201);
        JsonObject report = json(hub.post("/api/v1/pricing/impact", insurer(), new JsonObject()
                .put("draft", new JsonObject().put("planId", "score-imp").put("version", 2))
                .put("usageFrom", "2028-09-01").put("usageTo", "2028-10-01").encode()), 201);
        assertEquals(2, report.getInteger("rated"), "both cars scored and rated: " + report.encode());
        assertEquals(1, report.getInteger("increased"), "the wild driver's score is in the repriced band: " + report.encode());
        assertEquals(1, report.getInteger("unchanged"), "the calm driver's is not: " + report.encode());
    }

    @Test
    void calibrationFitsTheTwoGroupPoissonModelInClosedFormAndExportsADraft() {
        // claims ~ factor(territory), offset log(exposure): the MLE is each group's claims / exposure
        Random rnd = new Random(7);
        JsonArray rows = new JsonArray();
        double claimsA = 0, expA = 0, claimsB = 0, expB = 0;
        StringBuilder csv = new StringBuilder("claims,exposure,territory\n");
        for (int i = 0; i < 400; i++) {
            boolean b = i % 2 == 1;
            double exposure = 0.5 + rnd.nextInt(6) * 0.1;
            int claims = rnd.nextDouble() < (b ? 0.25 : 0.1) * exposure * 3 ? 1 + rnd.nextInt(2) : 0;
            rows.add(new JsonObject().put("claims", claims).put("exposure", exposure).put("territory", b ? "urban" : "rural"));
            csv.append(claims).append(',').append(exposure).append(',').append(b ? "urban" : "rural").append('\n');
            if (b) { claimsB += claims; expB += exposure; } else { claimsA += claims; expA += exposure; }
        }
        JsonObject req = new JsonObject().put("formula", "claims ~ factor(territory)").put("offset", "log(exposure)").put("rows", rows)
                .put("export", new JsonObject().put("planId", "glm-gb").put("productLine", "motor-glm").put("jurisdiction", "GB")
                        .put("currency", "GBP").put("effectiveFrom", "2026-09-01").put("severity", "2800.00"));
        JsonObject fit = json(hub.post("/api/v1/pricing/calibrations", insurer(), req.encode()), 201);
        assertTrue(fit.getBoolean("converged"));
        JsonObject intercept = coefficient(fit, "(Intercept)");
        JsonObject urban = coefficient(fit, "factor(territory)urban");
        assertEquals(Math.log(claimsA / expA), intercept.getDouble("estimate"), 1e-7);
        assertEquals(1 / Math.sqrt(claimsA), intercept.getDouble("standardError"), 1e-6);
        assertEquals(Math.log((claimsB / expB) / (claimsA / expA)), urban.getDouble("estimate"), 1e-7);
        assertEquals(Math.sqrt(1 / claimsA + 1 / claimsB), urban.getDouble("standardError"), 1e-6);
        assertTrue(fit.getDouble("deviance") < fit.getDouble("nullDeviance"));
        JsonObject exported = fit.getJsonObject("exportedPlan");
        assertEquals("DRAFT", exported.getString("status"));
        assertEquals("acme-insurer", exported.getString("author"));
        assertEquals(1, json(hub.get("/api/v1/pricing/plans/glm-gb/versions", insurer()), 200).getInteger("total"));

        // the same data as CSV gives the same fit
        JsonObject fromCsv = json(hub.post("/api/v1/pricing/calibrations?formula=" + java.net.URLEncoder.encode("claims ~ factor(territory)",
                java.nio.charset.StandardCharsets.UTF_8) + "&offset=" + java.net.URLEncoder.encode("log(exposure)",
                java.nio.charset.StandardCharsets.UTF_8), insurer(), "text/csv", csv.toString()), 201);
        assertEquals(urban.getDouble("estimate"), coefficient(fromCsv, "factor(territory)urban").getDouble("estimate"), 1e-12);

        JsonObject runs = json(hub.get("/api/v1/pricing/calibrations", insurer()), 200);
        assertTrue(runs.getInteger("total") >= 2);
        JsonObject newest = json(hub.get("/api/v1/pricing/calibrations?limit=1", insurer()), 200);
        assertEquals(runs.getInteger("total"), newest.getInteger("total"), "total counts every run, not the page");
        assertEquals(1, newest.getJsonArray("items").size());
        assertEquals(runs.getJsonArray("items").getJsonObject(0).getLong("calibrationId"),
                newest.getJsonArray("items").getJsonObject(0).getLong("calibrationId"), "newest first");
        assertEquals(0, json(hub.get("/api/v1/pricing/calibrations", hub.rivalInsurer()), 200).getInteger("total"));

        // bad input: unknown column, ragged CSV, no rows
        HttpResponse<String> unknown = hub.post("/api/v1/pricing/calibrations", insurer(),
                req.copy().put("formula", "claims ~ factor(colour)").put("export", null).encode());
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("colour"), unknown.body());
        assertEquals(400, hub.post("/api/v1/pricing/calibrations?formula=claims~x", insurer(), "text/csv", "claims,x\n1,2,3\n").statusCode());
        assertEquals(400, hub.post("/api/v1/pricing/calibrations", insurer(), "{\"formula\":\"claims ~ x\",\"rows\":[]}").statusCode());
    }

    private static JsonObject coefficient(JsonObject fit, String name) {
        List<String> names = new ArrayList<>();
        for (Object o : fit.getJsonArray("coefficients")) {
            JsonObject c = (JsonObject) o;
            if (c.getString("name").equals(name)) return c;
            names.add(c.getString("name"));
        }
        throw new AssertionError("no coefficient " + name + " in " + names);
    }
}
