package io.telerisk.agent;

import io.telerisk.agent.analytics.AnalyticsConfig;
import io.telerisk.agent.analytics.RoadClassSpeedLimits;
import io.telerisk.agent.analytics.SyntheticTrace;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.EventTypes;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** The agent with no broker reachable: everything it accepts waits in the queue. */
class AgentOfflineTest {
    @TempDir
    Path dir;

    private AgentConfig.Builder offline(String device) {
        // port 1 on loopback: connection refused at once, the link keeps backing off
        return AgentConfig.builder("acme", device, DeviceType.VEHICLE).broker("tcp://127.0.0.1:1")
                .queueDirectory(dir.resolve(device)).backoff(Duration.ofMillis(50), Duration.ofMillis(200)).randomSeed(9);
    }

    @Test
    void speedingAgainstTheRoadClassIsDetectedQueuedAndReported() throws Exception {
        RoadClassSpeedLimits limits = new RoadClassSpeedLimits(RoadClassSpeedLimits.EUROPEAN_DEFAULTS_MPS);
        List<DeviceEvent> detected = new CopyOnWriteArrayList<>();
        try (Agent agent = Agent.start(offline("car-1").analytics(AnalyticsConfig.defaults().withSpeedLimits(limits)).build())) {
            agent.onDetectedEvent(detected::add);
            agent.setRoadClass("urban");
            List<VehicleSample> trace = SyntheticTrace.gnss(40, s -> s < 20 ? 20 : Math.max(10, 20 - 2 * (s - 20)), s -> 90); // gentle 2 m/s²
            for (int i = 0; i < trace.size(); i += 10) agent.submitSamples(trace.subList(i, Math.min(trace.size(), i + 10)));
            assertEquals(List.of(EventTypes.TRIP_START, EventTypes.SPEEDING), detected.stream().map(DeviceEvent::type).toList());
            agent.setRoadClass("urban"); // unchanged: reported once
            assertEquals(5 + 3, agent.queueStats().pendingMessages(), "5 telemetry batches and 3 events (road class, trip start, speeding) wait");
            assertEquals(3, agent.queueStats().pendingEvents());
            assertFalse(agent.isConnected());
            assertTrue(TestSubscriber.await(Duration.ofSeconds(10), () -> agent.linkStats().connectFailures() >= 2));
        }
        try (Agent again = Agent.start(offline("car-1").build())) {
            assertEquals(8, again.queueStats().pendingMessages(), "still there after a restart");
            assertEquals(9, again.queueStats().nextSequence());
        }
    }

    @Test
    void roadClassNeedsRoadClassLimitsAndSamplesMustMatchTheDeviceType() throws Exception {
        try (Agent agent = Agent.start(offline("car-2").build())) {
            assertThrows(IllegalStateException.class, () -> agent.setRoadClass("urban"));
            List<Sample> wrong = new ArrayList<>(List.of(new WearableSample(Instant.parse("2026-03-15T08:00:00Z"), 60, 10, null, null)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> agent.submitSamples(wrong));
            assertTrue(e.getMessage().contains("wearable"), e.getMessage());
            assertTrue(agent.submitSamples(List.of()).isEmpty(), "nothing to send, no sequence used");
            assertEquals(1, agent.queueStats().nextSequence());
        }
    }

    @Test
    void largeBatchesAreSplitIntoEnvelopesOfBoundedSize() throws Exception {
        try (Agent agent = Agent.start(offline("car-3").maxSamplesPerEnvelope(100).analytics(null).crash(null).build())) {
            List<Sample> batch = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                batch.add(new VehicleSample(SyntheticTrace.T0.plusMillis(i * 10L), GnssFix.of(48, 11), 10.0, null, null, null, null));
            }
            assertEquals(3, agent.submitSamples(batch).getAsLong(), "the last of three envelopes");
            assertEquals(3, agent.queueStats().pendingMessages());
        }
    }

    @Test
    void crashCandidateCanBeDismissedThroughTheAgent() throws Exception {
        List<DeviceEvent> detected = new CopyOnWriteArrayList<>();
        // the device clock runs at the trace's time so the 15 s dismissal window is judged against it
        java.time.Clock clock = java.time.Clock.fixed(SyntheticTrace.T0.plusSeconds(25), java.time.ZoneOffset.UTC);
        try (Agent agent = Agent.start(offline("car-4").build(), clock)) {
            agent.onDetectedEvent(detected::add);
            double g = io.telerisk.agent.crash.CrashConfig.G_MPS2;
            List<VehicleSample> trace = SyntheticTrace.trace(22, s -> s < 11 ? 20 : 0,
                    s -> s >= 10 && s < 10.05 ? new double[] {-8 * g, 0, g} : new double[] {0, 0, g});
            for (int i = 0; i < trace.size(); i += 100) agent.submitSamples(trace.subList(i, Math.min(trace.size(), i + 100)));
            DeviceEvent candidate = detected.stream().filter(e -> e.type().equals(EventTypes.CRASH_CANDIDATE)).findFirst().orElseThrow();
            String id = candidate.labels().get("candidateId");
            assertEquals(List.of(id), agent.dismissibleCrashes());
            assertTrue(agent.dismissCrash(id));
            assertFalse(agent.dismissCrash(id));
            assertTrue(agent.queueStats().pendingEvents() >= 3, "trip start, candidate and dismissal queued: " + agent.queueStats());
        }
    }
}
