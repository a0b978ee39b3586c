package io.telerisk.launcher.e2e;

import io.telerisk.agent.Agent;
import io.telerisk.agent.AgentConfig;
import io.telerisk.agent.mqtt.DeviceCredentials;
import io.telerisk.hub.Hub;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.hub.ingest.MqttRefusal;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue #12, both ends: the hub's built-in endpoint refuses a device over its rate with PUBACK 0x97 Quota exceeded,
 * and the real edge agent keeps those messages and resends them later, so everything it queued is stored once.
 */
class AgentOverTheDeviceRateTest {
    private static final DeviceKey CAR = new DeviceKey("acme", DeviceType.VEHICLE, "car-rate");
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
    @TempDir
    Path data;
    @TempDir
    Path queue;

    private static List<Sample> batch(int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            out.add(new VehicleSample(T0.plusSeconds(n * 2L + i), GnssFix.of(48.1 + n * 1e-4, 11.5), 10.0, 90.0, null, null, null));
        }
        return out;
    }

    @Test
    void messagesRefusedOverTheDeviceRateAreResentByTheAgentUntilAllAreStored() throws Exception {
        HubConfig base = HubConfig.embedded(data);
        // 2 messages a second after a burst of 3; never disconnect for it in this test
        HubConfig config = base.withIngest(base.ingest().withLimits(new MqttLimits(2, 3, 1 << 22, 1 << 22, 1_000_000,
                Duration.ofSeconds(10), 100, Duration.ofMinutes(5))));
        try (Hub hub = Hub.start(config)) {
            new JdbcDeviceRegistry(hub.systemOfRecord().dataSource(), Clock.fixed(T0.minus(Duration.ofDays(1)), ZoneOffset.UTC),
                    Duration.ZERO, Duration.ZERO).register(CAR, "rate-limited car");
            DeviceCredential credential = hub.registry().issueCredential(CAR).orElseThrow();
            Agent agent = Agent.start(AgentConfig.builder(CAR.tenant(), CAR.deviceId(), CAR.type())
                    .broker("tcp://127.0.0.1:" + hub.mqttPort())
                    .credentials(DeviceCredentials.token(CAR.tenant(), CAR.deviceId(), credential.token()))
                    .queueDirectory(queue).replayRate(1000, 100).analytics(null).crash(null).build());
            try {
                for (int n = 0; n < 12; n++) agent.submitSamples(batch(n));
                long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (hub.ingestStats().snapshot().pointsStored() < 24 && System.nanoTime() < end) Thread.sleep(100);
                assertEquals(24, hub.ingestStats().snapshot().pointsStored(),
                        () -> "every queued sample stored once: " + hub.ingestStats().snapshot() + "; agent " + agent.linkStats());
                assertTrue(hub.ingestStats().refusals(MqttRefusal.QUOTA_EXCEEDED) > 0, "the rate limit did refuse some");
                assertEquals(0, hub.ingestStats().refusals(MqttRefusal.RATE_DISCONNECT));
                long deadEnd = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (agent.queueStats().pendingMessages() > 0 && System.nanoTime() < deadEnd) Thread.sleep(100);
                assertEquals(0, agent.queueStats().pendingMessages(), "the agent's queue drains");
            } finally {
                agent.close();
            }
        }
    }
}
