package io.telerisk.hub;

import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.testkit.PostgresDatabase;

import java.nio.file.Files;
import java.time.Duration;

/**
 * Two embedded hubs, each with its own data directory and built-in MQTT endpoint, on one private PostgreSQL database
 * (system of record and telemetry store): the production shape of several hubs, for tests of shared state.
 */
public final class TwoHubs implements AutoCloseable {
    public final PostgresDatabase pg;
    public final Hub a;
    public final Hub b;

    private TwoHubs(PostgresDatabase pg, Hub a, Hub b) {
        this.pg = pg;
        this.a = a;
        this.b = b;
    }

    /** Starts both hubs; {@code name} prefixes their data directories. */
    public static TwoHubs start(String name) throws Exception {
        return start(name, java.util.function.UnaryOperator.identity());
    }

    /** Starts both hubs, each with its configuration changed by {@code tweak} (e.g. tighter MQTT limits). */
    public static TwoHubs start(String name, java.util.function.UnaryOperator<HubConfig> tweak) throws Exception {
        PostgresDatabase pg = PostgresDatabase.create();
        Hub a = null;
        try {
            a = Hub.start(tweak.apply(config(pg, name)));
            return new TwoHubs(pg, a, Hub.start(tweak.apply(config(pg, name))));
        } catch (Exception | Error e) {
            if (a != null) a.close();
            pg.close();
            throw e;
        }
    }

    private static HubConfig config(PostgresDatabase pg, String name) throws Exception {
        return HubConfig.embedded(Files.createTempDirectory(name))
                .withSor(new HubConfig.Sor(pg.jdbcUrl(), pg.user(), pg.password()))
                .withStorage(StorageConfig.jdbc(pg.jdbcUrl(), pg.user(), pg.password()));
    }

    /** An HTTP client for one of the hubs. */
    public static HubHttpClient http(Hub hub) {
        return new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(30));
    }

    @Override
    public void close() throws Exception {
        try {
            b.close();
        } finally {
            try {
                a.close();
            } finally {
                pg.close();
            }
        }
    }
}
