package io.telerisk.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The systemd unit is one systemd accepts, and it runs the hub the way docs/operations.md says. */
class SystemdUnitTest {
    private static final Path UNIT = Kit.CONF.resolve("systemd").resolve("telerisk-hub.service");

    @TempDir
    Path dir;

    @Test
    void systemdAcceptsTheUnitWithoutAWarning() throws Exception {
        // verify also checks that ExecStart exists: point it at a binary this machine has, nothing else changes
        Path copy = dir.resolve("telerisk-hub.service");
        Files.writeString(copy, Files.readString(UNIT).replace("/opt/telerisk/bin/telerisk-hub", "/bin/true"));
        Kit.Run r = Kit.run("apt-get install systemd", List.of("systemd-analyze", "verify", copy.toString()));
        assertEquals(0, r.exit(), r.output());
        assertEquals("", r.output().strip(), "systemd-analyze reports problems");
    }

    @Test
    void runsAsADedicatedUserRestartsOnFailureAndKeepsSecretsInAnEnvironmentFile() throws Exception {
        Map<String, String> service = section("Service");
        assertEquals("telerisk", service.get("User"));
        assertEquals("on-failure", service.get("Restart"));
        assertTrue(Integer.parseInt(service.get("LimitNOFILE")) >= 65536, service.get("LimitNOFILE"));
        assertEquals("/etc/telerisk/telerisk-hub.env", service.get("EnvironmentFile"));
        assertTrue(service.get("Environment").contains("-XX:+ExitOnOutOfMemoryError"), service.get("Environment"));
        // the JVM ends with 143 after SIGTERM: that is a clean stop, not a failure to restart from
        assertEquals("143", service.get("SuccessExitStatus"));
        assertTrue(service.get("ExecStart").startsWith("/opt/telerisk/bin/telerisk-hub --config "), service.get("ExecStart"));
        assertTrue(Files.isExecutable(Kit.BIN.resolve("telerisk-hub")), "the start script the unit runs");
        assertFalse(Files.readString(UNIT).matches("(?s).*(PASSWORD|TOKEN)=\\S.*"), "no secret in the unit");
        // the environment file's example keeps ExitOnOutOfMemoryError in the JAVA_OPTS it sets
        assertTrue(Files.readString(Kit.CONF.resolve("telerisk-hub.env.example")).contains("JAVA_OPTS=-Xms1g -Xmx1g -XX:+ExitOnOutOfMemoryError"));
    }

    private static Map<String, String> section(String name) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(UNIT)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            if (l.startsWith("[")) {
                current = l.substring(1, l.length() - 1);
                continue;
            }
            if (name.equals(current)) {
                String[] kv = l.split("=", 2);
                out.put(kv[0], kv[1].replace("\"", ""));
            }
        }
        return out;
    }
}
