package io.telerisk.hub.claims;

import org.junit.jupiter.api.BeforeAll;

/** {@link LossPayeeContract} on H2 in PostgreSQL mode. */
class LossPayeeH2Test extends LossPayeeContract {
    @BeforeAll
    static void start() {
        fx = ClaimsHubFixture.start(ClaimsHubFixture.Db.H2);
    }
}
