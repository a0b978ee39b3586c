package io.telerisk.hub.claims;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Claims in the hub with H2 (PostgreSQL mode) as the system of record. */
class ClaimsH2Test extends ClaimsContract {
    private static ClaimsHubFixture fx;

    @BeforeAll
    static void start() {
        fx = ClaimsHubFixture.start(ClaimsHubFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) fx.close();
    }

    @Override
    ClaimsHubFixture fx() {
        return fx;
    }
}
