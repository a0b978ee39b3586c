package io.telerisk.launcher.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    @Test
    void defaultsRunAllThreeScenarios() {
        IngestBench.Options o = IngestBench.Options.parse(new String[0]);
        assertEquals(List.of("single", "batched", "batched-protobuf", "fleet-1k", "fleet-10k", "idle"), o.scenarios());
        assertEquals(2_000, o.fleetWindow());
        assertEquals(10_000, o.idleDevices());
        assertEquals(50, o.batch());
    }

    @Test
    void parsesOptions() {
        IngestBench.Options o = IngestBench.Options.parse(new String[]{"--devices", "8", "--seconds", "21", "--window", "7",
                "--batch", "100", "--scenarios", "batched,idle,fleet-10k", "--fleet-window", "500"});
        assertEquals(8, o.devices());
        assertEquals(21, o.seconds());
        assertEquals(100, o.batch());
        assertEquals(List.of("batched", "idle", "fleet-10k"), o.scenarios());
        assertEquals(500, o.fleetWindow());
    }

    @Test
    void hubsRunTheThroughputScenariosInHubProcesses() {
        assertEquals(0, IngestBench.Options.parse(new String[0]).hubs(), "without --hubs: one hub in the bench JVM");
        IngestBench.Options o = IngestBench.Options.parse(new String[]{"--hubs", "2"});
        assertEquals(2, o.hubs());
        assertEquals(List.of("single", "batched", "batched-protobuf", "fleet-1k", "fleet-10k"), o.scenarios(), "idle and overload need the hub in the bench JVM");
        assertEquals(List.of("fleet-1k"), IngestBench.Options.parse(new String[]{"--hubs", "1", "--scenarios", "fleet-1k"}).scenarios());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IngestBench.Options.parse(new String[]{"--hubs", "2", "--scenarios", "single,idle"}))
                .getMessage().contains("not idle"));
    }

    @Test
    void rejectsBadOptionsWithAReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IngestBench.Options.parse(new String[]{"--devices", "x"}))
                .getMessage().contains("--devices needs a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IngestBench.Options.parse(new String[]{"--batch", "0"}))
                .getMessage().contains(">= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IngestBench.Options.parse(new String[]{"--scenarios", "fast"}))
                .getMessage().contains("unknown scenario fast"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IngestBench.Options.parse(new String[]{"--seconds"}))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IngestBench.Options.parse(new String[]{"--seconds", "10", "--window", "5"}))
                .getMessage().contains("at least 3 windows"));
    }

    @Test
    void helpAndUnknownBenchmarksGiveExitCodes() {
        assertEquals(0, BenchCommand.run(new String[]{"--help"}));
        assertEquals(0, BenchCommand.run(new String[]{"ingest", "--help"}));
        assertEquals(2, BenchCommand.run(new String[0]));
        assertEquals(2, BenchCommand.run(new String[]{"nope"}));
        assertEquals(2, BenchCommand.run(new String[]{"ingest", "--devices", "-3"}));
    }

    @Test
    void latencyQuantilesComeFromTheRecordedValues() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(-1, h.quantileMillis(0.5));
        for (int i = 1; i <= 100; i++) h.recordMillis(i);
        h.recordMillis(-5);          // clock skew: counted as 0
        h.recordMillis(10_000_000);  // beyond the range: the last bucket
        assertEquals(102, h.count());
        assertEquals(50, h.quantileMillis(0.5));
        assertEquals(100, h.quantileMillis(0.99)); // rank 101 of 102
        assertEquals(60_000, h.quantileMillis(1.0));
    }

    @Test
    void claimsDefaultsAreTheIssueTarget() {
        ClaimsBench.Options o = ClaimsBench.Options.parse(new String[0]);
        assertEquals(10_000, o.rate());
        assertEquals(200, o.intervalMs());
        assertEquals(60, o.seconds());
        assertEquals(300, o.expectedCrashes());
        assertEquals(45.0, o.deltaVKmh());
        assertEquals(io.telerisk.hub.config.ClaimsClassifier.MODEL, o.classifier(), "the hub's default: the shipped TensorFlow model");
    }

    @Test
    void claimsBenchRunsThePhysicsRuleBaselineWhenAskedTo() {
        assertEquals(io.telerisk.hub.config.ClaimsClassifier.PHYSICS, ClaimsBench.Options.parse(new String[]{"--classifier", "physics"}).classifier());
        assertEquals(io.telerisk.hub.config.ClaimsClassifier.MODEL, ClaimsBench.Options.parse(new String[]{"--classifier", "MODEL"}).classifier());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimsBench.Options.parse(new String[]{"--classifier", "rules"}))
                .getMessage().contains("--classifier: expected model or physics"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimsBench.Options.parse(new String[]{"--classifier", "physics",
                "--model", System.getProperty("java.io.tmpdir")})).getMessage().contains("does not go with --classifier physics"));
        assertTrue(ClaimsBench.HELP.contains("--classifier K"));
    }

    @Test
    void parsesClaimsOptions() {
        ClaimsBench.Options o = ClaimsBench.Options.parse(new String[]{"--rate", "500", "--background-devices", "10",
                "--crash-devices", "2", "--interval-ms", "250", "--seconds", "5", "--warmup", "1", "--delta-v-kmh", "20"});
        assertEquals(500, o.rate());
        assertEquals(10, o.backgroundDevices());
        assertEquals(2, o.crashDevices());
        assertEquals(20, o.expectedCrashes());
        assertEquals(20.0, o.deltaVKmh());
    }

    @Test
    void rejectsBadClaimsOptionsWithAReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimsBench.Options.parse(new String[]{"--rate", "50"}))
                .getMessage().contains("at least one message/s per background device"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimsBench.Options.parse(new String[]{"--delta-v-kmh", "3"}))
                .getMessage().contains("8..150"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimsBench.Options.parse(new String[]{"--delta-v-kmh", "fast"}))
                .getMessage().contains("needs a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimsBench.Options.parse(new String[]{"--model", "/nonexistent/model"}))
                .getMessage().contains("not a directory"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimsBench.Options.parse(new String[]{"--turbo", "1"}))
                .getMessage().contains("unknown option --turbo"));
        assertEquals(0, BenchCommand.run(new String[]{"claims", "--help"}));
        assertEquals(2, BenchCommand.run(new String[]{"claims", "--interval-ms", "0"}));
    }
}
