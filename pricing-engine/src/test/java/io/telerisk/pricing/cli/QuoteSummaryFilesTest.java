package io.telerisk.pricing.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pricing quote} with wearable days for wellness plans, the file kind matched to the plan, and bad files
 * (missing columns, other units, hostile strings) refused with a reason that names row, field and unit.
 */
class QuoteSummaryFilesTest {
    static final String WEARABLE_HEADER = "tenant,deviceId,day,steps,activeMinutes,restingHeartRateBpm,sleepMinutes,meanSpo2Percent,wornMinutes\n";
    static final String DRIVING_HEADER = "deviceId,day,distanceKm,nightDistanceKm,speedingDistanceKm,urbanDistanceKm,drivingTimeS,trips,harshBrakes,harshAccelerations,harshCorners\n";

    @TempDir
    Path dir;

    private Path plan(String name) throws Exception {
        Path p = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
        try (var in = getClass().getResourceAsStream(name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** 90 days worn 15 h with the given steps and active minutes; resting HR falling, missing every tenth day. */
    private static String wearableCsv(int steps, int activeMinutes) {
        StringBuilder sb = new StringBuilder(WEARABLE_HEADER);
        LocalDate d = LocalDate.of(2026, 3, 1);
        for (int i = 0; i < 90; i++) {
            String hr = i % 10 == 0 ? "" : String.format(java.util.Locale.ROOT, "%.2f", 62 - i * 0.02);
            sb.append("acme,watch-1,").append(d.plusDays(i)).append(',').append(steps).append(',').append(activeMinutes).append(',')
                    .append(hr).append(",420,97.0,900\n");
        }
        return sb.toString();
    }

    private Run wellness(Path usage) throws Exception {
        return run("quote", "--plan", plan("/plans/wellness-nl.json").toString(), "--usage", usage.toString(), "--set", "age=35", "--set", "smoker=no");
    }

    private Run motor(Path usage) throws Exception {
        return run("quote", "--plan", plan("/plans/motor-payd-gb.json").toString(), "--usage", usage.toString(), "--set", "driverAge=40",
                "--set", "vehicleGroup=3", "--set", "territory=rural", "--set", "noClaimsYears=0");
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        PricingCliTest.Run r = PricingCliTest.run(args);
        return new Run(r.status(), r.out(), r.err());
    }

    @Test
    void wellnessPlanQuotesFromAWearableCsvWithTheTierItEarns() throws Exception {
        Run silver = wellness(file("watch.csv", wearableCsv(9000, 30)));
        assertEquals(0, silver.status(), silver.err());
        assertTrue(silver.out().contains("wellness-nl@v1") && silver.out().contains("90 days"), silver.out());
        assertTrue(silver.out().contains("tier silver"), "9,000 steps and 30 active minutes a day earn silver: " + silver.out());

        Run gold = wellness(file("active.csv", wearableCsv(11000, 45)));
        assertEquals(0, gold.status(), gold.err());
        assertTrue(gold.out().contains("tier gold"), "a falling resting heart rate and 11,000 steps earn gold: " + gold.out());
    }

    @Test
    void aEuropeanExcelExportOfTheSameDaysQuotesTheSame() throws Exception {
        Run plain = wellness(file("watch.csv", wearableCsv(9000, 30)));
        // the same days as Excel saves them where the decimal mark is a comma: BOM, ';', "61,98", CRLF
        String european = "\uFEFF" + wearableCsv(9000, 30).replace(",", ";").replace('.', ',').replace("\n", "\r\n");
        Run excel = wellness(file("watch-de.csv", european));
        assertEquals(0, excel.status(), excel.err());
        assertEquals(plain.out(), excel.out());
    }

    @Test
    void aChineseExcelCsvInGbkQuotesTheSameWithItsEncodingNamed() throws Exception {
        Run plain = wellness(file("watch.csv", wearableCsv(9000, 30)));
        // Chinese Excel's plain "CSV": GBK, no byte order mark, CRLF, a notes column in Chinese
        String[] lines = wearableCsv(9000, 30).split("\n");
        StringBuilder chinese = new StringBuilder(lines[0]).append(",备注\r\n");
        for (int i = 1; i < lines.length; i++) chinese.append(lines[i]).append(i % 2 == 0 ? ",晨跑五公里\r\n" : ",办公室久坐\r\n");
        Path gbk = dir.resolve("watch-zh.csv");
        Files.write(gbk, chinese.toString().getBytes(java.nio.charset.Charset.forName("GBK")));
        assertFalse(new String(Files.readAllBytes(gbk), java.nio.charset.StandardCharsets.ISO_8859_1).contains("\u00ef\u00bb\u00bf"), "no BOM");

        Run unnamed = wellness(gbk);
        assertEquals(1, unnamed.status(), unnamed.out());
        assertTrue(unnamed.err().contains("not UTF-8 text at line 1") && unnamed.err().contains("--encoding GBK"), unnamed.err());

        String[] args = {"quote", "--plan", plan("/plans/wellness-nl.json").toString(), "--usage", gbk.toString(), "--set", "age=35",
                "--set", "smoker=no", "--encoding", "GBK"};
        Run named = run(args);
        assertEquals(0, named.status(), named.err());
        assertEquals(plain.out(), named.out());

        // a byte order mark wins over --encoding: Excel's "Unicode text" (UTF-16 LE) and "CSV UTF-8"
        Path utf16 = dir.resolve("watch-utf16.csv");
        byte[] body = chinese.toString().getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] marked = new byte[body.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(body, 0, marked, 2, body.length);
        Files.write(utf16, marked);
        args[4] = utf16.toString();
        assertEquals(plain.out(), run(args).out());
        Path utf8 = file("watch-utf8.csv", "\uFEFF" + chinese);
        args[4] = utf8.toString();
        assertEquals(plain.out(), run(args).out());

        args[4] = gbk.toString();
        args[args.length - 1] = "klingon";
        Run unknown = run(args);
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("--encoding: unknown charset 'klingon'"), unknown.err());
    }

    @Test
    void wellnessPlanReadsTheHubsWearableDaysAnswerAsSaved() throws Exception {
        // GET /api/v1/devices/wearable/watch-1/wearable-days: an object with "items", no tenant, null where unknown
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            if (i > 0) items.append(',');
            items.append("{\"deviceId\":\"watch-1\",\"day\":\"").append(LocalDate.of(2026, 3, 1).plusDays(i))
                    .append("\",\"steps\":6500,\"activeMinutes\":20,\"restingHeartRateBpm\":").append(i % 7 == 0 ? "null" : "61.5")
                    .append(",\"sleepMinutes\":400,\"meanSpo2Percent\":null,\"wornMinutes\":800}");
        }
        Path saved = file("watch.json", "{\"device\":{\"deviceId\":\"watch-1\",\"type\":\"wearable\"},\"from\":\"2026-03-01\",\"to\":\"2026-05-10\","
                + "\"items\":[" + items + "]}");
        Run r = wellness(saved);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("tier bronze") && r.out().contains("70 days"), r.out());
    }

