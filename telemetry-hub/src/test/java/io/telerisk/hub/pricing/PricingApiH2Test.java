package io.telerisk.hub.pricing;

import org.junit.jupiter.api.BeforeAll;

/** The pricing API on H2 (PostgreSQL mode). */
class PricingApiH2Test extends PricingApiContract {
    @BeforeAll
    static void start() {
        use(PricingFixture.start(PricingFixture.Db.H2));
    }
}
