package io.telerisk.hub.pricing;

import org.junit.jupiter.api.BeforeAll;

/** The pricing API on PostgreSQL (testkit: a fresh database, fails clearly when PostgreSQL is missing). */
class PricingApiPostgresTest extends PricingApiContract {
    @BeforeAll
    static void start() {
        use(PricingFixture.start(PricingFixture.Db.POSTGRES));
    }
}
