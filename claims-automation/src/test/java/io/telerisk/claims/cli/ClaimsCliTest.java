package io.telerisk.claims.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimsCliTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ClaimsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** 100 Hz, a 25 km/h half-sine of 100 ms from the left at t = 2 s, speed every second (relative seconds). */
    private Path crashCsv(boolean withSpeed) throws IOException {
        StringBuilder b = new StringBuilder("time,ax,ay,az,speed\n");
        double dv = 25 / 3.6, dur = 0.1, peak = Math.PI * dv / (2 * dur);
        for (int i = 0; i < 500; i++) {
            double t = i / 100.0 + 0.005;
            double a = t >= 2 && t <= 2 + dur ? peak * Math.sin(Math.PI * (t - 2) / dur) : 0;
            String speed = withSpeed && i % 100 == 0 ? (t < 2.5 ? "13.5" : "4.0") : "";
            b.append(String.format(Locale.ROOT, "%.3f,%.4f,%.4f,%.4f,%s%n", t, 0.0, -a, 9.81, speed));
        }
        Path p = dir.resolve("w.csv");
        Files.writeString(p, b.toString());
        return p;
    }

    @Test
    void assessPrintsDetectionDeltaVDirectionAndSeverityAsJson() throws IOException {
        assertEquals(0, run("assess", "--window", crashCsv(true).toString()), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("confirmed", j.get("detection").asText());
        assertEquals(25, j.get("deltaVKmh").asDouble(), 0.75);
        assertEquals("left", j.get("impactDirection").asText());
        assertEquals("minor", j.get("severity").asText(), "25 km/h is 1.2 % MAIS3+ on the NHTSA curve");
        assertEquals(13.5, j.get("speedBeforeMps").asDouble());
        assertTrue(j.get("classifier").asText().startsWith("crash-classifier-nn"), "without --model the shipped model judges: " + j.get("classifier"));
        assertTrue(j.get("injuryRiskCurve").asText().contains("DOT HS 813 219"), j.get("injuryRiskCurve").asText());
    }

    @Test
    void assessUsesThePhysicsRuleOnlyWhenAskedFor() throws IOException {
        assertEquals(0, run("assess", "--window", crashCsv(true).toString(), "--model", "physics"), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("confirmed", j.get("detection").asText());
        assertTrue(j.get("classifier").asText().startsWith("physics-rule"), j.get("classifier").asText());
    }

    @Test
    void assessReadsAEuropeanExcelExportOfTheSameWindowAlike() throws IOException {
        // Excel where the decimal mark is a comma: byte order mark, ';' separator, decimal commas, CRLF
        String european = "\uFEFF" + Files.readString(crashCsv(true)).replace(",", ";").replace('.', ',').replace("\n", "\r\n");
        Path p = dir.resolve("w-de.csv");
        Files.writeString(p, european);
        assertEquals(0, run("assess", "--window", p.toString()), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("confirmed", j.get("detection").asText());
        assertEquals(25, j.get("deltaVKmh").asDouble(), 0.75);
        assertEquals(13.5, j.get("speedBeforeMps").asDouble());
    }

    @Test
    void assessWithoutSpeedsSaysSo() throws IOException {
        assertEquals(0, run("assess", "--window", crashCsv(false).toString()), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(j.get("speedBeforeMps").isNull());
    }

    @Test
    void badNumberIsReportedWithItsLine() throws IOException {
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, "time,ax,ay,az,speed\n0.00,0,0,9.81,10\n0.01,0,zero,9.81,\n");
        assertEquals(1, run("assess", "--window", p.toString()));
        assertTrue(err.toString().contains("line 3: ay 'zero' is not a number"), err.toString());
    }

    @Test
    void wrongColumnCountTimeOrderAndUnitsAreReported() throws IOException {
        Path cols = dir.resolve("cols.csv");
        Files.writeString(cols, "0.00,0,0\n");
        assertEquals(1, run("assess", "--window", cols.toString()));
        assertTrue(err.toString().contains("line 1: expected 4 or 5 columns"), err.toString());
        Path order = dir.resolve("order.csv");
        Files.writeString(order, "0.02,0,0,9.81\n0.01,0,0,9.81\n");
        assertEquals(1, run("assess", "--window", order.toString()));
        assertTrue(err.toString().contains("line 2: time"), err.toString());
        Path g = dir.resolve("g.csv");
        Files.writeString(g, "0.00,0,0,9.81\n0.01,900,0,9.81\n");
        assertEquals(1, run("assess", "--window", g.toString()));
        assertTrue(err.toString().contains("line 2: ax 900 is outside"), err.toString());
    }

    @Test
    void emptyOrMissingFileIsAnError() throws IOException {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "time,ax,ay,az,speed\n");
        assertEquals(1, run("assess", "--window", empty.toString()));
        assertTrue(err.toString().contains("no samples"), err.toString());
        assertEquals(1, run("assess", "--window", dir.resolve("nope.csv").toString()));
        assertTrue(err.toString().contains("no such file"));
    }

    @Test
    void truncatedWindowIsReportedAsUnusable() throws IOException {
        Path full = crashCsv(false);
        java.util.List<String> lines = Files.readAllLines(full);
        Path cut = dir.resolve("cut.csv");
        Files.write(cut, lines.subList(0, 206));
        assertEquals(0, run("assess", "--window", cut.toString()), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("unusable", j.get("detection").asText());
        assertTrue(j.get("detail").asText().contains("TRUNCATED"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run());
        assertEquals(2, run("assess"));
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString().contains("usage"));
    }

    @Test
    void missingModelDirectoryIsAnError() throws IOException {
        assertEquals(1, run("assess", "--window", crashCsv(true).toString(), "--model", dir.resolve("none").toString()));
        assertTrue(err.toString().contains("cannot load model"));
    }
}
