package io.telerisk.hub.registry;

import io.telerisk.hub.TwoHubs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link AgentHealthContract} on two hubs sharing one PostgreSQL: the device publishes through hub A, every read goes
 * through hub B, and the older report arriving late through hub B does not replace the newer one A stored.
 */
class AgentHealthTwoHubsTest extends AgentHealthContract {
    private static TwoHubs hubs;

    @BeforeAll
    static void start() throws Exception {
        hubs = TwoHubs.start("agent-health");
        hub = hubs.a;
        lateHub = hubs.b;
        acme = hub.provisionDemo("acme");
        http = TwoHubs.http(hubs.b);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hubs != null) hubs.close();
    }
}
