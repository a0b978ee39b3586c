package io.telerisk.dist;

import io.telerisk.hub.config.ConfigException;
import io.telerisk.hub.config.ConfigSource;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.config.HubConfigLoader;
import io.telerisk.hub.config.LogFormat;
import io.telerisk.hub.store.StorageConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every example configuration of the kit loads through the hub's own loader, with no unknown key: they cannot rot. */
class ExampleConfigurationsTest {
    @TempDir
    Path dir;

    /** Loads a file as the hub would (nothing from this JVM's properties or environment), failing on unknown keys. */
    static HubConfig load(Path file) {
        ConfigSource source = new ConfigSource(Map.of(), Map.of(), ConfigSource.readFile(file), file.toString());
        HubConfig config = HubConfigLoader.load(source);
        if (!source.unusedKeys().isEmpty()) throw new ConfigException(file + ": unknown keys " + source.unusedKeys());
        return config;
    }

    @Test
    void thereIsOneExamplePerTopologyAndEachLoadsWithoutUnknownKeys() throws Exception {
        List<Path> files = Kit.exampleConfigurations();
        assertEquals(List.of("hub-cluster.properties", "hub-embedded.properties", "hub-haproxy.properties", "hub-single.properties"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) assertDoesNotThrow(() -> load(f), f.toString());
    }

    @Test
    void embeddedRunsTheBuiltInEndpointOnH2() {
        HubConfig c = load(Kit.CONF.resolve("hub-embedded.properties"));
        assertTrue(c.ingest().builtInEnabled());
        assertFalse(c.ingest().externalEnabled());
        assertTrue(c.sor().jdbcUrl().startsWith("jdbc:h2:file:/var/lib/telerisk-hub/"), c.sor().jdbcUrl());
        assertTrue(c.telemetryInSor());
    }

    @Test
    void singleHubUsesMosquittoInfluxAndPostgresWithSecretsOutOfTheFile() throws Exception {
        HubConfig c = load(Kit.CONF.resolve("hub-single.properties"));
        assertFalse(c.ingest().builtInEnabled());
        assertTrue(c.ingest().externalEnabled());
        assertTrue(c.sor().jdbcUrl().startsWith("jdbc:postgresql:"));
        assertEquals(StorageConfig.Backend.INFLUXDB, c.storage().backend());
        assertTrue(c.api().tls().enabled(), "the single hub serves HTTPS itself");
        assertEquals(LogFormat.JSON, c.logFormat());
        assertNoSecrets(Kit.CONF.resolve("hub-single.properties"));
    }

    @Test
    void clusterAndHaproxyHubsShareOneDatabaseAndDrainBeforeStopping() throws Exception {
        HubConfig cluster = load(Kit.CONF.resolve("hub-cluster.properties"));
        assertTrue(cluster.ingest().externalEnabled());
        assertEquals("telerisk-hub", cluster.ingest().sharedGroup());
        assertTrue(cluster.api().drainDelay().toSeconds() >= 3, "longer than haproxy's 1 s × fall 2");
        HubConfig behind = load(Kit.CONF.resolve("hub-haproxy.properties"));
        assertTrue(behind.ingest().builtInEnabled());
        assertFalse(behind.ingest().externalEnabled());
        assertEquals(cluster.sor().jdbcUrl(), behind.sor().jdbcUrl());
        assertTrue(behind.api().drainDelay().toSeconds() >= 3);
        for (Path f : Kit.exampleConfigurations()) assertNoSecrets(f);
    }

    @Test
    void theCheckCatchesAMisspelledKey() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.properties"),
                Files.readString(Kit.CONF.resolve("hub-embedded.properties")) + "\ntelerisk.api.prot=8080\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(typo));
        assertTrue(e.getMessage().contains("telerisk.api.prot"), e.getMessage());
    }

    private static void assertNoSecrets(Path f) throws Exception {
        for (String line : Files.readAllLines(f)) {
            String l = line.strip();
            if (l.startsWith("#")) continue;
            assertFalse(l.matches("(?i)[^=]*(password|token)\\s*=.*\\S.*"), f + " holds a secret: " + l);
        }
    }
}
