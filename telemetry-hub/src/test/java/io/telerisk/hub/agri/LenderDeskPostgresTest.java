package io.telerisk.hub.agri;

import org.junit.jupiter.api.BeforeAll;

/** {@link LenderDeskContract} on a fresh PostgreSQL database. */
class LenderDeskPostgresTest extends LenderDeskContract {
    @BeforeAll
    static void start() {
        hub = AgriFixture.start(AgriFixture.Db.POSTGRES);
    }
}
