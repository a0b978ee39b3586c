package io.telerisk.hub.agri;

import org.junit.jupiter.api.BeforeAll;

/** {@link AgriApiContract} on H2 in PostgreSQL mode. */
class AgriApiH2Test extends AgriApiContract {
    @BeforeAll
    static void start() {
        hub = AgriFixture.start(AgriFixture.Db.H2);
    }
}
