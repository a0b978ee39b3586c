package io.telerisk.hub.config;

import io.telerisk.hub.command.OutboxLimits;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.hub.retention.RetentionPolicy;
import io.telerisk.hub.store.StorageConfig;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

import static io.telerisk.hub.config.ConfigKeys.*;

/**
 * Builds a {@link HubConfig} from a {@link ConfigSource}: every key of {@link ConfigKeys}, with its default when
 * unset. Malformed values and inconsistent combinations fail with a {@link ConfigException} naming the key.
 */
public final class HubConfigLoader {
    private HubConfigLoader() {
    }

    /** From this process (system properties, environment) and an optional properties file. */
    public static HubConfig load(Path configFile) {
        return load(ConfigSource.fromProcess(configFile));
    }

    public static HubConfig load(ConfigSource c) {
        try {
            return build(c);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage());
        }
    }

    private static HubConfig build(ConfigSource c) {
        Path dataDir = c.path(DATA_DIR, Path.of("data", "hub"));
        HubConfig.Sor defSor = HubConfig.Sor.h2File(dataDir);
        HubConfig.Sor sor = new HubConfig.Sor(c.string(SOR_URL, defSor.jdbcUrl()), c.string(SOR_USER, defSor.user()),
                c.string(SOR_PASSWORD, defSor.password()));
        if (!sor.jdbcUrl().startsWith("jdbc:h2:") && !sor.jdbcUrl().startsWith("jdbc:postgresql:")) {
            throw new ConfigException(SOR_URL + " must be an H2 or PostgreSQL JDBC URL (jdbc:h2:… or jdbc:postgresql:…)");
        }

        ApiConfig ad = ApiConfig.defaults();
        ApiConfig api = new ApiConfig(c.string(API_HOST, ad.host()), c.integer(API_PORT, ad.port(), 0, 65535),
                positive(c, API_TOKEN_TTL, ad.tokenTtl()), c.integer(API_MAX_LIMIT, ad.maxLimit(), 1, 1_000_000),
                c.integer(API_MAX_BUCKETS, ad.maxBuckets(), 1, 1_000_000),
                c.integer(API_BODY_LIMIT, ad.bodyLimitBytes(), 1024, 64 * 1024 * 1024),
                new ApiTls(c.string(API_TLS_CERT, null), c.string(API_TLS_KEY, null), c.string(API_TLS_KEYSTORE, null),
                        c.string(API_TLS_KEYSTORE_PASSWORD, "")),
                c.duration(API_DRAIN_DELAY, ad.drainDelay()), login(c));

        ZoneId defaultZone;
        String zoneText = c.string(TENANT_DEFAULT_ZONE, "UTC");
        try {
            defaultZone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new ConfigException(TENANT_DEFAULT_ZONE + " = '" + zoneText + "': unknown time zone");
        }
        TenantZones zones;
        try {
            zones = new TenantZones(defaultZone, TenantZones.parse(c.string(TENANT_ZONES, "")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TENANT_ZONES + ": " + e.getMessage());
        }

        IngestConfig d = IngestConfig.defaults().withDataDir(dataDir);
        IngestConfig ingest = new IngestConfig(c.bool(MQTT_ENABLED, d.builtInEnabled()), c.string(MQTT_HOST, d.mqttHost()),
                c.integer(MQTT_PORT, d.mqttPort(), 0, 65535), c.string(MQTT_TLS_CERT, d.mqttTlsCertPath()),
                c.string(MQTT_TLS_KEY, d.mqttTlsKeyPath()), c.integer(MQTT_RECEIVE_MAXIMUM, d.receiveMaximum(), 1, 65535),
                c.integer(MQTT_MAX_MESSAGE_BYTES, d.maxMessageBytes(), 1024, 256 * 1024 * 1024),
                c.integer(INGEST_BATCH_MAX_POINTS, d.batchMaxPoints(), 1, 10_000_000),
                positive(c, INGEST_BATCH_MAX_DELAY, d.batchMaxDelay()),
                c.longValue(INGEST_MAX_IN_FLIGHT_BYTES, d.maxInFlightBytes(), 1024, Long.MAX_VALUE),
                positive(c, INGEST_STORE_TIMEOUT, d.storeTimeout()), d.spoolDir(),
                c.longValue(INGEST_SPOOL_MAX_BYTES, d.spoolMaxBytes(), 1024 * 1024, Long.MAX_VALUE),
                positive(c, INGEST_REPLAY_RETRY, d.replayRetry()), d.deadLetterDir(),
                c.longValue(INGEST_DEAD_LETTER_MAX_FILE_BYTES, d.deadLetterMaxFileBytes(), 1024, Long.MAX_VALUE),
                c.integer(INGEST_DEAD_LETTER_MAX_FILES, d.deadLetterMaxFiles(), 1, 10_000),
                c.integer(INGEST_DEDUP_WINDOW, d.dedupWindow(), 64, 1 << 24),
                c.integer(INGEST_DEDUP_MAX_DEVICES, d.dedupMaxDevices(), 1, 100_000_000),
                c.string(MQTT_DEFAULT_CONTENT_TYPE, d.defaultContentType()), c.string(BROKER_URI, d.externalBrokerUri()),
                c.string(BROKER_GROUP, d.sharedGroup()), c.string(BROKER_CLIENT_ID, d.clientId()),
                c.string(BROKER_USERNAME, d.brokerUsername()), c.string(BROKER_PASSWORD, d.brokerPassword()),
                limits(c, d.limits()));

        refusePlaintextOffLoopback(api, ingest, c.bool(API_ALLOW_PLAINTEXT, false), c.bool(MQTT_ALLOW_PLAINTEXT, false));
        StorageConfig storage = storage(c, sor);

        RetentionPolicy rd = RetentionPolicy.DEFAULT;
        RetentionPolicy retention = new RetentionPolicy(positive(c, RETENTION_RAW, rd.raw()),
                positive(c, RETENTION_HOURLY, rd.hourly()), positive(c, RETENTION_DAILY, rd.daily()), defaultZone);

        String speed = c.string(SUMMARY_SPEED_LIMIT, "130");
        double speedLimit;
        try {
            speedLimit = Double.parseDouble(speed);
        } catch (NumberFormatException e) {
            throw new ConfigException(SUMMARY_SPEED_LIMIT + " = '" + speed + "': not a number");
        }
        if (!(speedLimit > 0 && speedLimit <= 300)) throw new ConfigException(SUMMARY_SPEED_LIMIT + " = '" + speed + "': must be in (0, 300] km/h");

        return new HubConfig(dataDir, sor, api, ingest, storage, zones, retention,
                positive(c, RETENTION_INTERVAL, Duration.ofHours(1)), positive(c, SUMMARY_INTERVAL, Duration.ofSeconds(30)),
                speedLimit, c.integer(SUMMARY_QUEUE, 100_000, 1, 100_000_000),
                positive(c, STATUS_FLUSH_INTERVAL, Duration.ofSeconds(2)), c.duration(CREDENTIAL_CACHE_TTL, Duration.ofSeconds(60)),
                c.path(PRICING_SCORE_MODEL, null), claimsClassifier(c), logFormat(c),
                new OutboxLimits(c.integer(COMMANDS_OUTBOX_MAX_PENDING, OutboxLimits.DEFAULTS.maxPendingPerDevice(), 1, 1_000_000),
                        positive(c, COMMANDS_OUTBOX_EXPIRY, OutboxLimits.DEFAULTS.expiry())));
    }

    private static StorageConfig storage(ConfigSource c, HubConfig.Sor sor) {
        String backendText = c.string(STORAGE_BACKEND, "jdbc");
        StorageConfig.Backend backend;
        try {
            backend = StorageConfig.Backend.parse(backendText);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(STORAGE_BACKEND + " = '" + backendText + "': expected jdbc or influxdb");
        }
        String jdbcUrl = c.string(STORAGE_JDBC_URL, sor.jdbcUrl());
        String jdbcUser = c.string(STORAGE_JDBC_USER, sor.user());
        String jdbcPassword = c.string(STORAGE_JDBC_PASSWORD, sor.password());
        int batch = c.integer(STORAGE_BATCH_SIZE, backend == StorageConfig.Backend.JDBC ? 5000 : 10_000, 1, 1_000_000);
        if (backend == StorageConfig.Backend.JDBC) {
            return StorageConfig.jdbc(jdbcUrl, jdbcUser, jdbcPassword).withBatchSize(batch);
        }
        String modeText = c.string(STORAGE_INFLUX_MODE, "v1");
        StorageConfig.InfluxMode mode;
        try {
            mode = StorageConfig.InfluxMode.parse(modeText);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(STORAGE_INFLUX_MODE + " = '" + modeText + "': expected v1 or v2");
        }
        String url = c.string(STORAGE_INFLUX_URL, "");
        if (url.isEmpty()) throw new ConfigException(STORAGE_INFLUX_URL + " is required with " + STORAGE_BACKEND + "=influxdb");
        return new StorageConfig(backend, url, mode, c.string(STORAGE_INFLUX_DATABASE, "telerisk"),
                c.string(STORAGE_INFLUX_RP, ""), c.string(STORAGE_INFLUX_ORG, ""), c.string(STORAGE_INFLUX_BUCKET, ""),
                c.string(STORAGE_INFLUX_TOKEN, ""), jdbcUrl, jdbcUser, jdbcPassword, batch);
    }

    private static MqttLimits limits(ConfigSource c, MqttLimits d) {
        Duration keepAlive = positive(c, MQTT_MAX_KEEP_ALIVE, d.maxKeepAlive());
        if (keepAlive.toSeconds() < 1 || keepAlive.toSeconds() > 65535)
            throw new ConfigException(MQTT_MAX_KEEP_ALIVE + " must be between 1s and 65535s (an MQTT keep-alive is 16 bits of seconds)");
        Duration connectTimeout = positive(c, MQTT_CONNECT_TIMEOUT, d.connectTimeout());
        if (connectTimeout.toSeconds() < 1) throw new ConfigException(MQTT_CONNECT_TIMEOUT + " must be at least 1s");
        return new MqttLimits(c.integer(MQTT_RATE_MESSAGES, d.messagesPerSecond(), 1, 10_000_000),
                c.integer(MQTT_RATE_MESSAGE_BURST, d.messageBurst(), 1, 100_000_000),
                c.longValue(MQTT_RATE_BYTES, d.bytesPerSecond(), 1024, Long.MAX_VALUE / 4),
                c.longValue(MQTT_RATE_BYTE_BURST, d.byteBurst(), 1024, Long.MAX_VALUE / 4),
                c.integer(MQTT_REFUSALS_BEFORE_DISCONNECT, d.refusalsBeforeDisconnect(), 1, 1_000_000),
                connectTimeout, c.integer(MQTT_MAX_PENDING_CONNECTS, d.maxPendingConnects(), 1, 1_000_000), keepAlive);
    }

    /**
     * A REST API or built-in MQTT endpoint on an interface other than loopback must use TLS, unless plain text is
     * allowed explicitly (a proxy terminating TLS in front, a closed network): tokens, passwords, device credentials
     * and positions would otherwise cross the network in clear because of a default or a forgotten line.
     */
    static void refusePlaintextOffLoopback(ApiConfig api, IngestConfig ingest, boolean apiAllowed, boolean mqttAllowed) {
        if (!api.tls().enabled() && !apiAllowed && !loopback(api.host())) {
            throw new ConfigException(API_HOST + " = '" + api.host() + "' is not loopback and the API has no TLS: set "
                    + API_TLS_CERT + " and " + API_TLS_KEY + " (or " + API_TLS_KEYSTORE + "), or " + API_ALLOW_PLAINTEXT
                    + "=true if a proxy terminates HTTPS in front of the hub");
        }
        if (ingest.builtInEnabled() && ingest.mqttTlsCertPath() == null && !mqttAllowed && !ingest.builtInLoopbackOnly()) {
            throw new ConfigException(MQTT_HOST + " = '" + ingest.mqttHost() + "' is not loopback and the built-in MQTT endpoint has no TLS: "
                    + "set " + MQTT_TLS_CERT + " and " + MQTT_TLS_KEY + ", or " + MQTT_ALLOW_PLAINTEXT
                    + "=true to accept device credentials and positions in clear");
        }
    }

    private static boolean loopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static ApiConfig.Login login(ConfigSource c) {
        ApiConfig.Login d = ApiConfig.Login.DEFAULTS;
        TrustedProxies proxies;
        try {
            proxies = TrustedProxies.parse(c.string(API_TRUSTED_PROXIES, ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(API_TRUSTED_PROXIES + ": " + e.getMessage());
        }
        return new ApiConfig.Login(proxies, c.integer(API_LOGIN_SOURCE_FREE_FAILURES, d.sourceFreeFailures(), 0, 1_000_000),
                atLeastOneSecond(c, API_LOGIN_SOURCE_MAX_DELAY, d.sourceMaxDelay()),
                c.integer(API_LOGIN_USERNAME_FREE_FAILURES, d.usernameFreeFailures(), 0, 1_000_000),
                atLeastOneSecond(c, API_LOGIN_USERNAME_MAX_DELAY, d.usernameMaxDelay()));
    }

    private static Duration atLeastOneSecond(ConfigSource c, String key, Duration def) {
        Duration d = c.duration(key, def);
        if (d.toSeconds() < 1) throw new ConfigException(key + " must be at least 1s");
        return d;
    }

    private static ClaimsClassifier claimsClassifier(ConfigSource c) {
        String text = c.string(CLAIMS_CLASSIFIER, "model");
        try {
            return ClaimsClassifier.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(CLAIMS_CLASSIFIER + " = '" + text + "': expected model or physics");
        }
    }

    private static LogFormat logFormat(ConfigSource c) {
        String text = c.string(LOG_FORMAT, "text");
        try {
            return LogFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(LOG_FORMAT + " = '" + text + "': expected text or json");
        }
    }

    private static Duration positive(ConfigSource c, String key, Duration def) {
        Duration d = c.duration(key, def);
        if (d.isZero()) throw new ConfigException(key + " must be greater than zero");
        return d;
    }
}
