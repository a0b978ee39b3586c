package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.FileDeadLetterStore;
import io.telerisk.hub.ingest.InMemoryDeviceRegistry;
import io.telerisk.hub.ingest.InMemoryTelemetryStore;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.IngestService;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.topic.Channel;
import io.telerisk.testkit.MosquittoBroker;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.telerisk.hub.ingest.TestEnvelopes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Two hubs on one $share group of a real Mosquitto split one stream: every message is stored, none twice in
 * normal operation, none lost across a broker restart.
 */
class SharedSubscriptionTest {
    private static final int DEVICES = 5;
    @TempDir
    Path dir;
    MosquittoBroker broker;
    Vertx vertx;
    InMemoryTelemetryStore store;
    InMemoryDeviceRegistry registry;
    final List<IngestService> hubs = new ArrayList<>();
    final List<IngestStats> hubStats = new ArrayList<>();
    final List<FileDeadLetterStore> deadLetters = new ArrayList<>();
    MqttAsyncClient publisher;
    int noSubscribers;

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.start();
        vertx = Vertx.vertx();
        store = new InMemoryTelemetryStore();
        registry = new InMemoryDeviceRegistry();
        for (int d = 0; d < DEVICES; d++) registry.add(device(d), "t");
        for (String name : List.of("hub-a", "hub-b")) {
            IngestConfig cfg = IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir.resolve(name))
                    .withExternalBroker(broker.uri(), "ingest-test", name, null, null);
            var dl = FileDeadLetterStore.open(cfg);
            var stats = new IngestStats();
            hubs.add(IngestService.start(vertx, cfg, store, registry, stats, dl).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
            hubStats.add(stats);
            deadLetters.add(dl);
        }
        publisher = new MqttAsyncClient(broker.uri(), "device-gateway", new MemoryPersistence());
        var o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 2);
        publisher.connect(o).waitForCompletion(10_000);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (publisher.isConnected()) publisher.disconnect().waitForCompletion(5_000);
            publisher.close(true);
        } catch (MqttException ignored) {
            // broker may be gone
        }
        for (var h : hubs) h.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        for (var d : deadLetters) d.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        broker.close();
    }

    private static DeviceKey device(int d) {
        return new DeviceKey("acme", DeviceType.VEHICLE, "car-" + d);
    }

    /**
     * Publishes at QoS 1 until the broker acknowledges delivery to a subscriber, riding out a broker restart as the
     * edge agent does. Reason 0x10 (no matching subscribers) means the broker dropped the message: Mosquitto 2.0
     * does not restore $share subscriptions from persistence, so until the hubs re-subscribe after a broker restart
     * nobody matches, and the publisher must try again.
     */
    private void publishReliably(Envelope e) throws Exception {
        var props = new MqttProperties();
        props.setContentType(JSON);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                var token = publisher.publish(topic(e.key(), Channel.TELEMETRY), new MqttMessage(json(e), 1, false, props));
                token.waitForCompletion(5_000);
                int[] codes = token.getReasonCodes();
                if (codes == null || codes.length == 0 || codes[0] != 0x10) return;
                noSubscribers++;
                if (System.nanoTime() > end) fail("no subscriber for 60 s");
                Thread.sleep(100);
            } catch (MqttException ex) {
                if (System.nanoTime() > end) throw ex;
                Thread.sleep(200);
            }
        }
    }

    private int publishStream(int perDevice, Runnable midway) throws Exception {
        int n = 0;
        for (int seq = 1; seq <= perDevice; seq++) {
            for (int d = 0; d < DEVICES; d++) {
                publishReliably(telemetry(device(d), seq, 2));
                n++;
            }
            if (seq == perDevice / 2 && midway != null) midway.run();
            if (seq == 1) assertEquals(0, noSubscribers, "both hubs subscribed before the stream starts");
        }
        return n;
    }

    private List<String> missing(int perDevice) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++)
            for (int seq = 1; seq <= perDevice; seq++) if (store.writesOf(device(d), seq) == 0) out.add("car-" + d + "#" + seq);
        return out;
    }

    @Test
    void twoHubsSplitOneStreamAndEachMessageIsStoredOnce() throws Exception {
        int n = publishStream(200, null);
        assertTrue(store.awaitEnvelopes(n, Duration.ofSeconds(60)), "stored " + store.envelopeCount() + " of " + n);
        Thread.sleep(300); // let any stray redelivery show up
        store.writes().forEach((k, w) -> assertEquals(1, w, k + " written exactly once"));
        assertEquals(n * 2, store.sampleCount());
        long a = hubStats.get(0).snapshot().messagesReceived();
        long b = hubStats.get(1).snapshot().messagesReceived();
        assertEquals(n, a + b, "each message went to one hub");
        assertTrue(a > 0 && b > 0, "the broker split the stream: " + a + " / " + b);
    }

    @Test
    void brokerRestartMidStreamLosesNothing() throws Exception {
        int n = publishStream(200, () -> broker.restart());
        assertTrue(store.awaitEnvelopes(n, Duration.ofSeconds(60)), () -> "stored " + store.envelopeCount() + " of " + n + "; missing " + missing(200));
        for (int d = 0; d < DEVICES; d++)
            for (int seq = 1; seq <= 200; seq++) assertTrue(store.writesOf(device(d), seq) >= 1, "car-" + d + " #" + seq);
        assertEquals(n * 2, store.sampleCount(), "each point once in the (idempotent) store");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(hubs.get(0).status().brokerConnected() && hubs.get(1).status().brokerConnected()) && System.nanoTime() < end) Thread.sleep(100);
        assertTrue(hubs.get(0).status().brokerConnected() && hubs.get(1).status().brokerConnected(), "both hubs reconnected");
    }
}
