package io.telerisk.pricing.cli;

import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.RatingPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PricingCliTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = new PricingCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path resource(String name) throws Exception {
        Path p = dir.resolve(Path.of(name).getFileName().toString());
        try (var in = getClass().getResourceAsStream(name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void fitPrintsCoefficientsDevianceAndResidualDf() throws Exception {
        Run r = run("fit", "--data", resource("/glm/simulated-3000.csv").toString(), "--formula",
                "claims ~ log(annualKm) + nightShare + factor(territory) + band(driverAge, 25, 60)", "--offset", "log(exposure)");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("log(annualKm)") && r.out().contains("0.5237496"), r.out());
        assertTrue(r.out().contains("Residual deviance: 967.636662  on 2993  degrees of freedom"), r.out());
    }

    @Test
    void fitCanExportADraftPlanThatReadsBack() throws Exception {
        Path out = dir.resolve("draft.json");
        Run r = run("fit", "--data", resource("/glm/simulated-3000.csv").toString(), "--formula",
                "claims ~ log(annualKm) + nightShare + factor(territory) + band(driverAge, 25, 60)", "--offset", "log(exposure)",
                "--export-plan", out.toString(), "--plan-id", "glm-gb", "--product-line", "motor", "--jurisdiction", "GB",
                "--currency", "GBP", "--effective-from", "2026-07-01", "--severity", "2800");
        assertEquals(0, r.status(), r.err());
        RatingPlan plan = PlanDocumentReader.read(out);
        assertEquals(4, plan.factors().size());
        assertEquals(-7.29550362563, plan.claimFrequency().intercept(), 1e-9);
        Run v = run("validate", "--plan", out.toString());
        assertEquals(0, v.status(), v.err());
    }

    @Test
    void quotePrintsAnExplanationFromAUsageCsv() throws Exception {
        Path usage = dir.resolve("usage.csv");
        StringBuilder sb = new StringBuilder("tenant,deviceId,day,distanceKm,nightDistanceKm,speedingDistanceKm,urbanDistanceKm,drivingTimeS,trips,harshBrakes,harshAccelerations,harshCorners\n");
        for (int d = 1; d <= 30; d++) sb.append("t1,car-7,2026-04-").append(String.format("%02d", d)).append(",32.5,2.0,0.5,12.0,2700,3,0,1,0\n");
        Files.writeString(usage, sb);
        Run r = run("quote", "--plan", resource("/plans/motor-payd-gb.json").toString(), "--usage", usage.toString(),
                "--set", "driverAge=33", "--set", "vehicleGroup=14", "--set", "territory=urban", "--set", "noClaimsYears=2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("motor-payd-gb@v1") && r.out().contains("TOTAL") && r.out().contains("(25, 35]"), r.out());
        assertTrue(r.out().contains("30 days"), r.out());
    }

    @Test
    void quoteRefusesAUsageFileWithBadRowsAndSaysWhy() throws Exception {
        Path usage = dir.resolve("usage.csv");
        Files.writeString(usage, """
            tenant,deviceId,day,distanceKm,nightDistanceKm,speedingDistanceKm,urbanDistanceKm,drivingTimeS,trips,harshBrakes,harshAccelerations,harshCorners
            t1,car,2026-04-01,10,1,0,5,600,1,0,0,0
            t1,car,2026-04-02,ten,1,0,5,600,1,0,0,0
            t1,car,2026-04-03,10,20,0,5,600,1,0,0,0
            t1,car,2026-13-04,10,1,0,5,600,1,0,0,0
            """);
        Run r = run("quote", "--plan", resource("/plans/motor-payd-gb.json").toString(), "--usage", usage.toString(), "--set", "driverAge=40");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("3 bad row(s)"), r.err());
        assertTrue(r.err().contains("data row 2: distanceKm 'ten' is not a plain number (km in a day"), r.err());
        assertTrue(r.err().contains("data row 3: inconsistent distances"), r.err());
        assertTrue(r.err().contains("data row 4: day '2026-13-04' is not a date"), r.err());
    }

    @Test
    void quoteReadsJsonUsage() throws Exception {
        Path usage = dir.resolve("usage.json");
        Files.writeString(usage, """
            [{"tenant":"t1","deviceId":"car","day":"2026-04-01","distanceKm":40,"nightDistanceKm":4,"speedingDistanceKm":1,
              "urbanDistanceKm":10,"drivingTime":"PT50M","trips":2,"harshBrakes":1,"harshAccelerations":0,"harshCorners":0}]""");
        Run r = run("quote", "--plan", resource("/plans/motor-payd-gb.json").toString(), "--usage", usage.toString(),
                "--set", "driverAge=40", "--set", "vehicleGroup=3", "--set", "territory=rural", "--set", "noClaimsYears=0");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("1 days"), r.out());
    }

    @Test
    void validateReportsProblemsAndTestResults() throws Exception {
        Run ok = run("validate", "--plan", resource("/plans/wellness-nl.json").toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("3 passed, 0 failed"), ok.out());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
            {"planId":"b","version":1,"productLine":"motor","jurisdiction":"DE","currency":"EUR","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":100},"factors":[{"variable":"gender","levels":{"f":1,"m":-1}}]}""");
        Run r = run("validate", "--plan", bad.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("prohibited in DE") && r.err().contains("negative relativity"), r.err());
    }

    @Test
    void scorePlanQuotesWithTheBundledModelOrTheOneGivenAndSaysWhich() throws Exception {
        Path plan = dir.resolve("score.json");
        Files.writeString(plan, """
            {"planId":"s","version":1,"productLine":"motor","jurisdiction":"GB","currency":"GBP","effectiveFrom":"2026-01-01",
             "exposure":{"annualRate":100},"factors":[{"variable":"telematicsScore","bands":[{"upTo":50,"relativity":0.9},{"over":50,"relativity":1.2}]}],
             "telematics":{"credibility":{"method":"FULL"}}}""");
        Path usage = dir.resolve("u.json");
        Files.writeString(usage, """
            [{"deviceId":"car","day":"2026-01-03","distanceKm":60,"nightDistanceKm":15,"speedingDistanceKm":5,"urbanDistanceKm":40,
              "drivingTimeS":4800,"trips":3,"harshBrakes":1,"harshAccelerations":1,"harshCorners":0}]""");
        Run bundled = run("quote", "--plan", plan.toString(), "--usage", usage.toString(), "--from", "2026-01-01", "--to", "2026-02-01");
        assertEquals(0, bundled.status(), bundled.err());
        String scoreLine = bundled.out().lines().filter(l -> l.startsWith("TELEMATICS") && l.contains("telematicsScore")).findFirst()
                .orElseThrow(() -> new AssertionError(bundled.out()));
        assertTrue(scoreLine.matches(".*telematicsScore\\s+\\d+\\.\\d{4}\\s+.*"), "the line shows the score: " + scoreLine);
        assertTrue(bundled.out().contains("telematicsScore model: telematics-frequency-nn") && bundled.out().contains("bundled"), bundled.out());

        Path model = dir.resolve("model");
        io.telerisk.pricing.score.tf.BundledScoreModel.copyTo(model);
        Run given = run("quote", "--plan", plan.toString(), "--usage", usage.toString(), "--from", "2026-01-01", "--to", "2026-02-01",
                "--score-model", model.toString());
        assertEquals(0, given.status(), given.err());
        assertTrue(given.out().contains(scoreLine), "the same model scores the same: " + given.out());
        assertTrue(given.out().contains("from " + model), given.out());

        Run missing = run("quote", "--plan", plan.toString(), "--usage", usage.toString(), "--from", "2026-01-01", "--to", "2026-02-01",
                "--score-model", dir.resolve("no-model").toString());
        assertEquals(1, missing.status(), missing.err());
        assertTrue(missing.err().contains("cannot use the score model in") && missing.err().contains("no model-card.json"), missing.err());

        Files.writeString(model.resolve("saved_model.pb"), "garbage");
        Run corrupt = run("quote", "--plan", plan.toString(), "--usage", usage.toString(), "--from", "2026-01-01", "--to", "2026-02-01",
                "--score-model", model.toString());
        assertEquals(1, corrupt.status(), corrupt.err());
        assertTrue(corrupt.err().startsWith("pricing quote: cannot use the score model in " + model), corrupt.err());
        assertFalse(corrupt.err().contains("\tat "), "no stack trace: " + corrupt.err());
    }

    @Test
    void impactComparesTwoPlansOverAPortfolioCsv() throws Exception {
        Path active = resource("/plans/motor-payd-gb.json");
        String draftJson = Files.readString(active).replace("\"version\": 1", "\"version\": 2").replace("\"london\": 1.35", "\"london\": 1.50");
        Path draft = dir.resolve("draft.json");
        Files.writeString(draft, draftJson);
        Path portfolio = dir.resolve("policies.csv");
        Files.writeString(portfolio, """
            policyId,periodDays,driverAge,vehicleGroup,territory,noClaimsYears,distanceKm,nightShare,urbanShare,speedingShare,harshEventsPer100Km,priorAdjustment
            p1,365,40,12,london,3,9000,0.05,0.4,0.02,1.0,
            p2,365,40,12,rural,3,9000,0.05,0.4,0.02,1.0,1.0
            p3,365,15,12,rural,3,9000,0.05,0.4,0.02,1.0,
            """);
        Run r = run("impact", "--draft", draft.toString(), "--active", active.toString(), "--portfolio", portfolio.toString(), "--threads", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("3 policies, 2 rated by both"), r.out());
        assertTrue(r.out().contains("increased 1, decreased 0, unchanged 1"), r.out());
        assertTrue(r.out().contains("OUT_OF_BANDS"), r.out());
    }

    @Test
    void validateResolvesADeviationAgainstItsBase() throws Exception {
        Path base = resource("/plans/motor-payd-gb.json");
        Path dev = dir.resolve("dev.json");
        Files.writeString(dev, """
            {"planId":"motor-payd-gb-ni","version":1,"productLine":"motor","jurisdiction":"GB-NIR",
             "deviation":{"basePlanId":"motor-payd-gb","baseVersion":1},
             "exposure":{"annualRate":200.00},
             "tests":[{"name":"base rate changed","profile":{"periodDays":365,"driverAge":45,"vehicleGroup":15,"territory":"suburban",
               "noClaimsYears":5,"distanceKm":9000,"nightShare":0.05,"urbanShare":0.40,"speedingShare":0.02,"harshEventsPer100Km":1.0},
               "expectedPremium":491.01}]}""");
        Run missing = run("validate", "--plan", dev.toString());
        assertEquals(2, missing.status());
        Run r = run("validate", "--plan", dev.toString(), "--base", base.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("1 passed, 0 failed"), r.out());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("frobnicate").status());
        assertEquals(2, run("fit", "--data").status());
        assertEquals(2, run("quote", "--usage", "x.csv").status());
    }

    @Test
    void missingFilesAreAClearFailure() {
        Run r = run("fit", "--data", dir.resolve("nope.csv").toString(), "--formula", "y ~ x");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("nope.csv"), r.err());
    }
}
