package io.telerisk.hub.registry;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.UUID;

class RegistryH2Test extends RegistryContract {
    private static SystemOfRecord sor;

    @BeforeAll
    static void open() {
        sor = SystemOfRecord.open("jdbc:h2:mem:reg-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2);
    }

    @AfterAll
    static void close() {
        sor.close();
    }

    @Override
    SystemOfRecord sor() {
        return sor;
    }
}
