package io.telerisk.hub.config;

import io.telerisk.hub.command.OutboxLimits;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.retention.RetentionPolicy;
import io.telerisk.hub.store.StorageConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The hub's whole configuration, typed, in one place: the ingest engineer's {@link IngestConfig}, the store
 * engineer's {@link StorageConfig}, the REST API's {@link ApiConfig}, the system of record, the data directory,
 * tenant zones and the background jobs. Built by {@link HubConfigLoader} from system properties, environment,
 * an optional properties file and defaults that run with nothing installed.
 *
 * @param dataDir             data directory (H2 files, JWT secret, spool, dead letters)
 * @param sor                 system-of-record database
 * @param api                 REST API
 * @param ingest              MQTT endpoints and ingest pipeline
 * @param storage             telemetry store
 * @param tenantZones         tenant time zones
 * @param retention           retention durations (the zone of each tenant comes from {@code tenantZones})
 * @param retentionInterval   how often the retention job runs
 * @param summaryInterval     how often summaries are recomputed
 * @param speedLimitKmh       speed limit assumed everywhere for speeding distance
 * @param summaryQueue        summariser queue capacity
 * @param statusFlushInterval how often device status is persisted
 * @param credentialCacheTtl  device credential cache lifetime
 * @param scoreModel          SavedModel directory of the telematics risk score; {@code null}: the model bundled with
 *                            the pricing engine
 * @param claimsClassifier    crash classifier: the TensorFlow model (default) or the physics rule
 * @param logFormat           text or JSON log lines
 * @param commandOutbox       bounds of the outbox of commands waiting for their device; {@code null}: the defaults
 */
