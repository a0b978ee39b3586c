package io.telerisk.agent;

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
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AgentMainTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AgentMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path capture() throws Exception {
        Path f = tmp.resolve("capture.nmea");
        try (var in = getClass().getResourceAsStream("/nmea/ublox-drive.nmea")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void printDecodesACaptureToOneJsonLinePerFixAndRejectionsToStderr() throws Exception {
        assertEquals(0, run("--nmea", capture().toString(), "--print"));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(21, lines.size());
        assertTrue(lines.get(0).startsWith("{\"time\":\"2026-03-15T10:00:00Z\",\"lat\":48.1173,\"lon\":11.5167,\"speedMps\":0,"), lines.get(0));
        assertTrue(lines.stream().allMatch(l -> l.contains("\"fixQuality\"") && l.contains("\"courseDeg\"")));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("line 1: UNKNOWN_SENTENCE"), e);
        assertTrue(e.lines().anyMatch(l -> l.matches("line \\d+: BAD_CHECKSUM: .*")), e);
        assertTrue(e.lines().anyMatch(l -> l.matches("line \\d+: TRUNCATED: .*")), e);
        assertTrue(e.contains("summary: lines=134 fixes=21"), e);
    }

    @Test
    void helpPrintsUsageAndBadArgumentsExitWithTwo() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--nmea FILE --print"));
        assertEquals(2, run("--print"));
        assertEquals(2, run("--frobnicate"));
        assertEquals(2, run("--broker", "tcp://127.0.0.1:1", "--tenant", "a", "--device", "b", "--queue-dir", tmp.toString(),
                "--simulate", "1", "--content-type", "xml"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--content-type must be json or protobuf"));
        assertEquals(2, run("--broker", "tcp://127.0.0.1:1", "--tenant", "bad/tenant", "--device", "b", "--queue-dir", tmp.toString(), "--simulate", "1"));
    }

    @Test
    void missingCaptureFileExitsWithOneAndNamesTheFile() {
        assertEquals(1, run("--nmea", tmp.resolve("nope.nmea").toString(), "--print"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nope.nmea"));
    }

    @Test
    void agentModePublishesACaptureToTheBrokerInProtobuf() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestSubscriber sub = new TestSubscriber(broker.uri(), "cli-watch", "v1/fleet/vehicle/van-9/#")) {
            // the whole device tree: a message nobody subscribes to (PUBACK 0x10) stays in the agent's queue
            int code = run("--broker", broker.uri(), "--tenant", "fleet", "--device", "van-9", "--queue-dir", tmp.resolve("q").toString(),
                    "--nmea", capture().toString(), "--content-type", "protobuf", "--batch", "5", "--linger", "30");
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("pending 0"), out.toString(StandardCharsets.UTF_8));
            assertTrue(TestSubscriber.await(Duration.ofSeconds(30), () -> telemetry(sub).size() == 5)); // 21 fixes in batches of 5
            int samples = 0;
            for (TestSubscriber.Received r : telemetry(sub)) {
                assertEquals("application/x-protobuf", r.contentType());
                samples += ((Decoded.Ok) Codecs.protobuf().decode(r.payload())).envelope().samples().size();
            }
            assertEquals(21, samples);
        }
    }

    private static java.util.List<TestSubscriber.Received> telemetry(TestSubscriber sub) {
        return sub.received().stream().filter(r -> r.topic().endsWith("/telemetry")).toList();
    }

    @Test
    void missingCaFileIsASetupErrorExitingWithOne() throws Exception {
        int code = run("--broker", "ssl://127.0.0.1:1", "--tenant", "a", "--device", "b", "--queue-dir", tmp.resolve("q").toString(),
                "--cafile", tmp.resolve("no-ca.pem").toString(), "--nmea", capture().toString(), "--linger", "1");
        assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-ca.pem"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void garbageCaFileSaysWhatACaFileMustHold() throws Exception {
        Path garbage = Files.writeString(tmp.resolve("ca.pem"), "this is not a certificate\n");
        int code = run("--broker", "ssl://127.0.0.1:1", "--tenant", "a", "--device", "b", "--queue-dir", tmp.resolve("q").toString(),
                "--cafile", garbage.toString(), "--nmea", capture().toString(), "--linger", "1");
        assertEquals(1, code);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("BEGIN CERTIFICATE") && !e.contains(": null"), e);
    }

    @Test
    void undeliveredMessagesAtExitAreAnErrorWithTheReason() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int code = run("--broker", "tcp://127.0.0.1:" + port, "--tenant", "a", "--device", "b", "--queue-dir", tmp.resolve("q").toString(),
                "--nmea", capture().toString(), "--linger", "2");
        assertEquals(3, code, out.toString(StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("not delivered") && e.contains("broker unreachable"), e);
    }
}
