package io.telerisk.sim;

import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimMainTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryOption() {
        assertEquals(0, SimMain.run(new String[]{"--help"}, out, err));
        for (String opt : List.of("--broker", "--tenant", "--vehicles", "--wearables", "--farms", "--rate", "--duration",
                "--speed", "--seed", "--faults", "--truth", "--content-type", "--token-file")) {
            assertTrue(out().contains(opt), opt);
        }
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        var e1 = assertThrows(SimMain.UsageException.class, () -> SimMain.run(new String[]{"--vehicles", "many"}, out, err));
        assertTrue(e1.getMessage().contains("--vehicles 'many' is not an integer"), e1.getMessage());
        var e2 = assertThrows(SimMain.UsageException.class, () -> SimMain.run(new String[]{"--frobnicate", "1"}, out, err));
        assertTrue(e2.getMessage().contains("unknown option --frobnicate"));
        var e3 = assertThrows(SimMain.UsageException.class, () -> SimMain.run(new String[]{"--faults", "dup=2"}, out, err));
        assertTrue(e3.getMessage().contains("dup"));
        var e4 = assertThrows(SimMain.UsageException.class, () -> SimMain.run(new String[]{"--content-type", "protobuf"}, out, err));
        assertTrue(e4.getMessage().contains("3.1.1"), e4.getMessage());
        assertTrue(e4.getMessage().contains("--mqtt 5"), e4.getMessage());
        var e5 = assertThrows(SimMain.UsageException.class, () -> SimMain.run(new String[]{"--rate", "fast"}, out, err));
        assertTrue(e5.getMessage().contains("rate"));
        assertThrows(SimMain.UsageException.class, () -> SimMain.run(new String[]{"--broker", "nohost"}, out, err));
        assertThrows(SimMain.UsageException.class, () -> SimMain.run(new String[]{"--start", "yesterday", "--dry-run"}, out, err));
    }

    @Test
    void startDefaultsNeverPutTimestampsInTheFuture() {
        Instant now = Instant.parse("2026-11-22T20:00:00.700Z");
        assertEquals(Instant.parse("2026-11-22T18:00:00Z"), SimMain.resolveStart("auto", Duration.ofHours(2), 60, now));
        assertEquals(Instant.parse("2026-11-22T20:00:00Z"), SimMain.resolveStart("auto", Duration.ofHours(2), 1, now));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), SimMain.resolveStart("2026-01-01T00:00:00Z", Duration.ofHours(2), 60, now));
    }

    @Test
    void dryRunWritesTruthAndTrainingExportDeterministically(@TempDir Path dir) throws Exception {
        String[] args = {"--dry-run", "--vehicles", "3", "--wearables", "2", "--farms", "2", "--duration", "6h",
                "--start", "2026-06-01T05:00:00Z", "--seed", "8", "--faults", "dup=0.1,malformed=0.1",
                "--truth", dir.resolve("truth.jsonl").toString(), "--export", dir.resolve("data.jsonl").toString()};
        assertEquals(0, SimMain.run(args, out, err));
        byte[] truth1 = Files.readAllBytes(dir.resolve("truth.jsonl"));
        byte[] data1 = Files.readAllBytes(dir.resolve("data.jsonl"));
        assertEquals(0, SimMain.run(args, out, err));
        assertEquals(new String(truth1, StandardCharsets.UTF_8), Files.readString(dir.resolve("truth.jsonl")));
        assertEquals(data1.length, Files.size(dir.resolve("data.jsonl")));
        List<String> lines = Files.readAllLines(dir.resolve("data.jsonl"));
        assertTrue(lines.size() > 50, "exported envelopes: " + lines.size());
        for (String l : lines) assertInstanceOf(Decoded.Ok.class, Codecs.json().decode(l.getBytes(StandardCharsets.UTF_8)));
        String t = new String(truth1, StandardCharsets.UTF_8);
        assertTrue(t.contains("\"type\":\"driver\"") && t.contains("\"type\":\"wearer\"") && t.contains("\"type\":\"field\""));
        assertTrue(t.contains("\"fault\":\"malformed\""));
    }

    @Test
    void publishesToABrokerWithTokensFromAFile(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens.txt");
        Files.writeString(tokens, "# provisioned by the demo\ncli/wear-00001 t1\nwear-00002=t2\n");
        try (MosquittoBroker broker = MosquittoBroker.startWithUsers(Map.of("cli/wear-00001", "t1", "cli/wear-00002", "t2"))) {
            String[] args = {"--broker", "127.0.0.1:" + broker.port(), "--tenant", "cli", "--vehicles", "0", "--wearables", "2",
                    "--farms", "0", "--duration", "1h", "--start", "2026-06-01T05:00:00Z", "--speed", "max", "--rate", "max", "--token-file", tokens.toString(),
                    "--truth", dir.resolve("t.jsonl").toString(), "--stats-every", "1s"};
            assertEquals(0, SimMain.run(args, out, err));
        }
        assertTrue(out().contains("validAcked=12"), out());
        List<String> summaries = Files.readAllLines(dir.resolve("t.jsonl")).stream().filter(l -> l.contains("device_summary")).toList();
        assertEquals(2, summaries.size());
        assertTrue(summaries.stream().allMatch(l -> l.contains("\"complete\":true")), summaries.toString());
    }

    /**
     * Same seed → same bytes across JVMs (not only within one). Edge events are off here: events with several
     * measures are written in {@code Map.copyOf} order, which is randomised per JVM (see docs/simulator.md).
     */
    @Test
    void sameSeedGivesTheSameBytesInSeparateJvms(@TempDir Path dir) throws Exception {
        for (String run : List.of("a", "b")) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.telerisk.sim.SimMain", "--dry-run",
                    "--vehicles", "4", "--wearables", "2", "--farms", "2", "--duration", "8h",
                    "--start", "2026-06-01T05:00:00Z", "--seed", "123", "--edge-events", "off",
                    "--faults", "dup=0.05,reorder=0.05,malformed=0.05,offline=0.01",
                    "--truth", dir.resolve(run + ".truth").toString(), "--export", dir.resolve(run + ".data").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve(run + ".log").toFile());
            Process p = pb.start();
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "simulator finished");
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve(run + ".log")));
        }
        byte[] dataA = Files.readAllBytes(dir.resolve("a.data"));
        assertTrue(dataA.length > 100_000, "a real data set: " + dataA.length + " bytes");
        assertTrue(java.util.Arrays.equals(dataA, Files.readAllBytes(dir.resolve("b.data"))), "export bytes identical");
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a.truth")), Files.readAllBytes(dir.resolve("b.truth"))),
                "truth bytes identical");
    }
}