    @Test
    void theFileMustHoldWhatThePlanPrices() throws Exception {
        Run wrongForWellness = wellness(file("car.csv", DRIVING_HEADER + "car-1,2026-04-01,30,1,0,10,1800,2,0,0,0\n"));
        assertEquals(1, wrongForWellness.status());
        assertTrue(wrongForWellness.err().contains("plan wellness-nl@v1 prices wellness tiers from a wearable's daily summaries")
                && wrongForWellness.err().contains("this file has driving columns"), wrongForWellness.err());

        Run wrongForMotor = motor(file("watch.csv", wearableCsv(9000, 30)));
        assertEquals(1, wrongForMotor.status());
        assertTrue(wrongForMotor.err().contains("prices driving from a vehicle's daily usage") && wrongForMotor.err().contains("wearable columns"),
                wrongForMotor.err());

        Run twoWatches = wellness(file("two.csv", WEARABLE_HEADER + "acme,watch-1,2026-03-01,9000,30,62,420,97,900\n"
                + "acme,watch-2,2026-03-01,9000,30,62,420,97,900\n"));
        assertEquals(1, twoWatches.status());
        assertTrue(twoWatches.err().contains("rows of 2 devices [watch-1, watch-2]"), twoWatches.err());
    }

    @Test
    void missingColumnsAreNamedWithWhatTheFileHas() throws Exception {
        Run noHr = wellness(file("nohr.csv", "deviceId,day,steps,activeMinutes,wornMinutes\nwatch-1,2026-03-01,9000,30,900\n"));
        assertEquals(1, noHr.status());
        assertTrue(noHr.err().contains("missing column restingHeartRateBpm for wearable days (the file has ['deviceId', 'day', 'steps', "
                + "'activeMinutes', 'wornMinutes'])"), noHr.err());

        Run miles = motor(file("miles.csv", DRIVING_HEADER.replace("distanceKm,", "distanceMiles,") + "car-1,2026-04-01,30,1,0,10,1800,2,0,0,0\n"));
        assertEquals(1, miles.status());
        assertTrue(miles.err().contains("missing column distanceKm for driving usage") && miles.err().contains("'distanceMiles'"), miles.err());

        Run samples = wellness(file("raw.csv", "time,heartRateBpm,steps\n2026-03-01T08:00:00Z,71,12\n"));
        assertEquals(1, samples.status());
        assertTrue(samples.err().contains("missing columns deviceId, day, activeMinutes, restingHeartRateBpm, wornMinutes"), samples.err());
    }

