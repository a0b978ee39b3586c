package io.telerisk.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The archive Maven built ({@code telerisk-VERSION.tar.gz}), unpacked and run as an operator would: its start script
 * with only a JDK, an example configuration from its conf/, JSON logs, readiness, and a clean stop on SIGTERM.
 */
class DistributionArchiveIT {
    @TempDir
    static Path dir;
    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("telerisk.dist.archive", "target/missing.tar.gz"));
        assertTrue(Files.isRegularFile(archive), "no archive at " + archive + " (built by mvn package in dist)");
        Kit.Run r = Kit.run("apt-get install tar", List.of("tar", "-xzf", archive.toString(), "-C", dir.toString()));
        assertEquals(0, r.exit(), r.output());
        String name = archive.getFileName().toString().replace(".tar.gz", "");
        assertTrue(name.matches("telerisk-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), name);
        home = dir.resolve(name);
    }

    @Test
    void theArchiveHoldsBinLibConfAndTheOperationsGuide() throws Exception {
        assertTrue(Files.isExecutable(home.resolve("bin/telerisk-hub")));
        assertTrue(Files.isExecutable(home.resolve("bin/telerisk")));
        try (var libs = Files.list(home.resolve("lib"))) {
            List<String> jars = libs.map(p -> p.getFileName().toString()).toList();
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("telemetry-hub-")), jars.toString());
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("launcher-")), jars.toString());
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("slf4j-jdk14-")), jars.toString());
            assertFalse(jars.stream().anyMatch(j -> j.startsWith("junit")), "no test libraries: " + jars);
        }
        for (String f : List.of("conf/hub-embedded.properties", "conf/hub-single.properties", "conf/hub-cluster.properties",
                "conf/hub-haproxy.properties", "conf/telerisk-hub.env.example", "conf/systemd/telerisk-hub.service",
                "conf/haproxy/haproxy.cfg", "conf/prometheus/telerisk-rules.yml", "conf/prometheus/telerisk-rules.test.yml",
                "conf/grafana/telerisk-hub.json", "docs/operations.md", "docs/configuration.md")) {
            assertTrue(Files.isRegularFile(home.resolve(f)), "missing " + f);
        }
    }

    @Test
    void theStartScriptRunsTheHubWithJsonLogsAndStopsCleanlyOnSigterm() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/telerisk-hub").toString(), "--config",
                home.resolve("conf/hub-embedded.properties").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("hub.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", "-Xmx384m -XX:+ExitOnOutOfMemoryError");
        env.put("TELERISK_DATA_DIR", dir.resolve("data").toString());
        env.put("TELERISK_API_HOST", "127.0.0.1");
        env.put("TELERISK_API_PORT", Integer.toString(port));
        env.put("TELERISK_MQTT_HOST", "127.0.0.1");
        env.put("TELERISK_MQTT_PORT", "0");
        env.put("TELERISK_LOG_FORMAT", "json");
        env.put("TELERISK_API_DRAIN_DELAY", "1s");
        Process hub = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (status(http, ready) != 200) {
                assertTrue(hub.isAlive(), "hub exited: " + Files.readString(dir.resolve("hub.log")));
                assertTrue(System.nanoTime() < deadline, "hub not ready: " + Files.readString(dir.resolve("hub.log")));
                Thread.sleep(200);
            }
            hub.destroy(); // SIGTERM to java itself: the script execs it
            assertTrue(hub.waitFor(60, TimeUnit.SECONDS), "hub did not stop on SIGTERM");
            assertEquals(143, hub.exitValue(), "128 + SIGTERM, what the systemd unit counts as success");
        } finally {
            hub.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(dir.resolve("hub.log"));
        ObjectMapper json = new ObjectMapper();
        StringBuilder messages = new StringBuilder();
        for (String line : lines) {
            // TensorFlow's native runtime writes to stderr through absl, outside Java's logging; the script keeps
            // only its errors (TF_CPP_MIN_LOG_LEVEL=2) but absl's own start-up notice still gets through
            if (line.startsWith("WARNING: All log messages before absl::InitializeLog()") || line.matches("[IWEF]\\d{4} \\d\\d:\\d\\d:.*")) continue;
            JsonNode n = assertDoesNotThrow(() -> json.readTree(line), "not a JSON line: " + line);
            for (String f : List.of("time", "level", "logger", "message", "thread")) assertTrue(n.hasNonNull(f), f + " missing: " + line);
            messages.append(n.get("message").asText()).append('\n');
        }
        assertTrue(messages.toString().contains("telerisk hub started"), messages.toString());
        assertTrue(messages.toString().contains("draining"), messages.toString());
        assertTrue(messages.toString().contains("telerisk hub: stopped"), "the last words survive the JVM's shutdown: " + messages);
    }

    @Test
    void theStartScriptRefusesAJavaOlderThan17WithAReason() throws Exception {
        Path fake = dir.resolve("old-jdk/bin/java");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/telerisk-hub").toString(), "--help").redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", dir.resolve("old-jdk").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("Java 11") && out.contains("17 or newer"), out);
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
