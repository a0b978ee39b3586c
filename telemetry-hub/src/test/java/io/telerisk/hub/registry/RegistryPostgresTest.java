package io.telerisk.hub.registry;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RegistryPostgresTest extends RegistryContract {
    private static PostgresDatabase pg;
    private static SystemOfRecord sor;

    @BeforeAll
    static void open() {
        pg = PostgresDatabase.create();
        sor = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 2);
    }

    @AfterAll
    static void close() {
        sor.close();
        pg.close();
    }

    @Override
    SystemOfRecord sor() {
        return sor;
    }
}
