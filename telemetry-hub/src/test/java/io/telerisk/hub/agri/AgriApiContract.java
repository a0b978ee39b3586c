package io.telerisk.hub.agri;

import io.telerisk.agri.field.GeoJson;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.scene.Sentinel2Scene;
import io.telerisk.agri.scene.synthetic.SyntheticField;
import io.telerisk.agri.scene.synthetic.SyntheticSceneSpec;
import io.telerisk.agri.scene.synthetic.SyntheticSceneWriter;
import io.telerisk.hub.auth.Role;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crop credit over the real REST API and JDBC adapters; run against H2 and PostgreSQL by the subclasses. */
abstract class AgriApiContract {
    static AgriFixture hub;

    @TempDir
    Path tmp;

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) hub.close();
    }

    private static JsonObject created(HttpResponse<String> r) {
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void registersAFieldWithItsAreaAndFlagsOverlapWithAnotherFarmersField() {
        JsonObject mine = created(hub.post("/api/v1/agri/fields", hub.token(Role.FARMER),
                AgriTestData.field("ov-a", null, AgriTestData.square(36.20, -0.30, 0.0025))));
        assertFalse(mine.getBoolean("flagged"));
        double areaHa = mine.getJsonObject("field").getDouble("areaHa");
        assertTrue(areaHa > 7.0 && areaHa < 8.0, "0.0025 deg square near the equator is about 7.7 ha, got " + areaHa);
        assertEquals(32737, mine.getJsonObject("field").getInteger("utmEpsg"));
        assertEquals(hub.username(Role.FARMER), mine.getJsonObject("field").getString("farmerId"));

        JsonObject other = created(hub.post("/api/v1/agri/fields", hub.otherFarmerToken,
                AgriTestData.field("ov-b", null, AgriTestData.square(36.2012, -0.30, 0.0025))));
        assertTrue(other.getBoolean("flagged"), other.encode());
        JsonObject overlap = other.getJsonArray("overlaps").getJsonObject(0);
        assertEquals("ov-a", overlap.getString("fieldId"));
        assertTrue(overlap.getDouble("overlapHa") > 3.0, overlap.encode());
    }

    @Test
    void rejectsASelfIntersectingBoundaryWith400AndTheReason() {
        JsonArray bowtie = new JsonArray().add(new JsonArray().add(36.3).add(-0.3)).add(new JsonArray().add(36.303).add(-0.297))
                .add(new JsonArray().add(36.303).add(-0.3)).add(new JsonArray().add(36.3).add(-0.297)).add(new JsonArray().add(36.3).add(-0.3));
        JsonObject poly = new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(bowtie));
        HttpResponse<String> r = hub.post("/api/v1/agri/fields", hub.token(Role.FARMER), AgriTestData.field("bow", null, poly));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("SELF_INTERSECTION", new JsonObject(r.body()).getString("reason"));
        assertEquals(404, hub.get("/api/v1/agri/fields/bow", hub.token(Role.INSURER)).statusCode(), "nothing saved");
    }

    @Test
    void rejectsBadFieldInputWithAReason() {
        JsonObject f = AgriTestData.field("bad-crop", null, AgriTestData.square(36.4, -0.3, 0.002)).put("crop", "BANANA");
        HttpResponse<String> r = hub.post("/api/v1/agri/fields", hub.token(Role.FARMER), f);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("crop 'BANANA' is not one of"), r.body());
        r = hub.post("/api/v1/agri/fields", hub.token(Role.FARMER), AgriTestData.field("no-geo", null, new JsonObject().put("type", "Point")));
        assertEquals(400, r.statusCode(), r.body());
        r = hub.post("/api/v1/agri/fields", hub.token(Role.FARMER), AgriTestData.field("x'; DROP TABLE agri_field;--", null,
                AgriTestData.square(36.4, -0.3, 0.002)));
        assertEquals(400, r.statusCode(), r.body());
        r = hub.post("/api/v1/agri/fields", hub.token(Role.INSURER), AgriTestData.field("ins", null, AgriTestData.square(36.4, -0.3, 0.002)));
        assertEquals(403, r.statusCode(), "insurers read only");
    }

    @Test
    void aFarmerSeesOnlyTheirOwnFieldsAndInsurersReadTheTenant() {
        created(hub.post("/api/v1/agri/fields", hub.token(Role.FARMER), AgriTestData.field("own-1", null, AgriTestData.square(36.5, -0.3, 0.002))));
        assertEquals(404, hub.get("/api/v1/agri/fields/own-1", hub.otherFarmerToken).statusCode());
        assertEquals(200, hub.get("/api/v1/agri/fields/own-1", hub.token(Role.INSURER)).statusCode());
        JsonArray others = new JsonObject(hub.get("/api/v1/agri/fields", hub.otherFarmerToken).body()).getJsonArray("items");
        others.forEach(o -> assertFalse(((JsonObject) o).getString("fieldId").equals("own-1")));
        assertEquals(404, hub.get("/api/v1/agri/fields/own-1", hub.rival.tokens().get(Role.INSURER)).statusCode(), "other tenant");
        HttpResponse<String> steal = hub.post("/api/v1/agri/fields", hub.otherFarmerToken,
                AgriTestData.field("own-1", null, AgriTestData.square(36.6, -0.3, 0.002)));
        assertEquals(409, steal.statusCode(), steal.body());
    }

    @Test
    void aFarmersFieldsAndLoansArePagedAfterTheOwnerFilterWithTheirOwnTotal() {
        String op = hub.token(Role.OPERATOR), farmer = hub.token(Role.FARMER), me = hub.username(Role.FARMER);
        created(hub.post("/api/v1/agri/fields", op, AgriTestData.field("pg-mine", "pg-mine-dev",
                AgriTestData.square(36.9, -0.3, 0.0025)).put("farmerId", me)));
        created(hub.post("/api/v1/agri/fields", op, AgriTestData.field("pg-0", "pg-0-dev",
                AgriTestData.square(36.95, -0.3, 0.0025)).put("farmerId", "farmer-2")));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        // the farmer's application first, then newer ones of another farmer (their ids also sort first on a tie)
        for (String device : List.of("pg-mine-dev", "pg-0-dev", "pg-0-dev")) {
            t = t.plusSeconds(1);
            JsonObject req = new JsonObject().put("deviceId", device).put("amountRequested", "800.00").put("termMonths", 6)
                    .put("purpose", "seed").put("currency", "USD").put("requestedAt", t.toString());
            assertEquals(200, hub.post("/api/v1/agri/loans", op, req).statusCode());
        }
        JsonArray allFields = ok(hub.get("/api/v1/agri/fields?limit=5000", hub.token(Role.INSURER))).getJsonArray("items");
        java.util.Set<String> mine = new java.util.HashSet<>();
        allFields.stream().map(JsonObject.class::cast).filter(f -> f.getString("farmerId").equals(me)).forEach(f -> mine.add(f.getString("fieldId")));
        JsonObject all = ok(hub.get("/api/v1/agri/loans?limit=5000", hub.token(Role.INSURER)));
        assertEquals(all.getJsonArray("items").size(), all.getInteger("total"));
        long myLoans = all.getJsonArray("items").stream().map(JsonObject.class::cast).filter(l -> mine.contains(l.getString("fieldId"))).count();
        assertEquals("pg-0", all.getJsonArray("items").getJsonObject(0).getString("fieldId"), "another farmer's loan is the newest");

        JsonObject first = ok(hub.get("/api/v1/agri/loans?limit=1", farmer));
        assertEquals(1, first.getJsonArray("items").size(), "the owner filter comes before the page: " + first.encode());
        assertEquals("pg-mine", first.getJsonArray("items").getJsonObject(0).getString("fieldId"));
        assertEquals(myLoans, (long) first.getLong("total"));
        assertEquals(1, first.getInteger("limit"));
        JsonObject second = ok(hub.get("/api/v1/agri/loans?offset=1&limit=" + myLoans, farmer));
        assertEquals(myLoans - 1, second.getJsonArray("items").size());
        second.getJsonArray("items").forEach(l -> assertTrue(mine.contains(((JsonObject) l).getString("fieldId")), l.toString()));

        JsonObject fields = ok(hub.get("/api/v1/agri/fields?offset=0&limit=1", farmer));
        assertEquals(mine.size(), (long) fields.getLong("total"));
        assertEquals(1, fields.getJsonArray("items").size());
        assertEquals(1, ok(hub.get("/api/v1/agri/fields?offset=0&limit=1000", hub.otherFarmerToken)).getJsonArray("items").stream()
                .filter(f -> ((JsonObject) f).getString("fieldId").equals("pg-0")).count());
        assertEquals(400, hub.get("/api/v1/agri/loans?page=2", farmer).statusCode(), "unknown parameters are refused");
    }

    private static JsonObject ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void loansGiveTheRecordedDecisionForTheSameRequestAndReasonsOtherwise() {
        created(hub.post("/api/v1/agri/fields", hub.token(Role.FARMER), AgriTestData.field("loan-f", "field-1",
                AgriTestData.square(36.7, -0.3, 0.0025))));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonObject req = new JsonObject().put("deviceId", "field-1").put("amountRequested", "1200.50").put("termMonths", 6)
                .put("purpose", "fertiliser").put("currency", "USD").put("requestedAt", t.toString());
        HttpResponse<String> first = hub.post("/api/v1/agri/loans", hub.token(Role.FARMER), req);
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> again = hub.post("/api/v1/agri/loans", hub.token(Role.OPERATOR), req);
        JsonObject a = new JsonObject(first.body());
        JsonObject b = new JsonObject(again.body());
        assertEquals(a, b, "a repeated application returns the recorded decision");
        assertEquals("field-1-" + t.toEpochMilli(), a.getString("applicationId"));
        assertEquals("loan-f", a.getString("fieldId"));
        assertFalse(a.getJsonArray("factors").isEmpty());
        assertEquals(a, new JsonObject(hub.get("/api/v1/agri/loans/" + a.getString("applicationId"), hub.token(Role.INSURER)).body())
                .put("command", a.getJsonObject("command")));
        assertEquals(404, hub.get("/api/v1/agri/loans/" + a.getString("applicationId"), hub.otherFarmerToken).statusCode());
        assertEquals(404, hub.get("/api/v1/agri/loans/nope-1", hub.token(Role.INSURER)).statusCode());

        HttpResponse<String> bad = hub.post("/api/v1/agri/loans", hub.token(Role.FARMER), req.copy().put("termMonths", 60).put("requestedAt", t.plusSeconds(1).toString()));
        assertEquals(400, bad.statusCode());
        assertTrue(new JsonObject(bad.body()).getString("detail").contains("termMonths must be a whole number"), bad.body());

        HttpResponse<String> future = hub.post("/api/v1/agri/loans", hub.token(Role.FARMER), req.copy().put("requestedAt", t.plusSeconds(86_400).toString()));
        assertEquals(400, future.statusCode());
        assertTrue(future.body().contains("in the future"), future.body());

        HttpResponse<String> stranger = hub.post("/api/v1/agri/loans", hub.token(Role.OPERATOR), req.copy().put("deviceId", "car-1"));
        assertEquals(200, stranger.statusCode(), stranger.body());
        assertEquals("DECLINE", new JsonObject(stranger.body()).getString("outcome"));
        assertEquals("UNREGISTERED_DEVICE", new JsonObject(stranger.body()).getString("reason"));
        assertEquals(403, hub.post("/api/v1/agri/loans", hub.otherFarmerToken, req).statusCode(), "not their device");
    }

    @Test
    void aRedeliveredDeviceRequestGetsTheSameDecisionAndMalformedOnesAreCounted() throws Exception {
        created(hub.post("/api/v1/agri/fields", hub.token(Role.OPERATOR), AgriTestData.field("redeliv", "probe-9",
                AgriTestData.square(36.8, -0.3, 0.0025)).put("farmerId", "farmer-9")));
        List<Command> sent = new CopyOnWriteArrayList<>();
        try (LoanRequestListener l = hub.agri.loanListener((d, c) -> {
            sent.add(c);
            return CompletableFuture.completedFuture(null);
        })) {
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Envelope env = Envelope.events("acme", "probe-9", DeviceType.FARM_SENSOR, 7, t, List.of(LoanOverMqttTest.loanRequest(t, "900", 12.0)));
            l.accepted(env);
            l.accepted(env); // at-least-once delivery
            l.accepted(Envelope.events("acme", "probe-9", DeviceType.FARM_SENSOR, 8, t, List.of(LoanOverMqttTest.loanRequest(t, "abc", 12.0))));
            l.close();
            assertEquals(3, sent.size());
            assertEquals(sent.get(0), sent.get(1));
            assertEquals("REJECTED", sent.get(2).args().get("outcome"));
            assertTrue(String.valueOf(sent.get(2).args().get("detail")).startsWith("amountRequested 'abc' is not an amount"), String.valueOf(sent.get(2).args().get("detail")));
            assertEquals(1L, l.counters().get("rejected"));
            assertEquals(2L, l.counters().get("decided"));
            LoanDecision recorded = hub.agri.loans().findByApplication("acme", "probe-9-" + t.toEpochMilli()).orElseThrow();
            assertEquals(recorded.outcome().name(), sent.get(0).args().get("outcome"));
        }
    }

    @Test
    void aFinancedFieldWithoutObservationsRaisesASeasonAlert() {
        String op = hub.rival.tokens().get(Role.OPERATOR);
        created(hub.post("/api/v1/agri/fields", op, AgriTestData.field("alert-f", null, AgriTestData.square(37.1, -0.3, 0.0025))
                .put("farmerId", "farmer-a")));
        hub.agri.loans().save(new LoanDecision("alert-app-1", "rival", "dev-a", "alert-f", io.telerisk.agri.loan.LoanOutcome.APPROVE,
                "WITHIN_LIMIT", new java.math.BigDecimal("500.00"), new java.math.BigDecimal("500.00"), new java.math.BigDecimal("500.00"),
                new java.math.BigDecimal("900.00"),
                java.util.Currency.getInstance("USD"), io.telerisk.agri.loan.RiskGrade.B, new java.math.BigDecimal("11.00"), 6, List.of(),
                List.of(), Instant.now().minusSeconds(3600)));
        HttpResponse<String> r = hub.get("/api/v1/agri/alerts", hub.rival.tokens().get(Role.INSURER));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject all = new JsonObject(r.body());
        assertEquals(all.getJsonArray("items").size(), all.getLong("total"), "one page holds them all: " + r.body());
        JsonObject alert = all.getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(a -> a.getString("fieldId").equals("alert-f")).findFirst().orElseThrow(() -> new AssertionError(r.body()));
        assertEquals("NO_OBSERVATION", alert.getString("kind"));
        assertEquals(60.0, alert.getDouble("value"));
        assertEquals("alert-app-1", alert.getString("applicationId"));
        assertEquals(403, hub.get("/api/v1/agri/alerts", hub.rival.tokens().get(Role.FARMER)).statusCode());
        assertEquals(400, hub.get("/api/v1/agri/alerts?asOf=yesterday", op).statusCode());
        // the list envelope: a page past the end is empty and still counts every alert
        JsonObject past = new JsonObject(hub.get("/api/v1/agri/alerts?offset=" + all.getLong("total") + "&limit=1",
                hub.rival.tokens().get(Role.INSURER)).body());
        assertEquals(0, past.getJsonArray("items").size(), past.encode());
        assertEquals(all.getLong("total"), past.getLong("total"));
        assertEquals(1, past.getInteger("limit"));
    }

    @Test
    void firstRecordedDecisionWins() {
        JdbcLoanRepository repo = hub.agri.loans();
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        LoanDecision d = new LoanDecision("dup-1", "acme", "dev-d", "f-d", io.telerisk.agri.loan.LoanOutcome.APPROVE, "WITHIN_LIMIT",
                new java.math.BigDecimal("100.00"), new java.math.BigDecimal("100.00"), new java.math.BigDecimal("100.00"),
                new java.math.BigDecimal("500.00"),
                java.util.Currency.getInstance("USD"), io.telerisk.agri.loan.RiskGrade.A, new java.math.BigDecimal("9.50"), 6,
                List.of(new io.telerisk.agri.loan.Instalment(java.time.LocalDate.parse("2026-09-01"), new java.math.BigDecimal("100.00"),
                        new java.math.BigDecimal("5.10"))), List.of(new io.telerisk.agri.loan.Factor("x", "1", "2",
                        io.telerisk.agri.loan.Factor.Effect.RISK_POINTS, 1, "n")), t);
        repo.save(d);
        repo.save(new LoanDecision("dup-1", "acme", "dev-d", "f-d", io.telerisk.agri.loan.LoanOutcome.DECLINE, "RISK_GRADE_E",
                d.amountRequested(), java.math.BigDecimal.ZERO.setScale(2), java.math.BigDecimal.ZERO.setScale(2), d.limit(), d.currency(), null, null, 6, List.of(), List.of(), t.plusSeconds(5)));
        assertEquals(d, repo.findByApplication("acme", "dup-1").orElseThrow());
        assertEquals(List.of(d), repo.approvedForField("acme", "f-d"));
        assertEquals(List.of(), repo.approved("acme", t.minusSeconds(1)));
        assertTrue(repo.findByApplication("rival", "dup-1").isEmpty());
    }

    @Test
    void ingestsASceneFromFilesOnTheHubAndServesTheFieldsNdviSeries() throws Exception {
        // a tenant of its own so the scene covers exactly the fields of this test
        String op = hub.rival.tokens().get(Role.OPERATOR);
        JsonObject boundary = AgriTestData.square(36.9, -0.3, 0.003);
        created(hub.post("/api/v1/agri/fields", op, AgriTestData.field("ndvi-f", null, boundary).put("farmerId", "farmer-r")));
        var poly = GeoJson.polygon(boundary.encode());
        Instant acquired = Instant.parse("2026-06-12T08:10:00Z");
        Sentinel2Scene s = SyntheticSceneWriter.write(tmp, "S2-TEST-1", acquired, SyntheticSceneSpec.clear(
                SyntheticSceneWriter.gridAround(List.of(poly), 300), List.of(new SyntheticField(poly, 0.72)), 42));
        JsonObject req = new JsonObject().put("sceneId", "S2-TEST-1").put("acquired", acquired.toString())
                .put("red", s.red().toAbsolutePath().toString()).put("nir", s.nir().toAbsolutePath().toString())
                .put("scl", s.scl().toAbsolutePath().toString());
        HttpResponse<String> r = hub.post("/api/v1/agri/scenes", op, req);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, new JsonObject(r.body()).getInteger("observed"));

        JsonObject series = new JsonObject(hub.get("/api/v1/agri/fields/ndvi-f/ndvi?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z", op).body());
        JsonArray points = series.getJsonArray("points");
        assertEquals(1, points.size(), series.encode());
        JsonObject p = points.getJsonObject(0);
        assertEquals("ok", p.getString("status"));
        assertEquals(0.72, p.getDouble("mean"), 0.03);
        assertEquals(acquired.toString(), p.getString("acquired"));

        assertEquals(403, hub.post("/api/v1/agri/scenes", hub.rival.tokens().get(Role.FARMER), req).statusCode(), "operators only");
        HttpResponse<String> missing = hub.post("/api/v1/agri/scenes", op, req.copy().put("red", tmp.resolve("nope.tif").toString()));
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("not a readable file"), missing.body());
        Path corrupt = Files.write(tmp.resolve("corrupt.tif"), new byte[]{'I', 'I', 42, 0, 1, 2, 3});
        HttpResponse<String> bad = hub.post("/api/v1/agri/scenes", op, req.copy().put("red", corrupt.toString()));
        assertEquals(422, bad.statusCode(), bad.body());
        assertTrue(new JsonObject(bad.body()).getString("reason") != null, bad.body());
    }

    @Test
    void aSceneWithoutTheOffsetIsRefusedUntilItsBaselineIsStated() throws Exception {
        // issue #13: a pre-04.00 product (no offset) read with the 04.00 default gave NDVI above 1, silently
        String op = hub.rival.tokens().get(Role.OPERATOR);
        JsonObject boundary = AgriTestData.square(37.4, -0.6, 0.003);
        created(hub.post("/api/v1/agri/fields", op, AgriTestData.field("ndvi-old", null, boundary).put("farmerId", "farmer-r")));
        var poly = GeoJson.polygon(boundary.encode());
        Instant acquired = Instant.parse("2021-06-12T08:10:00Z");
        var grid = SyntheticSceneWriter.gridAround(List.of(poly), 300);
        Sentinel2Scene s = SyntheticSceneWriter.write(tmp.resolve("old"), "S2-OLD", acquired, new SyntheticSceneSpec(grid, 20,
                List.of(new SyntheticField(poly, 0.72)), List.of(), 0.2, 0.03, grid.width(), 42,
                io.telerisk.agri.scene.RadiometricScaling.BEFORE_BASELINE_04));
        JsonObject req = new JsonObject().put("sceneId", "S2-OLD").put("acquired", acquired.toString())
                .put("red", s.red().toAbsolutePath().toString()).put("nir", s.nir().toAbsolutePath().toString())
                .put("scl", s.scl().toAbsolutePath().toString());
        HttpResponse<String> refused = hub.post("/api/v1/agri/scenes", op, req);
        assertEquals(422, refused.statusCode(), refused.body());
        JsonObject problem = new JsonObject(refused.body());
        assertEquals("IMPLAUSIBLE_REFLECTANCE", problem.getString("reason"), refused.body());
        assertTrue(problem.getString("detail").contains("\"processingBaseline\":\"03.01\""), refused.body());
        String series = "/api/v1/agri/fields/ndvi-old/ndvi?from=2021-06-01T00:00:00Z&to=2021-07-01T00:00:00Z";
        assertEquals(0, new JsonObject(hub.get(series, op).body()).getJsonArray("points").size(), "nothing stored");

        Path mtd = Files.writeString(tmp.resolve("MTD_MSIL2A.xml"), "<x><PROCESSING_BASELINE>03.01</PROCESSING_BASELINE></x>");
        HttpResponse<String> stated = hub.post("/api/v1/agri/scenes", op, req.copy().put("metadata", mtd.toAbsolutePath().toString()));
        assertEquals(200, stated.statusCode(), stated.body());
        assertEquals(0, new JsonObject(stated.body()).getLong("negativeReflectancePixels"));
        JsonObject p = new JsonObject(hub.get(series, op).body()).getJsonArray("points").getJsonObject(0);
        assertEquals(0.72, p.getDouble("mean"), 0.03);
        HttpResponse<String> byBaseline = hub.post("/api/v1/agri/scenes", op, req.copy().put("processingBaseline", "03.01"));
        assertEquals(200, byBaseline.statusCode(), byBaseline.body());
    }
}
