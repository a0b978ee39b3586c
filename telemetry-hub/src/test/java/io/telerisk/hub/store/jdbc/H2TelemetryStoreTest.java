package io.telerisk.hub.store.jdbc;

import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.AbstractTelemetryStoreTest;
import io.telerisk.hub.store.TelemetryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The store contract on embedded H2 in PostgreSQL mode, migrated by Flyway. */
class H2TelemetryStoreTest extends AbstractTelemetryStoreTest {
    private static SystemOfRecord sor;

    @BeforeAll
    static void openDatabase() {
        sor = SystemOfRecord.open("jdbc:h2:mem:store-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", 4);
    }

    @AfterAll
    static void closeDatabase() {
        sor.close();
    }

    @Override
    protected TelemetryStore open(RetentionPolicies policies, Clock clock) {
        return new JdbcTelemetryStore(sor.dataSource(), sor.dialect(), 500, policies, clock, null);
    }

    @Test
    void flywayAppliedTheStoreMigrations() throws Exception {
        assertEquals("jdbc-h2", store().describe());
        try (Connection c = sor.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IN ('1', '2', '3')")) {
            rs.next();
            assertEquals(3, rs.getInt(1));
        }
    }
}