    @Test
    void valuesInAnotherUnitAreRefusedWithTheUnitExpected() throws Exception {
        Run wearable = wellness(file("units.csv", WEARABLE_HEADER
                + "acme,watch-1,2026-03-01,9000,30,62,420,97,54000\n"         // worn seconds, not minutes
                + "acme,watch-1,2026-03-02,9000,30,62,420,0.97,900\n"         // SpO2 as a fraction
                + "acme,watch-1,2026-03-03,9000,30,1.05,420,97,900\n"         // heart rate in Hz
                + "acme,watch-1,2026-03-04,9000,30,62 bpm,420,97,900\n"       // a unit in the cell
                + "acme,watch-1,2026-03-05,9000.5,30,62,420,97,900\n"));      // half a step
        assertEquals(1, wearable.status());
        String e = wearable.err();
        assertTrue(e.contains("5 bad row(s)"), e);
        assertTrue(e.contains("data row 1: wornMinutes 54000 is outside 0..1440 minutes in a day: is it in another unit?"), e);
        assertTrue(e.contains("data row 2: meanSpo2Percent 0.97 is outside 50..100 percent"), e);
        assertTrue(e.contains("data row 3: restingHeartRateBpm 1.05 is outside 25..220 beats per minute"), e);
        assertTrue(e.contains("data row 4: restingHeartRateBpm '62 bpm' is not a plain number (beats per minute, without a unit sign)"), e);
        assertTrue(e.contains("data row 5: steps '9000.5' is not a whole number of steps in a day"), e);

        Run driving = motor(file("units.csv", DRIVING_HEADER
                + "car-1,2026-04-01,32500,0,0,0,2700,3,0,0,0\n"                // metres
                + "car-1,2026-04-02,32.5,0,0,0,2700000,3,0,0,0\n"              // milliseconds
                + "car-1,2026-04-03,32.5,0,0,0,0x10,3,0,0,0\n"                 // hex
                + "car-1,2026-04-04,NaN,0,0,0,2700,3,0,0,0\n"));
        assertEquals(1, driving.status());
        e = driving.err();
        assertTrue(e.contains("data row 1: distanceKm 32500 is outside 0..5000 km in a day"), e);
        assertTrue(e.contains("data row 2: drivingTimeS 2700000 is outside 0..86400 seconds in a day"), e);
        assertTrue(e.contains("data row 3: drivingTimeS '0x10' is not a plain number"), e);
        assertTrue(e.contains("data row 4: distanceKm 'NaN' is not a plain number"), e);
    }

    @Test
    void hostileStringsAreRefusedAndNeverEchoedRaw() throws Exception {
        String longValue = "x".repeat(10_000);
        Run r = motor(file("hostile.csv", DRIVING_HEADER
                + "car\u001b[2J\u001b[31m-1,2026-04-01,30,1,0,10,1800,2,0,0,0\n"  // terminal escapes
                + "car\u202Egnp.exe,2026-04-02,30,1,0,10,1800,2,0,0,0\n"          // bidirectional override
                + "=cmd|' /C calc'!A0,2026-04-03,30,1,0,10,1800,2,0,0,0\n"        // spreadsheet formula
                + "car-1,2026-04-04," + longValue + ",1,0,10,1800,2,0,0,0\n"));
        assertEquals(1, r.status());
        String e = r.err();
        assertTrue(e.contains("4 bad row(s)"), e);
        assertFalse(e.contains("\u001b") || e.contains("\u202E"), "control and bidi characters are escaped: " + e);
        assertTrue(e.contains("data row 1: deviceId 'car\\u001b[2J\\u001b[31m-1' is not 1-64 characters of [A-Za-z0-9._-]"), e);
        assertTrue(e.contains("data row 2: deviceId 'car\\u202egnp.exe'"), e);
        assertTrue(e.contains("data row 3: deviceId '=cmd|' /C calc'!A0' is not 1-64"), e);
        assertTrue(e.contains("data row 4: distanceKm '" + "x".repeat(40) + "…' is not a plain number"), e);
        assertTrue(e.length() < 2_000, "long values are cut: " + e.length() + " characters");

        Run header = motor(file("header.csv", "deviceId,day,dist\u001b]0;pwned\u0007anceKm\n"));
        assertEquals(1, header.status());
        assertFalse(header.err().contains("\u001b") || header.err().contains("\u0007"), header.err());
        assertTrue(header.err().contains("'dist\\u001b]0;pwned\\u0007anceKm'"), header.err());

        Run json = motor(file("hostile.json", "[{\"deviceId\":{\"$ne\":null},\"day\":\"2026-04-01\",\"distanceKm\":true,\"nightDistanceKm\":1,"
                + "\"speedingDistanceKm\":0,\"urbanDistanceKm\":1,\"drivingTimeS\":60,\"trips\":1,\"harshBrakes\":0,\"harshAccelerations\":0,"
                + "\"harshCorners\":0}, 42]"));
        assertEquals(1, json.status());
        assertTrue(json.err().contains("[1]: expected an object with the day's fields, got number"), json.err());

        Run badJson = motor(file("broken.json", "[{\"deviceId\":\"car\u001b[0m\","));
        assertEquals(1, badJson.status());
        assertTrue(badJson.err().contains("malformed JSON") && !badJson.err().contains("\u001b"), badJson.err());
    }

