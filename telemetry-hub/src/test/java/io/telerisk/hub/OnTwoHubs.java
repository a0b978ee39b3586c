package io.telerisk.hub;

import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;

/**
 * Base of the tests that check what several hubs share: two embedded hubs {@link #a} and {@link #b}, each with its
 * own data directory, on one PostgreSQL database (system of record and telemetry store), with the demo tenant
 * {@code acme} provisioned through hub {@code a}. Started once per test class.
 */
abstract class OnTwoHubs {
    static PostgresDatabase pg;
    static Hub a;
    static Hub b;
    static DemoProvisioner.DemoSetup acme;

    @BeforeAll
    static void startTwoHubs() throws Exception {
        pg = PostgresDatabase.create();
        a = Hub.start(config());
        b = Hub.start(config());
        acme = a.provisionDemo("acme");
    }

    private static HubConfig config() throws Exception {
        return HubConfig.embedded(Files.createTempDirectory("two-hubs"))
                .withSor(new HubConfig.Sor(pg.jdbcUrl(), pg.user(), pg.password()))
                .withStorage(StorageConfig.jdbc(pg.jdbcUrl(), pg.user(), pg.password()));
    }

    @AfterAll
    static void stopTwoHubs() throws Exception {
        if (b != null) b.close();
        if (a != null) a.close();
        if (pg != null) pg.close();
        a = b = null;
        pg = null;
    }
}
