package io.telerisk.hub;

import io.telerisk.hub.config.ApiConfig;
import io.telerisk.hub.config.ConfigKeys;
import io.telerisk.hub.config.HubConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HubMainTest {
    @TempDir
    Path dir;

    @Test
    void parsesTheDocumentedArguments() throws Exception {
        Path cfg = Files.writeString(dir.resolve("hub.properties"), "telerisk.api.port=9000\n");
        HubMain.Args a = HubMain.parse(new String[]{"--config", cfg.toString(), "--bootstrap-operator", "acme/admin", "--demo", "demo"});
        assertEquals(cfg, a.configFile());
        assertEquals("acme/admin", a.bootstrapOperator());
        assertEquals("demo", a.demoTenant());
        assertTrue(HubMain.parse(new String[]{"--help"}).help());
        assertNull(HubMain.parse(new String[0]).configFile());
    }

    @Test
    void rejectsBadArgumentsWithAReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HubMain.parse(new String[]{"--port", "1"})).getMessage().contains("--port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HubMain.parse(new String[]{"--config"})).getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HubMain.parse(new String[]{"--config", dir.resolve("missing").toString()}))
                .getMessage().contains("not readable"));
        assertThrows(IllegalArgumentException.class, () -> HubMain.parse(new String[]{"--bootstrap-operator", "admin"}));
        assertThrows(IllegalArgumentException.class, () -> HubMain.parse(new String[]{"--demo", "a/b"}));
    }

    @Test
    void helpListsEveryKeyWithItsEnvironmentVariable() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        HubMain.usage(new PrintStream(b, true, StandardCharsets.UTF_8));
        String text = b.toString(StandardCharsets.UTF_8);
        for (ConfigKeys.Key k : ConfigKeys.ALL) {
            assertTrue(text.contains(k.name()) && text.contains(k.envName()), k.name());
        }
    }

    @Test
    void aHubThatCannotBindItsPortFailsClearlyAndReleasesWhatItOpened() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            HubConfig c = HubConfig.embedded(dir.resolve("data")).withApi(ApiConfig.defaults().withPort("127.0.0.1", taken.getLocalPort()));
            RuntimeException e = assertThrows(RuntimeException.class, () -> Hub.start(c));
            assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("address")
                    || String.valueOf(e.getCause()).toLowerCase().contains("address"), String.valueOf(e));
        }
        // the H2 file and the spool were released: a hub starts on the same data directory right away
        try (Hub hub = Hub.start(HubConfig.embedded(dir.resolve("data")))) {
            assertTrue(hub.apiPort() > 0);
        }
    }
}
