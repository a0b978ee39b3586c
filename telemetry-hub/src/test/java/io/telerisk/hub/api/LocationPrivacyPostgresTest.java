package io.telerisk.hub.api;

import org.junit.jupiter.api.BeforeAll;

/** Location privacy on PostgreSQL (a fresh database from the testkit; fails if PostgreSQL is not running). */
class LocationPrivacyPostgresTest extends LocationPrivacyContract {
    @BeforeAll
    static void start() throws Exception {
        seed(ApiFixture.start(ApiFixture.Db.POSTGRES));
    }
}
