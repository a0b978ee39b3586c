package io.telerisk.hub.registry;

import io.telerisk.hub.Hub;
import io.telerisk.hub.HubHttpClient;
import io.telerisk.hub.config.HubConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.time.Duration;

/** {@link AgentHealthContract} on one embedded hub (H2): the late report arrives through the same hub. */
class AgentHealthTest extends AgentHealthContract {
    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(Files.createTempDirectory("agent-health")));
        lateHub = hub;
        acme = hub.provisionDemo("acme");
        http = new HubHttpClient(hub.apiUrl(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }
}