public record HubConfig(Path dataDir, Sor sor, ApiConfig api, IngestConfig ingest, StorageConfig storage,
                        TenantZones tenantZones, RetentionPolicy retention, Duration retentionInterval,
                        Duration summaryInterval, double speedLimitKmh, int summaryQueue,
                        Duration statusFlushInterval, Duration credentialCacheTtl, Path scoreModel,
                        ClaimsClassifier claimsClassifier, LogFormat logFormat, OutboxLimits commandOutbox) {

    /** The system-of-record database. The password is kept out of {@link #toString()}. */
    public record Sor(String jdbcUrl, String user, String password) {
        public Sor {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            user = user == null ? "" : user;
            password = password == null ? "" : password;
        }

        /**
         * The embedded H2 file database in a data directory. H2 must not close it from its own JVM shutdown hook: the
         * hub closes it last, after ingest has stored what it acknowledged (with H2's hook racing the hub's, Ctrl-C
         * failed the last writes, which were spooled and replayed at the next start).
         */
        public static Sor h2File(Path dataDir) {
            return new Sor("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("sor")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        }

        @Override
        public String toString() {
            return "Sor[" + jdbcUrl.replaceAll("(?i)password=[^;&]*", "password=***") + ", user=" + user + "]";
        }
    }

    public HubConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(sor, "sor");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(tenantZones, "tenantZones");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(retentionInterval, "retentionInterval");
        Objects.requireNonNull(summaryInterval, "summaryInterval");
        Objects.requireNonNull(statusFlushInterval, "statusFlushInterval");
        Objects.requireNonNull(credentialCacheTtl, "credentialCacheTtl");
        logFormat = logFormat == null ? LogFormat.TEXT : logFormat;
        commandOutbox = commandOutbox == null ? OutboxLimits.DEFAULTS : commandOutbox;
        claimsClassifier = claimsClassifier == null ? ClaimsClassifier.MODEL : claimsClassifier;
        if (speedLimitKmh <= 0 || speedLimitKmh > 300) throw new IllegalArgumentException("speed limit " + speedLimitKmh + " km/h not in (0, 300]");
        if (summaryQueue < 1) throw new IllegalArgumentException("summaryQueue must be >= 1");
    }

    /**
     * Everything default in one data directory, with the API and the MQTT endpoint on free ports: what tests and
     * embedded runs start from.
     */
    public static HubConfig embedded(Path dataDir) {
        Sor sor = Sor.h2File(dataDir);
        return new HubConfig(dataDir, sor, ApiConfig.defaults().withPort("127.0.0.1", 0),
                IngestConfig.defaults().withDataDir(dataDir).withBuiltIn(true, "127.0.0.1", 0),
                StorageConfig.jdbc(sor.jdbcUrl(), sor.user(), sor.password()), TenantZones.utc(), RetentionPolicy.DEFAULT,
                Duration.ofHours(1), Duration.ofSeconds(5), 130.0, 100_000, Duration.ofSeconds(2), Duration.ofSeconds(60), null, ClaimsClassifier.MODEL, LogFormat.TEXT, OutboxLimits.DEFAULTS);
    }

    /** Retention policies per tenant: the configured durations with each tenant's zone. */
    public RetentionPolicies retentionPolicies() {
        Map<String, RetentionPolicy> byTenant = new LinkedHashMap<>();
        tenantZones.zones().forEach((t, z) -> byTenant.put(t, new RetentionPolicy(retention.raw(), retention.hourly(), retention.daily(), z)));
        return new RetentionPolicies(new RetentionPolicy(retention.raw(), retention.hourly(), retention.daily(),
                tenantZones.defaultZone()), byTenant);
    }

    /** Whether telemetry lives in the system-of-record database (one pool for both). */
    public boolean telemetryInSor() {
        return storage.backend() == StorageConfig.Backend.JDBC && storage.jdbcUrl().equals(sor.jdbcUrl());
    }

    public HubConfig withApi(ApiConfig a) {
        return new HubConfig(dataDir, sor, a, ingest, storage, tenantZones, retention, retentionInterval, summaryInterval,
                speedLimitKmh, summaryQueue, statusFlushInterval, credentialCacheTtl, scoreModel, claimsClassifier, logFormat, commandOutbox);
    }

    public HubConfig withIngest(IngestConfig i) {
        return new HubConfig(dataDir, sor, api, i, storage, tenantZones, retention, retentionInterval, summaryInterval,
                speedLimitKmh, summaryQueue, statusFlushInterval, credentialCacheTtl, scoreModel, claimsClassifier, logFormat, commandOutbox);
    }

    public HubConfig withStorage(StorageConfig s) {
        return new HubConfig(dataDir, sor, api, ingest, s, tenantZones, retention, retentionInterval, summaryInterval,
                speedLimitKmh, summaryQueue, statusFlushInterval, credentialCacheTtl, scoreModel, claimsClassifier, logFormat, commandOutbox);
    }

    public HubConfig withSor(Sor s) {
        return new HubConfig(dataDir, s, api, ingest, storage, tenantZones, retention, retentionInterval, summaryInterval,
                speedLimitKmh, summaryQueue, statusFlushInterval, credentialCacheTtl, scoreModel, claimsClassifier, logFormat, commandOutbox);
    }

    /** With device last-seen times persisted every {@code interval}. */
    public HubConfig withStatusFlushInterval(Duration interval) {
        return new HubConfig(dataDir, sor, api, ingest, storage, tenantZones, retention, retentionInterval, summaryInterval,
                speedLimitKmh, summaryQueue, interval, credentialCacheTtl, scoreModel, claimsClassifier, logFormat, commandOutbox);
    }

    /** With the telematics score model read from {@code dir} ({@code null}: the bundled model). */
    public HubConfig withScoreModel(Path dir) {
        return new HubConfig(dataDir, sor, api, ingest, storage, tenantZones, retention, retentionInterval, summaryInterval,
                speedLimitKmh, summaryQueue, statusFlushInterval, credentialCacheTtl, dir, claimsClassifier, logFormat, commandOutbox);
    }

    /** With the crash classifier chosen ({@link ClaimsClassifier#PHYSICS}: the physics rule). */
    public HubConfig withClaimsClassifier(ClaimsClassifier c) {
        return new HubConfig(dataDir, sor, api, ingest, storage, tenantZones, retention, retentionInterval, summaryInterval,
                speedLimitKmh, summaryQueue, statusFlushInterval, credentialCacheTtl, scoreModel, c, logFormat, commandOutbox);
    }

    public HubConfig withSummaryInterval(Duration d) {
        return new HubConfig(dataDir, sor, api, ingest, storage, tenantZones, retention, retentionInterval, d,
                speedLimitKmh, summaryQueue, statusFlushInterval, credentialCacheTtl, scoreModel, claimsClassifier, logFormat, commandOutbox);
    }

    /** With the command outbox kept within {@code limits}. */
    public HubConfig withCommandOutbox(OutboxLimits limits) {
        return new HubConfig(dataDir, sor, api, ingest, storage, tenantZones, retention, retentionInterval, summaryInterval,
                speedLimitKmh, summaryQueue, statusFlushInterval, credentialCacheTtl, scoreModel, claimsClassifier, logFormat, limits);
    }
}
