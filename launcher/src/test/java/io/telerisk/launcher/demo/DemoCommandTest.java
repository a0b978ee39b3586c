package io.telerisk.launcher.demo;

import io.telerisk.hub.config.ConfigException;
import io.telerisk.hub.config.HubConfig;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {
    @Test
    void honoursTeleriskVariablesUnderItsOptions() {
        Map<String, String> env = Map.of("TELERISK_DATA_DIR", "/tmp/from-env", "TELERISK_API_TOKEN_TTL", "8h",
                "TELERISK_API_PORT", "0", "TELERISK_SUMMARY_INTERVAL", "7s");
        HubConfig fromEnv = DemoCommand.config(Map.of(), env, new Properties());
        assertEquals(Path.of("/tmp/from-env"), fromEnv.dataDir());
        assertEquals(Duration.ofHours(8), fromEnv.api().tokenTtl());
        assertEquals(Duration.ofSeconds(7), fromEnv.summaryInterval());

        Properties system = new Properties();
        system.setProperty("telerisk.api.token-ttl", "2h");
        HubConfig withOption = DemoCommand.config(Map.of("data-dir", "/tmp/from-option"), env, system);
        assertEquals(Path.of("/tmp/from-option"), withOption.dataDir(), "an option beats the environment");
        assertEquals(Duration.ofHours(2), withOption.api().tokenTtl(), "a -D property beats the environment");
    }

    @Test
    void demoDefaultsApplyWhenNothingIsSet() {
        HubConfig c = DemoCommand.config(Map.of("http-port", "0", "mqtt-port", "0"), Map.of(), new Properties());
        assertEquals(Path.of("data/demo"), c.dataDir());
        assertEquals("127.0.0.1", c.api().host());
        assertEquals("127.0.0.1", c.ingest().mqttHost());
        assertEquals(Duration.ofSeconds(30), c.ingest().storeTimeout());
        assertTrue(c.ingest().builtInEnabled());
    }

    @Test
    void aTakenPortIsReplacedByAFreeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HubConfig c = DemoCommand.config(Map.of("http-port", String.valueOf(taken.getLocalPort()), "mqtt-port", "0"), Map.of(),
                    new Properties());
            assertNotEquals(taken.getLocalPort(), c.api().port());
        }
    }

    @Test
    void refusesToRunWithoutTheBuiltInMqttEndpoint() {
        assertThrows(ConfigException.class, () -> DemoCommand.config(Map.of(), Map.of("TELERISK_MQTT_ENABLED", "false"), new Properties()));
    }

    @Test
    void badOptionValuesAreRejectedWithTheirName() {
        var e = assertThrows(IllegalArgumentException.class, () -> DemoCommand.settings(Map.of("vehicles", "many")));
        assertTrue(e.getMessage().contains("--vehicles"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.parse(new String[]{"--colour", "red"}));
    }
}
