package io.telerisk.sim.publish;

import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;
import io.telerisk.sim.SimClock;
import io.telerisk.sim.faults.FaultConfig;
import io.telerisk.sim.fleet.DeviceAction;
import io.telerisk.sim.fleet.DeviceStream;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.truth.InMemoryTruth;
import io.telerisk.sim.truth.TruthRecord;
import io.telerisk.sim.truth.TruthSink;
import io.telerisk.sim.vehicle.VehicleConfig;
import io.telerisk.testkit.MosquittoBroker;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishes simulated fleets to a real Mosquitto (private, from the testkit) and counts what a QoS 1 subscriber
 * receives. Fails, never skips, when mosquitto is not installed.
 */
class FleetPublisherIntegrationTest {
    private MosquittoBroker broker;
    private Vertx vertx;
    private MqttAsyncClient subscriber;
    private final Set<String> validSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> rejectedSeen = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (subscriber != null && subscriber.isConnected()) subscriber.disconnect().waitForCompletion(5000);
        if (subscriber != null) subscriber.close();
        vertx.close().await(10, TimeUnit.SECONDS);
        if (broker != null) broker.close();
    }

    private void subscribe(String username, String password) throws MqttException {
        subscriber = new MqttAsyncClient(broker.uri(), "counter-" + System.nanoTime(), new MemoryPersistence());
        subscriber.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received.incrementAndGet();
                Topic t = Topic.parse(topic);
                Decoded d = Codecs.json().decode(m.getPayload());
                if (d instanceof Decoded.Ok ok && !ok.envelope().samples().stream().anyMatch(s -> s.time().getEpochSecond() > 4_000_000_000L)) {
                    Envelope e = ok.envelope();
                    assertEquals(t.deviceId(), e.deviceId(), "topic and envelope agree");
                    validSeen.add(e.deviceId() + "#" + e.sequence());
                } else {
                    rejectedSeen.add(t.deviceId() + "#" + new String(m.getPayload()).hashCode());
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
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(1000);
        if (username != null) {
            o.setUserName(username);
            o.setPassword(password.getBytes());
        }
        subscriber.connect(o).waitForCompletion(10_000);
        subscriber.subscribe("v1/+/+/+/+", 1).waitForCompletion(10_000);
    }

    private static long expectedValid(Fleet fleet, FaultConfig faults) {
        long n = 0;
        for (DeviceStream s : fleet.streams(Codecs.json(), faults, TruthSink.NONE)) {
            while (s.next() != null) {
                // drain
            }
            n += s.validEnvelopes();
        }
        return n;
    }

    private void awaitCount(Set<String> set, long expected, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (set.size() < expected && System.nanoTime() < deadline) Thread.sleep(50);
    }

    @Test
    void thousandDevicesDeliverExactlyTheExpectedValidMessagesAtQos1() throws Exception {
        broker = MosquittoBroker.start();
        subscribe(null, null);
        VehicleConfig vc = new VehicleConfig(30, 100, 1.0, 2.0, true, 4.0, 1.0, 1.0, ZoneOffset.UTC);
        Fleet fleet = Fleet.builder().seed(2026).vehicles(600).wearables(200).farms(200).tenant("load")
                .start(Instant.parse("2026-06-02T06:30:00Z")).duration(Duration.ofMinutes(90)).vehicleConfig(vc).build();
        long expected = expectedValid(fleet, FaultConfig.NONE);
        assertTrue(expected > 3000, "a real load: " + expected);
        InMemoryTruth truth = new InMemoryTruth();
        long t0 = System.nanoTime();
        PublisherHandle h = FleetPublisher.start(vertx, fleet, "127.0.0.1", broker.port(), null, Rate.unlimited(),
                FaultConfig.NONE, SimClock.asFastAsPossible(fleet.start()), PublisherOptions.defaults().withTruth(truth));
        h.completion().toCompletionStage().toCompletableFuture().get(240, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        awaitCount(validSeen, expected, Duration.ofSeconds(60));
        h.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        PublisherStats st = h.stats();
        System.out.printf("published %d messages from %d devices in %.1f s (%.0f msg/s): %s%n",
                st.published(), st.devices(), seconds, st.published() / seconds, st);
        assertEquals(expected, validSeen.size(), "distinct valid (device, seq) messages received");
        assertEquals(expected, st.validAcked(), "acknowledged by the broker");
        assertEquals(0, st.failed());
        assertEquals(1000, st.finished());
        assertTrue(received.get() >= expected);
        List<TruthRecord> summaries = truth.ofType("device_summary");
        assertEquals(1000, summaries.size());
        assertEquals(expected, summaries.stream().mapToLong(r -> r.getLong("ackedValidEnvelopes")).sum());
        assertTrue(summaries.stream().allMatch(r -> Boolean.TRUE.equals(r.get("complete"))));
        assertEquals(st.validPointsAcked(), summaries.stream().mapToLong(r -> r.getLong("validPoints")).sum());
    }

    @Test
    void faultsReachTheBrokerAsRecordedInTheGroundTruth() throws Exception {
        broker = MosquittoBroker.start();
        subscribe(null, null);
        Fleet fleet = Fleet.builder().seed(77).vehicles(30).wearables(10).farms(10).tenant("faulty")
                .start(Instant.parse("2026-06-02T06:00:00Z")).duration(Duration.ofHours(4)).build();
        FaultConfig faults = FaultConfig.parse("dup=0.05,reorder=0.05,offline=0.02,malformed=0.05,offlineMin=1m,offlineMax=20m");
        long expected = expectedValid(fleet, faults);
        InMemoryTruth truth = new InMemoryTruth();
        PublisherHandle h = FleetPublisher.start(vertx, fleet, "127.0.0.1", broker.port(), k -> null, Rate.messagesPerSecond(5000),
                faults, SimClock.asFastAsPossible(fleet.start()),
                PublisherOptions.defaults().withTruth(truth).withMinOfflineWall(Duration.ofMillis(50)));
        h.completion().toCompletionStage().toCompletableFuture().get(240, TimeUnit.SECONDS);
        awaitCount(validSeen, expected, Duration.ofSeconds(60));
        h.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        PublisherStats st = h.stats();
        long malformedTruth = truth.ofType("fault").stream().filter(r -> r.getString("fault").equals("malformed")).count();
        long dupTruth = truth.ofType("fault").stream().filter(r -> r.getString("fault").equals("duplicate")).count();
        long gapsTruth = truth.ofType("offline_gap").size();
        assertEquals(expected, validSeen.size(), "every valid envelope arrived");
        assertEquals(malformedTruth, st.malformedSent());
        assertEquals(dupTruth, st.duplicatesSent());
        assertEquals(gapsTruth, st.offlineGaps());
        assertTrue(gapsTruth > 0 && malformedTruth > 0 && dupTruth > 0, "faults happened: " + st);
        assertTrue(st.connectAttempts() >= 50 + gapsTruth, "devices reconnected after their offline gaps: " + st);
        long validMessagesReceived = received.get() - rejectedSeen.size();
        assertTrue(validMessagesReceived >= expected + dupTruth, "duplicates arrived too");
        assertTrue(rejectedSeen.size() >= malformedTruth - 1, "malformed payloads arrived: " + rejectedSeen.size() + " of " + malformedTruth);
    }

    @Test
    void eachDeviceConnectsWithItsOwnCredentialsAndWrongOnesAreRefused() throws Exception {
        Fleet fleet = Fleet.builder().seed(5).wearables(4).tenant("secure").duration(Duration.ofHours(2)).build();
        Map<String, String> users = new HashMap<>();
        fleet.devices().forEach(d -> users.put(d.username(), "token-" + d.key().deviceId()));
        users.put("counter", "counter-secret");
        broker = MosquittoBroker.startWithUsers(users);
        subscribe("counter", "counter-secret");
        InMemoryTruth truth = new InMemoryTruth();
        PublisherHandle h = FleetPublisher.start(vertx, fleet, "127.0.0.1", broker.port(),
                k -> k.deviceId().equals("wear-00004") ? "wrong" : "token-" + k.deviceId(),
                Rate.unlimited(), FaultConfig.NONE, SimClock.asFastAsPossible(fleet.start()), PublisherOptions.defaults().withTruth(truth));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (h.stats().finished() < 3 && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(1500);
        h.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        PublisherStats st = h.stats();
        assertEquals(3, st.finished(), st.toString());
        assertTrue(st.connectFailures() >= 1, "the device with a wrong token was refused: " + st);
        assertFalse(validSeen.stream().anyMatch(s -> s.startsWith("wear-00004#")), "nothing from the refused device");
        TruthRecord refused = truth.ofType("device_summary").stream().filter(r -> r.getString("deviceId").equals("wear-00004")).findFirst().orElseThrow();
        assertEquals(Boolean.FALSE, refused.get("complete"));
        assertEquals(0L, refused.getLong("ackedValidEnvelopes"));
        assertEquals(3 * 12, validSeen.size(), "three devices × 12 ten-minute envelopes in two hours");
    }

    @Test
    void mqtt5LinkSendsProtobufWithItsContentType() throws Exception {
        broker = MosquittoBroker.start();
        Map<String, Integer> byContentType = new ConcurrentHashMap<>();
        Set<String> decoded = ConcurrentHashMap.newKeySet();
        subscriber = new MqttAsyncClient(broker.uri(), "ct-counter", new MemoryPersistence());
        subscriber.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                String ct = m.getProperties() == null ? null : m.getProperties().getContentType();
                byContentType.merge(String.valueOf(ct), 1, Integer::sum);
                if (Codecs.decode(ct, m.getPayload()) instanceof Decoded.Ok ok) {
                    decoded.add(ok.envelope().deviceId() + "#" + ok.envelope().sequence());
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
        subscriber.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        subscriber.subscribe("v1/+/+/+/+", 1).waitForCompletion(10_000);
        Fleet fleet = Fleet.builder().seed(31).vehicles(20).wearables(10).farms(10).tenant("proto")
                .start(Instant.parse("2026-06-02T06:30:00Z")).duration(Duration.ofHours(2)).build();
        long expected = 0;
        for (DeviceStream s : fleet.streams(Codecs.protobuf(), FaultConfig.NONE, TruthSink.NONE)) {
            while (s.next() != null) {
                // drain
            }
            expected += s.validEnvelopes();
        }
        PublisherHandle h = FleetPublisher.start(vertx, fleet, "127.0.0.1", broker.port(), null, Rate.unlimited(),
                FaultConfig.NONE, SimClock.asFastAsPossible(fleet.start()),
                PublisherOptions.defaults().withCodec(Codecs.protobuf()).withMqtt5(true));
        h.completion().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        awaitCount(decoded, expected, Duration.ofSeconds(30));
        h.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(expected, decoded.size(), "every protobuf envelope decoded by the content type it carried");
        assertEquals(expected, h.stats().validAcked());
        assertEquals(Set.of("application/x-protobuf"), byContentType.keySet());
    }

    @Test
    void protobufWithoutMqtt5IsRefusedWithTheReason() {
        Fleet fleet = Fleet.builder().wearables(1).build();
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> FleetPublisher.start(vertx, fleet,
                "127.0.0.1", 1, null, Rate.unlimited(), FaultConfig.NONE, SimClock.asFastAsPossible(fleet.start()),
                PublisherOptions.defaults().withCodec(Codecs.protobuf())));
        assertTrue(e.getMessage().contains("MQTT 5"), e.getMessage());
    }

    @Test
    void unacknowledgedMessagesAreResentAfterTheBrokerRestarts() throws Exception {
        broker = MosquittoBroker.start();
        Fleet fleet = Fleet.builder().seed(12).wearables(100).farms(100).tenant("restart")
                .start(Instant.parse("2026-06-02T00:00:00Z")).duration(Duration.ofHours(12)).build();
        long expected = expectedValid(fleet, FaultConfig.NONE);
        PublisherHandle h = FleetPublisher.start(vertx, fleet, "127.0.0.1", broker.port(), null, Rate.messagesPerSecond(1500),
                FaultConfig.NONE, SimClock.asFastAsPossible(fleet.start()), PublisherOptions.defaults());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (h.stats().acked() < expected / 4 && System.nanoTime() < deadline) Thread.sleep(20);
        broker.restart();
        h.completion().toCompletionStage().toCompletableFuture().get(240, TimeUnit.SECONDS);
        h.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        PublisherStats st = h.stats();
        System.out.println("after broker restart: " + st);
        assertEquals(expected, st.validAcked(), "every envelope acknowledged despite the restart: " + st);
        assertTrue(st.connectAttempts() > 200, "devices reconnected: " + st);
        assertTrue(st.resent() > 0, "messages unacknowledged at the restart were resent: " + st);
        assertTrue(st.acked() >= expected);
    }
}
