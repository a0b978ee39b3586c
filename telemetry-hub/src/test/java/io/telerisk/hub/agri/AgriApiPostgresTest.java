package io.telerisk.hub.agri;

import org.junit.jupiter.api.BeforeAll;

/** {@link AgriApiContract} on a real PostgreSQL database (fails when PostgreSQL is not reachable). */
class AgriApiPostgresTest extends AgriApiContract {
    @BeforeAll
    static void start() {
        hub = AgriFixture.start(AgriFixture.Db.POSTGRES);
    }
}
