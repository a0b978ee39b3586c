package io.telerisk.sim.agent;

import io.telerisk.agent.Agent;
import io.telerisk.model.EventTypes;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.sim.SimClock;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.truth.InMemoryTruth;
import io.telerisk.testkit.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simulated vehicles driving real edge agents in-process, publishing to a private Mosquitto. */
class AgentDriverIntegrationTest {
    @Test
    void simulatedVehiclesFeedRealEdgeAgentsThatPublishEverySample(@TempDir Path queues) throws Exception {
        Map<String, Integer> samplesBySeq = new ConcurrentHashMap<>();
        Set<String> eventTypes = ConcurrentHashMap.newKeySet();
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            MqttAsyncClient sub = new MqttAsyncClient(broker.uri(), "agent-counter", new MemoryPersistence());
            sub.setCallback(new MqttCallback() {
                @Override
                public void disconnected(MqttDisconnectResponse r) {
                }

                @Override
                public void mqttErrorOccurred(MqttException e) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    String ct = m.getProperties() == null ? null : m.getProperties().getContentType();
                    if (Codecs.decode(ct, m.getPayload()) instanceof Decoded.Ok ok) {
                        var e = ok.envelope();
                        samplesBySeq.put(e.deviceId() + "#" + e.sequence(), e.samples().size());
                        e.events().forEach(ev -> eventTypes.add(ev.type()));
                    }
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String uri) {
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties p) {
                }
            });
            sub.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
            sub.subscribe("v1/+/+/+/+", 1).waitForCompletion(10_000);
            Fleet fleet = Fleet.builder().seed(3).vehicles(3).tenant("edge")
                    .start(Instant.parse("2026-06-02T06:30:00Z")).duration(Duration.ofHours(3)).build();
            try (AgentDriver driver = AgentDriver.start(fleet, fleet.devices(), broker.uri(), null, Codecs.json(), queues,
                    SimClock.asFastAsPossible(fleet.start()), new InMemoryTruth())) {
                assertTrue(driver.awaitFed(120, TimeUnit.SECONDS), "all batches handed to the agents");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline && driver.agents().stream().anyMatch(a -> a.queueStats().pendingMessages() > 0)) {
                    Thread.sleep(50);
                }
                for (Agent a : driver.agents()) assertEquals(0, a.queueStats().pendingMessages(), "agent queue drained");
                long received = 0;
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline
                        && (received = samplesBySeq.values().stream().mapToLong(Integer::longValue).sum()) < driver.samplesSubmitted()) {
                    Thread.sleep(50);
                }
                assertTrue(driver.samplesSubmitted() > 1000, "the vehicles drove: " + driver.samplesSubmitted());
                assertEquals(driver.samplesSubmitted(), received, "every sample reached the broker through the agents");
                assertTrue(eventTypes.contains(EventTypes.TRIP_START), "the agents detected trips: " + eventTypes);
            } finally {
                sub.disconnect().waitForCompletion(5000);
                sub.close();
            }
        }
    }
}
