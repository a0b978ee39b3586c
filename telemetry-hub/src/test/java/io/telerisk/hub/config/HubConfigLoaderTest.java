package io.telerisk.hub.config;

import io.telerisk.hub.store.StorageConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HubConfigLoaderTest {
    private static HubConfig load(Map<String, String> sys, Map<String, String> env, Map<String, String> file) {
        return HubConfigLoader.load(new ConfigSource(sys, env, file, "hub.properties"));
    }

    @Test
    void defaultsRunWithNothingInstalled() {
        HubConfig c = load(Map.of(), Map.of(), Map.of());
        assertEquals(Path.of("data", "hub"), c.dataDir());
        assertTrue(c.sor().jdbcUrl().startsWith("jdbc:h2:file:"), c.sor().jdbcUrl());
        assertTrue(c.sor().jdbcUrl().contains(Path.of("data", "hub", "sor").toString()));
        assertEquals(8080, c.api().port());
        assertEquals(Duration.ofHours(1), c.api().tokenTtl());
        assertTrue(c.ingest().builtInEnabled());
        assertEquals(1883, c.ingest().mqttPort());
        assertFalse(c.ingest().externalEnabled());
        assertEquals(Path.of("data", "hub", "spool"), c.ingest().spoolDir());
        assertEquals(StorageConfig.Backend.JDBC, c.storage().backend());
        assertTrue(c.telemetryInSor(), "telemetry shares the system-of-record database by default");
        assertEquals(ZoneId.of("UTC"), c.tenantZones().zoneOf("anyone"));
    }

    @Test
    void systemPropertiesBeatEnvironmentBeatFileBeatDefaults() {
        String key = ConfigKeys.API_PORT;
        String env = ConfigSource.envName(key);
        assertEquals("TELERISK_API_PORT", env);
        assertEquals(1111, load(Map.of(key, "1111"), Map.of(env, "2222"), Map.of(key, "3333")).api().port());
        assertEquals(2222, load(Map.of(), Map.of(env, "2222"), Map.of(key, "3333")).api().port());
        assertEquals(3333, load(Map.of(), Map.of(), Map.of(key, "3333")).api().port());
        assertEquals(8080, load(Map.of(), Map.of(), Map.of()).api().port());
        assertEquals(3333, load(Map.of(key, " "), Map.of(env, ""), Map.of(key, "3333")).api().port(), "blank counts as unset");
        ConfigSource s = new ConfigSource(Map.of(), Map.of(env, "2222"), Map.of(key, "3333"), "f");
        assertEquals(ConfigSource.Origin.ENVIRONMENT, s.origin(key));
        assertEquals(ConfigSource.Origin.DEFAULT, s.origin(ConfigKeys.API_HOST));
    }

    @Test
    void dashedKeysMapToUnderscoredEnvironmentVariables() {
        HubConfig c = load(Map.of(), Map.of("TELERISK_API_TOKEN_TTL", "15m", "TELERISK_DATA_DIR", "/srv/hub",
                "TELERISK_TENANT_ZONES", "acme=Europe/Berlin, farmco=Africa/Nairobi"), Map.of());
        assertEquals(Duration.ofMinutes(15), c.api().tokenTtl());
        assertEquals(Path.of("/srv/hub"), c.dataDir());
        assertEquals(ZoneId.of("Europe/Berlin"), c.tenantZones().zoneOf("acme"));
        assertEquals(ZoneId.of("Africa/Nairobi"), c.retentionPolicies().zone("farmco"), "zones reach the summariser's policies");
        assertEquals(Path.of("/srv/hub", "dead-letters"), c.ingest().deadLetterDir());
    }

    @Test
    void readsAPropertiesFileAndAnExternalBrokerAndInfluxStorage(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("hub.properties");
        Files.writeString(f, """
                # production-like
                telerisk.sor.url=jdbc:postgresql://db:5432/telerisk
                telerisk.sor.user=hub
                telerisk.broker.uri=ssl://broker:8883
                telerisk.broker.client-id=hub-7
                telerisk.mqtt.enabled=false
                telerisk.storage.backend=influxdb
                telerisk.storage.influx.url=http://influx:8086
                telerisk.storage.influx.database=fleet
                telerisk.ingest.batch-max-delay=PT0.05S
                """);
        HubConfig c = HubConfigLoader.load(new ConfigSource(Map.of(), Map.of("TELERISK_SOR_PASSWORD", "pw"), ConfigSource.readFile(f), f.toString()));
        assertEquals("jdbc:postgresql://db:5432/telerisk", c.sor().jdbcUrl());
        assertEquals("pw", c.sor().password());
        assertFalse(c.sor().toString().contains("pw"));
        assertFalse(c.ingest().builtInEnabled());
        assertEquals("ssl://broker:8883", c.ingest().externalBrokerUri());
        assertEquals("hub-7", c.ingest().clientId());
        assertEquals(StorageConfig.Backend.INFLUXDB, c.storage().backend());
        assertEquals("fleet", c.storage().influxDatabase());
        assertEquals(Duration.ofMillis(50), c.ingest().batchMaxDelay());
        assertFalse(c.telemetryInSor());
    }

    @Test
    void commandOutboxLimitsAreConfigurableAndDefaultToAHundredForADay() {
        assertEquals(io.telerisk.hub.command.OutboxLimits.DEFAULTS, load(Map.of(), Map.of(), Map.of()).commandOutbox());
        HubConfig c = load(Map.of(), Map.of("TELERISK_COMMANDS_OUTBOX_MAX_PENDING", "20"), Map.of(ConfigKeys.COMMANDS_OUTBOX_EXPIRY, "2h"));
        assertEquals(new io.telerisk.hub.command.OutboxLimits(20, Duration.ofHours(2)), c.commandOutbox());
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), Map.of(), Map.of(ConfigKeys.COMMANDS_OUTBOX_MAX_PENDING, "0")));
        assertTrue(e.getMessage().contains(ConfigKeys.COMMANDS_OUTBOX_MAX_PENDING), e.getMessage());
    }

    @Test
    void badValuesFailWithTheKeyTheirOriginAndTheReason() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), Map.of("TELERISK_API_PORT", "eighty"), Map.of()));
        assertTrue(e.getMessage().contains("telerisk.api.port") && e.getMessage().contains("environment variable TELERISK_API_PORT")
                && e.getMessage().contains("not an integer"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), Map.of(), Map.of(ConfigKeys.API_PORT, "70000")));
        assertTrue(e.getMessage().contains("file hub.properties") && e.getMessage().contains("0..65535"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(ConfigKeys.API_TOKEN_TTL, "forever"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("duration"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(ConfigKeys.TENANT_ZONES, "acme=Mars/Olympus"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("time zone"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(ConfigKeys.SOR_URL, "jdbc:mysql://x/y"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("H2 or PostgreSQL"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(ConfigKeys.STORAGE_BACKEND, "influxdb"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains(ConfigKeys.STORAGE_INFLUX_URL), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(ConfigKeys.MQTT_TLS_CERT, "/c.pem"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("TlsKeyPath"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(ConfigKeys.RETENTION_RAW, "1d"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("raw retention"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(ConfigKeys.MQTT_ENABLED, "maybe"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void apiTlsDrainDelayAndLogFormatAreReadAndCheckedTogether() {
        HubConfig c = load(Map.of(), Map.of("TELERISK_API_TLS_KEYSTORE_PASSWORD", "pw"), Map.of(ConfigKeys.API_TLS_KEYSTORE, "/etc/telerisk/api.p12",
                ConfigKeys.API_DRAIN_DELAY, "15s", ConfigKeys.LOG_FORMAT, "JSON"));
        assertEquals("/etc/telerisk/api.p12", c.api().tls().keystorePath());
        assertEquals("pw", c.api().tls().keystorePassword());
        assertFalse(c.api().tls().toString().contains("pw"), "the keystore password stays out of logs");
        assertEquals(Duration.ofSeconds(15), c.api().drainDelay());
        assertEquals(LogFormat.JSON, c.logFormat());
        assertEquals(LogFormat.JSON, c.withApi(ApiConfig.defaults()).logFormat(), "kept by the with* copies");

        HubConfig d = load(Map.of(), Map.of(), Map.of());
        assertFalse(d.api().tls().enabled());
        assertEquals(Duration.ZERO, d.api().drainDelay());
        assertEquals(LogFormat.TEXT, d.logFormat());

        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(ConfigKeys.API_TLS_CERT, "/c.pem"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("tls-key"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(ConfigKeys.API_TLS_CERT, "/c.pem", ConfigKeys.API_TLS_KEY, "/k.pem",
                ConfigKeys.API_TLS_KEYSTORE, "/a.p12"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), Map.of(), Map.of(ConfigKeys.LOG_FORMAT, "xml")));
        assertTrue(e.getMessage().contains(ConfigKeys.LOG_FORMAT) && e.getMessage().contains("text or json"), e.getMessage());
    }

    @Test
    void theCrashModelJudgesUnlessThePhysicsRuleIsConfigured() {
        assertEquals(ClaimsClassifier.MODEL, load(Map.of(), Map.of(), Map.of()).claimsClassifier());
        HubConfig c = load(Map.of(), Map.of("TELERISK_CLAIMS_CLASSIFIER", "Physics"), Map.of());
        assertEquals(ClaimsClassifier.PHYSICS, c.claimsClassifier());
        assertEquals(ClaimsClassifier.PHYSICS, c.withApi(ApiConfig.defaults()).claimsClassifier(), "kept by the with* copies");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), Map.of(), Map.of(ConfigKeys.CLAIMS_CLASSIFIER, "neural")));
        assertTrue(e.getMessage().contains(ConfigKeys.CLAIMS_CLASSIFIER) && e.getMessage().contains("model or physics"), e.getMessage());
    }

    @Test
    void trustedProxiesAndLoginThresholdsAreTypedAndCheckedAtLoad() {
        ApiConfig.Login d = load(Map.of(), Map.of(), Map.of()).api().login();
        assertEquals(ApiConfig.Login.DEFAULTS, d);
        assertFalse(d.trustedProxies().trusts("127.0.0.1"), "no proxy is trusted unless configured");
        ApiConfig.Login l = load(Map.of(), Map.of("TELERISK_API_TRUSTED_PROXIES", "10.0.0.5, 172.16.0.0/12,fd00::/8"),
                Map.of(ConfigKeys.API_LOGIN_SOURCE_FREE_FAILURES, "5", ConfigKeys.API_LOGIN_USERNAME_MAX_DELAY, "10s")).api().login();
        assertTrue(l.trustedProxies().trusts("10.0.0.5") && l.trustedProxies().trusts("172.31.255.1") && l.trustedProxies().trusts("fd12::1"));
        assertFalse(l.trustedProxies().trusts("10.0.0.6") || l.trustedProxies().trusts("172.32.0.1") || l.trustedProxies().trusts("proxy.local"));
        assertEquals(5, l.sourceFreeFailures());
        assertEquals(java.time.Duration.ofSeconds(10), l.usernameMaxDelay());
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), Map.of(),
                Map.of(ConfigKeys.API_TRUSTED_PROXIES, "lb.internal")));
        assertTrue(e.getMessage().contains(ConfigKeys.API_TRUSTED_PROXIES) && e.getMessage().contains("lb.internal"), e.getMessage());
        assertThrows(ConfigException.class, () -> load(Map.of(), Map.of(), Map.of(ConfigKeys.API_TRUSTED_PROXIES, "10.0.0.0/33")));
    }

    @Test
    void plainTextOffLoopbackStopsTheHubUnlessAllowedExplicitly() {
        ConfigException api = assertThrows(ConfigException.class, () -> load(Map.of(), Map.of("TELERISK_API_HOST", "0.0.0.0"), Map.of()));
        assertTrue(api.getMessage().contains(ConfigKeys.API_HOST) && api.getMessage().contains(ConfigKeys.API_ALLOW_PLAINTEXT), api.getMessage());
        ConfigException mqtt = assertThrows(ConfigException.class, () -> load(Map.of(), Map.of(), Map.of(ConfigKeys.MQTT_HOST, "0.0.0.0")));
        assertTrue(mqtt.getMessage().contains(ConfigKeys.MQTT_HOST) && mqtt.getMessage().contains(ConfigKeys.MQTT_ALLOW_PLAINTEXT), mqtt.getMessage());
        // explicit permission, or TLS, or loopback, or no built-in endpoint: the hub starts
        assertEquals("0.0.0.0", load(Map.of(), Map.of(), Map.of(ConfigKeys.API_HOST, "0.0.0.0", ConfigKeys.API_ALLOW_PLAINTEXT, "true")).api().host());
        assertEquals("0.0.0.0", load(Map.of(), Map.of(), Map.of(ConfigKeys.API_HOST, "0.0.0.0", ConfigKeys.API_TLS_CERT, "/c.pem",
                ConfigKeys.API_TLS_KEY, "/k.pem")).api().host());
        assertEquals("0.0.0.0", load(Map.of(), Map.of(), Map.of(ConfigKeys.MQTT_HOST, "0.0.0.0", ConfigKeys.MQTT_ALLOW_PLAINTEXT, "true")).ingest().mqttHost());
        assertEquals("0.0.0.0", load(Map.of(), Map.of(), Map.of(ConfigKeys.MQTT_HOST, "0.0.0.0", ConfigKeys.MQTT_TLS_CERT, "/c.pem",
                ConfigKeys.MQTT_TLS_KEY, "/k.pem")).ingest().mqttHost());
        assertEquals("0.0.0.0", load(Map.of(), Map.of(), Map.of(ConfigKeys.MQTT_HOST, "0.0.0.0", ConfigKeys.MQTT_ENABLED, "false")).ingest().mqttHost());
        assertEquals("localhost", load(Map.of(), Map.of(), Map.of(ConfigKeys.API_HOST, "localhost", ConfigKeys.MQTT_HOST, "::1")).api().host());
        assertThrows(ConfigException.class, () -> load(Map.of(), Map.of(), Map.of(ConfigKeys.API_HOST, "0.0.0.0",
                ConfigKeys.API_ALLOW_PLAINTEXT, "false")));
    }

    @Test
    void misspelledKeysAreReportedAsUnused() {
        ConfigSource s = new ConfigSource(Map.of("telerisk.api.prot", "1", "java.version", "17"), Map.of(),
                Map.of("telerisk.sor.urll", "x", ConfigKeys.API_PORT, "9000"), "f");
        HubConfigLoader.load(s);
        assertEquals(java.util.Set.of("telerisk.api.prot", "telerisk.sor.urll"), s.unusedKeys());
    }

    @Test
    void scoreModelIsTheBundledOneUnlessADirectoryIsConfigured() {
        assertEquals(null, load(Map.of(), Map.of(), Map.of()).scoreModel(), "unset: the model bundled with the pricing engine");
        assertEquals(Path.of("/srv/models/score-v3"), load(Map.of(), Map.of("TELERISK_PRICING_SCORE_MODEL", "/srv/models/score-v3"),
                Map.of()).scoreModel());
        assertEquals(Path.of("models", "score"), load(Map.of(), Map.of(), Map.of(ConfigKeys.PRICING_SCORE_MODEL, "models/score"))
                .withApi(ApiConfig.defaults()).scoreModel(), "kept by the with* copies");
    }

    @Test
    void everyKeyIsReadByTheLoaderAndDocumented() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        assertTrue(Files.exists(doc), "docs/configuration.md exists (run from the module directory)");
        String text = Files.readString(doc);
        for (ConfigKeys.Key k : ConfigKeys.ALL) {
            assertTrue(text.contains("`" + k.name() + "`"), "docs/configuration.md lacks " + k.name());
            assertTrue(text.contains("`" + k.envName() + "`"), "docs/configuration.md lacks " + k.envName());
        }
        // every documented key is really read: none is reported unused when all are set to valid values
        ConfigSource valid = new ConfigSource(Map.of(), Map.of(), validValues(), "valid");
        HubConfigLoader.load(valid);
        assertEquals(java.util.Set.of(), valid.unusedKeys());
    }

    private static Map<String, String> validValues() {
        Map<String, String> m = new java.util.HashMap<>();
        for (ConfigKeys.Key k : ConfigKeys.ALL) m.put(k.name(), "");
        m.put(ConfigKeys.DATA_DIR, "/tmp/x");
        m.put(ConfigKeys.API_PORT, "8081");
        m.put(ConfigKeys.STORAGE_BACKEND, "influxdb");
        m.put(ConfigKeys.STORAGE_INFLUX_URL, "http://influx:8086");
        m.put(ConfigKeys.MQTT_TLS_CERT, "/c.pem");
        m.put(ConfigKeys.MQTT_TLS_KEY, "/k.pem");
        m.put(ConfigKeys.TENANT_ZONES, "acme=Europe/Paris");
        m.put(ConfigKeys.RETENTION_RAW, "10d");
        m.put(ConfigKeys.CLAIMS_CLASSIFIER, "physics");
        return m;
    }
}
