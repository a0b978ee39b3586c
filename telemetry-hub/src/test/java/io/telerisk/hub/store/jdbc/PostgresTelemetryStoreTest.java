package io.telerisk.hub.store.jdbc;

import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.AbstractTelemetryStoreTest;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.store.TelemetryStores;
import io.telerisk.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store contract on the machine's PostgreSQL 15, in a fresh database migrated by Flyway. */
class PostgresTelemetryStoreTest extends AbstractTelemetryStoreTest {
    private static PostgresDatabase pg;
    private static SystemOfRecord sor;

    @BeforeAll
    static void openDatabase() {
        pg = PostgresDatabase.create();
        sor = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 4);
    }

    @AfterAll
    static void closeDatabase() {
        if (sor != null) sor.close();
        if (pg != null) pg.close();
    }

    @Override
    protected TelemetryStore open(RetentionPolicies policies, Clock clock) {
        return new JdbcTelemetryStore(sor.dataSource(), sor.dialect(), 500, policies, clock, null);
    }

    @Test
    void flywayAppliedTheStoreMigrations() throws Exception {
        try (Connection c = sor.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IN ('1', '2', '3')")) {
            rs.next();
            assertEquals(3, rs.getInt(1));
        }
    }

    @Test
    void factoryOpensTheJdbcBackendOnPostgres() throws Exception {
        try (TelemetryStore s = TelemetryStores.open(StorageConfig.jdbc(pg.jdbcUrl(), pg.user(), pg.password()))) {
            assertEquals("jdbc-postgresql", s.describe());
            s.store(List.of(io.telerisk.hub.store.Traces.vehicle(tenant, "car-9", 1, io.telerisk.hub.store.Traces.fix(T0, 1, 2, 3))));
            assertEquals(1, s.raw(new io.telerisk.model.DeviceKey(tenant, io.telerisk.model.DeviceType.VEHICLE, "car-9"),
                    T0, T0.plusSeconds(1), 5).size());
        }
    }

    @Test
    void storeDownMeansStoreUnavailable() {
        SystemOfRecord dead = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 1);
        TelemetryStore s = new JdbcTelemetryStore(dead.dataSource(), dead.dialect(), 10, RetentionPolicies.defaults(), CLOCK, dead);
        s.close();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(io.telerisk.hub.store.StoreUnavailableException.class,
                () -> s.store(List.of(io.telerisk.hub.store.Traces.vehicle(tenant, "car-9", 1, io.telerisk.hub.store.Traces.fix(T0, 1, 2, 3)))));
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
    }
}
