package io.telerisk.hub.store;

import java.util.Locale;
import java.util.Objects;

/**
 * Where telemetry goes. Defaults run with nothing installed: the JDBC backend on an embedded H2 file under
 * {@code ./data}.
 *
 * @param backend              {@link Backend#JDBC} or {@link Backend#INFLUXDB}
 * @param influxUrl            InfluxDB base URL, e.g. {@code http://127.0.0.1:8086}
 * @param influxMode           {@link InfluxMode#V1} (InfluxDB 1.x: /write, /query, database + retention policy) or
 *                             {@link InfluxMode#V2} (2.x/3.x: /api/v2/write with org, bucket, token)
 * @param influxDatabase       v1 database (created on first use)
 * @param influxRetentionPolicy v1 retention policy, or empty for the database default
 * @param influxOrg            v2 organisation
 * @param influxBucket         v2 bucket (2.x needs a DBRP mapping for InfluxQL reads; see docs/storage.md)
 * @param influxToken          v2 API token, or in v1 mode {@code user:password} (empty without authentication)
 * @param jdbcUrl              JDBC URL of the telemetry database (H2 or PostgreSQL)
 * @param jdbcUser             JDBC user
 * @param jdbcPassword         JDBC password
 * @param batchSize            points per write request / JDBC batch
 */
public record StorageConfig(Backend backend, String influxUrl, InfluxMode influxMode, String influxDatabase,
                            String influxRetentionPolicy, String influxOrg, String influxBucket, String influxToken,
                            String jdbcUrl, String jdbcUser, String jdbcPassword, int batchSize) {

    /** Telemetry backends. */
    public enum Backend {
        JDBC, INFLUXDB;

        /** Parses {@code jdbc} or {@code influxdb}. */
        public static Backend parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "jdbc" -> JDBC;
                case "influxdb", "influx" -> INFLUXDB;
                default -> throw new IllegalArgumentException("unknown storage backend '" + s + "' (jdbc or influxdb)");
            };
        }
    }

    /** InfluxDB HTTP API flavours. */
    public enum InfluxMode {
        V1, V2;

        /** Parses {@code v1} or {@code v2}. */
        public static InfluxMode parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "v1" -> V1;
                case "v2" -> V2;
                default -> throw new IllegalArgumentException("unknown InfluxDB mode '" + s + "' (v1 or v2)");
            };
        }
    }

    /** The embedded H2 file database used by default. */
    public static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/telerisk;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH";

    public StorageConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(influxMode, "influxMode");
        influxUrl = influxUrl == null ? "" : influxUrl;
        influxDatabase = influxDatabase == null ? "" : influxDatabase;
        influxRetentionPolicy = influxRetentionPolicy == null ? "" : influxRetentionPolicy;
        influxOrg = influxOrg == null ? "" : influxOrg;
        influxBucket = influxBucket == null ? "" : influxBucket;
        influxToken = influxToken == null ? "" : influxToken;
        jdbcUser = jdbcUser == null ? "" : jdbcUser;
        jdbcPassword = jdbcPassword == null ? "" : jdbcPassword;
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (batchSize < 1 || batchSize > 1_000_000) throw new IllegalArgumentException("batchSize out of 1..1000000: " + batchSize);
        if (backend == Backend.INFLUXDB) {
            if (influxUrl.isEmpty()) throw new IllegalArgumentException("influxdb backend needs an InfluxDB url");
            if (influxMode == InfluxMode.V1 && influxDatabase.isEmpty()) throw new IllegalArgumentException("influxdb v1 mode needs a database");
            if (influxMode == InfluxMode.V2 && (influxOrg.isEmpty() || influxBucket.isEmpty())) {
                throw new IllegalArgumentException("influxdb v2 mode needs org and bucket");
            }
        }
    }

    /** JDBC on the embedded H2 file {@code ./data/telerisk}, batches of 5000. */
    public static StorageConfig defaults() {
        return jdbc(DEFAULT_JDBC_URL, "sa", "");
    }

    /** JDBC backend on this database. */
    public static StorageConfig jdbc(String url, String user, String password) {
        return new StorageConfig(Backend.JDBC, "", InfluxMode.V1, "", "", "", "", "", url, user, password, 5000);
    }

    /** InfluxDB 1.x (v1 API) backend; {@code retentionPolicy} may be empty, {@code userPassword} "user:pass" or empty. */
    public static StorageConfig influxV1(String url, String database, String retentionPolicy, String userPassword) {
        return new StorageConfig(Backend.INFLUXDB, url, InfluxMode.V1, database, retentionPolicy, "", "", userPassword,
                DEFAULT_JDBC_URL, "sa", "", 10_000);
    }

    /** InfluxDB 2.x/3.x (v2 API) backend. */
    public static StorageConfig influxV2(String url, String org, String bucket, String token) {
        return new StorageConfig(Backend.INFLUXDB, url, InfluxMode.V2, "", "", org, bucket, token,
                DEFAULT_JDBC_URL, "sa", "", 10_000);
    }

    /** The same configuration with another batch size. */
    public StorageConfig withBatchSize(int size) {
        return new StorageConfig(backend, influxUrl, influxMode, influxDatabase, influxRetentionPolicy, influxOrg,
                influxBucket, influxToken, jdbcUrl, jdbcUser, jdbcPassword, size);
    }

    /** Without secrets, for logs. */
    @Override
    public String toString() {
        return backend == Backend.JDBC ? "jdbc " + jdbcUrl
                : "influxdb-" + influxMode.name().toLowerCase(Locale.ROOT) + " " + influxUrl + " "
                + (influxMode == InfluxMode.V1 ? influxDatabase + (influxRetentionPolicy.isEmpty() ? "" : "/" + influxRetentionPolicy)
                : influxOrg + "/" + influxBucket) + " batch " + batchSize;
    }
}
