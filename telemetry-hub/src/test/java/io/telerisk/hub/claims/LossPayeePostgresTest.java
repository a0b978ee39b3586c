package io.telerisk.hub.claims;

import org.junit.jupiter.api.BeforeAll;

/** {@link LossPayeeContract} on a fresh PostgreSQL database. */
class LossPayeePostgresTest extends LossPayeeContract {
    @BeforeAll
    static void start() {
        fx = ClaimsHubFixture.start(ClaimsHubFixture.Db.POSTGRES);
    }
}
