package io.telerisk.hub;

import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/**
 * Base of the tests that check what several hubs share: two embedded hubs {@link #a} and {@link #b}, each with its
 * own data directory, on one PostgreSQL database (system of record and telemetry store), with the demo tenant
 * {@code acme} provisioned through hub {@code a}. Started once per test class.
 */
abstract class OnTwoHubs {
    static TwoHubs hubs;
    static PostgresDatabase pg;
    static Hub a;
    static Hub b;
    static DemoProvisioner.DemoSetup acme;

    @BeforeAll
    static void startTwoHubs() throws Exception {
        hubs = TwoHubs.start("two-hubs");
        pg = hubs.pg;
        a = hubs.a;
        b = hubs.b;
        acme = a.provisionDemo("acme");
    }

    @AfterAll
    static void stopTwoHubs() throws Exception {
        if (hubs != null) hubs.close();
        hubs = null;
        a = b = null;
        pg = null;
    }
}
