package io.telerisk.hub.store;

import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.influx.InfluxTelemetryStore;
import io.telerisk.hub.store.jdbc.JdbcTelemetryStore;
import io.telerisk.hub.store.jdbc.SystemOfRecord;

import java.time.Clock;

/** Opens the telemetry store a {@link StorageConfig} asks for. */
public final class TelemetryStores {
    private TelemetryStores() {
    }

    /** Opens the configured store with default retention policies. */
    public static TelemetryStore open(StorageConfig config) {
        return open(config, RetentionPolicies.defaults(), Clock.systemUTC());
    }

    /**
     * Opens the configured store. The JDBC store opens (and migrates) its own pool on {@code jdbcUrl} and closes
     * it on {@link TelemetryStore#close()}; the InfluxDB store contacts the server only on first use.
     * Both returned stores also implement {@link io.telerisk.hub.retention.RollupStore}.
     */
    public static TelemetryStore open(StorageConfig config, RetentionPolicies policies, Clock clock) {
        return switch (config.backend()) {
            case INFLUXDB -> InfluxTelemetryStore.open(config, policies, clock);
            case JDBC -> {
                SystemOfRecord sor = SystemOfRecord.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
                yield new JdbcTelemetryStore(sor.dataSource(), sor.dialect(), config.batchSize(), policies, clock, sor);
            }
        };
    }
}
