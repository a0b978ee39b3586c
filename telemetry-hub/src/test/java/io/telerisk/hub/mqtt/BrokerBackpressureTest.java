package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.FileDeadLetterStore;
import io.telerisk.hub.ingest.InMemoryDeviceRegistry;
import io.telerisk.hub.ingest.InMemoryTelemetryStore;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.IngestService;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.topic.Channel;
import io.telerisk.testkit.MosquittoBroker;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.telerisk.hub.ingest.TestEnvelopes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The broker connection announces a receive window of 65,535, so memory rests on backpressure: while the store is
 * stuck the hub stops reading the broker's socket near {@code maxInFlightBytes}, and the broker keeps the rest.
 */
class BrokerBackpressureTest {
    @TempDir
    Path dir;

    @Test
    void aStuckStorePausesTheBrokerConnectionAndNothingIsLostWhenItRecovers() throws Exception {
        DeviceKey car = new DeviceKey("acme", DeviceType.VEHICLE, "car-bp");
        Vertx vertx = Vertx.vertx();
        InMemoryTelemetryStore store = new InMemoryTelemetryStore();
        long maxInFlight = 512 * 1024;
        IngestConfig cfg = IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir)
                .withBatching(5000, Duration.ofMillis(20), maxInFlight).withStoreTimeouts(Duration.ofSeconds(60), Duration.ofMillis(100));
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            // one device publishing as fast as it can: above the default device rate, which is not under test here
            cfg = cfg.withExternalBroker(broker.uri(), "bp-test", "hub-bp", null, null)
                    .withLimits(cfg.limits().withDeviceRate(1_000_000, 1_000_000, 1L << 40, 1L << 40));
            FileDeadLetterStore dl = FileDeadLetterStore.open(cfg);
            IngestService hub = IngestService.start(vertx, cfg, store, new InMemoryDeviceRegistry().add(car, "t"), new IngestStats(), dl)
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            MqttAsyncClient device = new MqttAsyncClient(broker.uri(), "bp-device", new MemoryPersistence());
            try {
                device.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
                store.block();
                MqttProperties p = new MqttProperties();
                p.setContentType(JSON);
                int n = 1500; // 20 samples each: ~2 KB a message, ~3 MB in all, six times the in-flight bound
                for (int seq = 1; seq <= n; seq++) {
                    device.publish(topic(car, Channel.TELEMETRY), new MqttMessage(json(telemetry(car, seq, 20)), 1, false, p));
                    if (seq % 50 == 0) Thread.sleep(5); // stay under Paho's own in-flight limit
                }
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!hub.status().paused() && System.nanoTime() < end) Thread.sleep(20);
                assertTrue(hub.status().paused(), "reading from the broker paused: " + hub.status());
                Thread.sleep(1000); // whatever was already read lands in the pipeline
                long inFlight = hub.status().inFlightBytes();
                assertTrue(inFlight < maxInFlight + 2 * 1024 * 1024,
                        "memory bounded by backpressure, not by the 65,535 window: " + inFlight + " bytes in flight");
                store.release();
                assertTrue(store.awaitEnvelopes(n, Duration.ofSeconds(60)), "all stored after the store recovered: " + store.envelopeCount());
                for (int seq = 1; seq <= n; seq++) assertTrue(store.writesOf(car, seq) >= 1, "#" + seq);
            } finally {
                store.release();
                device.disconnect().waitForCompletion(5_000);
                device.close(true);
                hub.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                dl.close();
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
