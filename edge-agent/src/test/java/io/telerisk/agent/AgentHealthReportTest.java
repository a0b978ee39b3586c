package io.telerisk.agent;

import io.telerisk.agent.mqtt.LinkStats;
import io.telerisk.agent.queue.QueueStats;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.EventTypes;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's periodic health report: what it says, and that it reaches the broker on the device's events topic. */
class AgentHealthReportTest {
    private static final String PREFIX = "v1/acme/vehicle/car-9/";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path queueDir;

    @Test
    void theReportCarriesQueueDepthDropsAndReconnects() {
        QueueStats q = new QueueStats(12, 3, 8192, 100, 88, 5, 1, 0, 2, 0, 101);
        LinkStats l = new LinkStats(false, 4, 7, 2, 95, 88, 6, 0, 0, "x".repeat(500));
        DeviceEvent e = AgentHealth.event(q, l, 9, Instant.parse("2026-06-01T08:00:00Z"));
        assertEquals(EventTypes.AGENT_HEALTH, e.type());
        assertEquals(12.0, e.measures().get("queueDepth"));
        assertEquals(3.0, e.measures().get("queueEvents"));
        assertEquals(5.0, e.measures().get("droppedRaw"));
        assertEquals(1.0, e.measures().get("droppedSummaries"));
        assertEquals(3.0, e.measures().get("reconnects"), "four connections are three reconnects");
        assertEquals(7.0, e.measures().get("connectFailures"));
        assertEquals(6.0, e.measures().get("publishFailures"));
        assertEquals(9.0, e.measures().get("eventsRefused"));
        assertEquals("false", e.labels().get("connected"));
        assertEquals(200, e.labels().get("lastError").length(), "the error is cut to 200 characters");
        assertTrue(AgentHealth.logLine(e).contains("queue depth 12") && AgentHealth.logLine(e).contains("reconnects 3"), AgentHealth.logLine(e));
    }

    @Test
    void healthIsPublishedPeriodicallyAndCountsTheReconnectAfterABrokerOutage() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestSubscriber sub = new TestSubscriber(broker.uri(), "hub-health", PREFIX + "events")) {
            Agent agent = Agent.start(AgentConfig.builder("acme", "car-9", DeviceType.VEHICLE).broker(broker.uri()).queueDirectory(queueDir)
                    .backoff(Duration.ofMillis(100), Duration.ofMillis(800)).analytics(null).crash(null).randomSeed(7)
                    .healthInterval(Duration.ofSeconds(1)).build());
            try {
                assertTrue(TestSubscriber.await(WAIT, agent::isConnected), "agent connected");
                assertTrue(TestSubscriber.await(WAIT, () -> !healthReports(sub).isEmpty()), "a health report within the interval");
                broker.stop();
                broker.startAgain();
                assertTrue(TestSubscriber.await(WAIT, () -> healthReports(sub).stream().anyMatch(h -> h.measures().get("reconnects") >= 1)),
                        () -> "a report after the outage counts the reconnect: " + healthReports(sub));
                DeviceEvent last = healthReports(sub).get(healthReports(sub).size() - 1);
                assertTrue(last.measures().containsKey("queueDepth") && last.measures().containsKey("droppedRaw"), last.toString());
            } finally {
                agent.close();
            }
        }
    }

    @Test
    void healthReportsCanBeTurnedOffButNotMadeToFlood() {
        var b = AgentConfig.builder("acme", "car-9", DeviceType.VEHICLE).queueDirectory(queueDir);
        b.healthInterval(Duration.ZERO);
        assertThrows(IllegalArgumentException.class, () -> b.healthInterval(Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class, () -> b.healthInterval(Duration.ofSeconds(-1)));
    }

    private static List<DeviceEvent> healthReports(TestSubscriber sub) {
        return sub.received().stream().map(r -> Codecs.json().decode(r.payload())).filter(d -> d instanceof Decoded.Ok)
                .flatMap(d -> ((Decoded.Ok) d).envelope().events().stream()).filter(e -> EventTypes.AGENT_HEALTH.equals(e.type()))
                .filter(Objects::nonNull).toList();
    }
}
