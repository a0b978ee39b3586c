package io.telerisk.hub.agri;

import org.junit.jupiter.api.BeforeAll;

/** {@link LenderDeskContract} on H2 in PostgreSQL mode. */
class LenderDeskH2Test extends LenderDeskContract {
    @BeforeAll
    static void start() {
        hub = AgriFixture.start(AgriFixture.Db.H2);
    }
}
