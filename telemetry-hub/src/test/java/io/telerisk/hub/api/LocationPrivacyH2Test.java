package io.telerisk.hub.api;

import org.junit.jupiter.api.BeforeAll;

/** Location privacy on H2 (PostgreSQL mode). */
class LocationPrivacyH2Test extends LocationPrivacyContract {
    @BeforeAll
    static void start() throws Exception {
        seed(ApiFixture.start(ApiFixture.Db.H2));
    }
}