    @Test
    void objectsWhereValuesBelongAndNonTextFilesAreRefused() throws Exception {
        Run json = motor(file("obj.json", "[{\"deviceId\":\"car\",\"day\":\"2026-04-01\",\"distanceKm\":{\"value\":3},\"nightDistanceKm\":1,"
                + "\"speedingDistanceKm\":0,\"urbanDistanceKm\":1,\"drivingTimeS\":60,\"trips\":1,\"harshBrakes\":0,\"harshAccelerations\":0,"
                + "\"harshCorners\":0}]"));
        assertEquals(1, json.status());
        assertTrue(json.err().contains("[0]: distanceKm must be a number or a string, not an object, array or boolean"), json.err());

        Path binary = dir.resolve("usage.xlsx");
        Files.write(binary, new byte[] {'P', 'K', 3, 4, (byte) 0xC3, (byte) 0x28, 0, 0});
        Run xlsx = motor(binary);
        assertEquals(1, xlsx.status());
        assertTrue(xlsx.err().contains("not UTF-8 text"), xlsx.err());

        Path huge = dir.resolve("huge.csv");
        try (var w = Files.newBufferedWriter(huge)) {
            w.write(DRIVING_HEADER);
            String row = "car-1,2026-04-01,30,1,0,10,1800,2,0,0,0\n";
            for (long written = 0; written <= SummaryFile.MAX_BYTES; written += row.length()) w.write(row);
        }
        Run big = motor(huge);
        assertEquals(1, big.status());
        assertTrue(big.err().contains("bytes is more than the " + SummaryFile.MAX_BYTES), big.err());

        Run empty = motor(file("empty.csv", "\n\n"));
        assertEquals(1, empty.status());
        assertTrue(empty.err().contains("empty file"), empty.err());
        Run none = motor(dir.resolve("absent.csv"));
        assertEquals(1, none.status());
        assertTrue(none.err().contains("absent.csv: no such file"), none.err());
    }

    @Test
    void aFileWithoutDaysQuotesAnIdlePeriodWhenThePeriodIsGiven() throws Exception {
        Path none = file("none.json", "[]");
        Run idle = run("quote", "--plan", plan("/plans/motor-payd-gb.json").toString(), "--usage", none.toString(), "--from", "2026-04-01",
                "--to", "2026-05-01", "--set", "driverAge=40", "--set", "vehicleGroup=3", "--set", "territory=rural", "--set", "noClaimsYears=0");
        assertEquals(0, idle.status(), idle.err());
        assertTrue(idle.out().contains("30 days"), idle.out());
        Run noPeriod = motor(none);
        assertEquals(2, noPeriod.status());
        assertTrue(noPeriod.err().contains("the file has no days: give --from and --to"), noPeriod.err());
    }

    @Test
    void badPeriodOptionsAreUsageErrors() throws Exception {
        Path usage = file("u.csv", DRIVING_HEADER + "car-1,2026-04-01,30,1,0,10,1800,2,0,0,0\n");
        Run r = run("quote", "--plan", plan("/plans/motor-payd-gb.json").toString(), "--usage", usage.toString(), "--from", "2026-13-01",
                "--to", "2026-05-01");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--from must be a date yyyy-mm-dd"), r.err());
        Run noTo = run("quote", "--plan", plan("/plans/motor-payd-gb.json").toString(), "--usage", usage.toString(), "--from", "2026-04-01");
        assertEquals(2, noTo.status());
        assertTrue(noTo.err().contains("missing --to"), noTo.err());
    }
}
