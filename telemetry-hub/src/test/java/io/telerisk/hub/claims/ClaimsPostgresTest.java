package io.telerisk.hub.claims;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Claims in the hub with PostgreSQL 15 (testkit) as system of record and telemetry store. */
class ClaimsPostgresTest extends ClaimsContract {
    private static ClaimsHubFixture fx;

    @BeforeAll
    static void start() {
        fx = ClaimsHubFixture.start(ClaimsHubFixture.Db.POSTGRES);
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
