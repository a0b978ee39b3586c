package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.DeadLetter;
import io.telerisk.hub.ingest.DeadLetterQuery;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.IngestService;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.ingest.JdbcDeadLetterStore;
import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.store.TelemetryStores;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;
import io.telerisk.testkit.MosquittoBroker;
import io.telerisk.testkit.PostgresDatabase;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.telerisk.hub.ingest.TestEnvelopes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The device rate on the {@code $share} path with two hubs of one group on PostgreSQL and a real Mosquitto: each hub
 * allows half of a device's {@code telerisk.mqtt.rate.*} (the live-hub count comes from the group's advisory locks),
 * so together they store about the rate; the rest is acknowledged and counted as {@code RATE_LIMITED}, with a dead
 * letter a second per hub for the tenant's operators saying how many more, and nothing is lost. A device at a normal
 * rate is not touched.
 */
class ShareRateTwoHubsTest {
    private static final DeviceKey FLOODER = new DeviceKey("acme", DeviceType.VEHICLE, "flood-1");
    private static final DeviceKey NORMAL = new DeviceKey("acme", DeviceType.VEHICLE, "calm-1");
    /** 20 messages/s with a burst of 20 per device: each of the two hubs allows 10/s and 10 at once. */
    private static final MqttLimits LIMITS = new MqttLimits(20, 20, 1L << 20, 1L << 20, 100, Duration.ofSeconds(10),
            1_000, Duration.ofMinutes(5));
    private static final int FLOOD_RATE = 60; // 3x the limit
    private static final int CALM_RATE = 5;
    private static final double SECONDS = 3;

    @TempDir
    Path dir;
    MosquittoBroker broker;
    PostgresDatabase pg;
    Vertx vertx;
    final List<SystemOfRecord> pools = new ArrayList<>();
    final List<BrokerSessions> sessions = new ArrayList<>();
    final List<LiveHubCount> counts = new ArrayList<>();
    final List<IngestService> hubs = new ArrayList<>();
    final List<IngestStats> stats = new ArrayList<>();
    TelemetryStore store;
    JdbcDeadLetterStore deadLetters;
    MqttAsyncClient publisher;

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.start();
        pg = PostgresDatabase.create();
        vertx = Vertx.vertx();
        store = TelemetryStores.open(StorageConfig.jdbc(pg.jdbcUrl(), pg.user(), pg.password()));
        for (String name : List.of("hub-a", "hub-b")) {
            // each hub its own pool, as two processes would have: the advisory locks are per connection
            SystemOfRecord sor = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password());
            pools.add(sor);
            if (deadLetters == null) {
                deadLetters = new JdbcDeadLetterStore(sor.dataSource(), JdbcDeadLetterStore.DEFAULT_RETENTION, JdbcDeadLetterStore.DEFAULT_MAX_ROWS);
                var registry = new JdbcDeviceRegistry(sor.dataSource(), Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1));
                registry.register(FLOODER, null, Instant.parse("2024-01-01T00:00:00Z"));
                registry.register(NORMAL, null, Instant.parse("2024-01-01T00:00:00Z"));
            }
            IngestConfig cfg = IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir.resolve(name))
                    .withExternalBroker(broker.uri(), "rate-test", name, null, null).withLimits(LIMITS);
            // as Hub does: own the broker session, then start ingest, then keep the live-hub count current
            BrokerSessions s = BrokerSessions.claim(sor.dataSource(), cfg.sharedGroup(), name, broker.uri(), Clock.systemUTC(), Duration.ZERO);
            sessions.add(s);
            var registry = new JdbcDeviceRegistry(sor.dataSource(), Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1));
            registry.preload();
            IngestStats st = new IngestStats();
            IngestService hub = IngestService.start(vertx, cfg, store, registry, st, deadLetters)
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            hubs.add(hub);
            stats.add(st);
        }
        // both hubs run before either samples, as in a deployment that is up
        for (int i = 0; i < hubs.size(); i++) counts.add(LiveHubCount.start(vertx, sessions.get(i), hubs.get(i)::sharedGroupHubs));
        publisher = new MqttAsyncClient(broker.uri(), "device-gateway", new MemoryPersistence());
        var o = new MqttConnectionOptions();
        o.setReceiveMaximum(1000);
        publisher.connect(o).waitForCompletion(10_000);
    }

    @AfterEach
    void stop() throws Exception {
        if (publisher != null) {
            if (publisher.isConnected()) publisher.disconnect().waitForCompletion(5_000);
            publisher.close(true);
        }
        counts.forEach(LiveHubCount::close);
        for (var h : hubs) h.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        sessions.forEach(BrokerSessions::close);
        if (store != null) store.close();
        pools.forEach(SystemOfRecord::close);
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
        if (broker != null) broker.close();
    }

    private long stored(DeviceKey device) throws Exception {
        return store.raw(device, Instant.EPOCH, Instant.now(), 100_000).size(); // one sample per message
    }

    private long rateLimited(DeviceKey device) throws Exception {
        return deadLetters.search(new DeadLetterQuery("acme", RejectReason.RATE_LIMITED, device.deviceId(), null, null, 0, 1)).total();
    }

    /** Properties of its own for every message: Paho writes the topic alias it chose into them. */
    private static MqttMessage message(io.telerisk.model.Envelope e) {
        var props = new MqttProperties();
        props.setContentType(JSON);
        return new MqttMessage(json(e), 1, false, props);
    }

    @Test
    void twoHubsTogetherStoreAboutTheDeviceRateAndDeadLetterTheRest() throws Exception {
        for (var h : hubs) assertEquals(2, h.sharedGroupHubs(), "both hubs hold their lock: each takes half");

        // the flooder at 3x its rate and a calm device at a quarter of it, interleaved, for SECONDS
        List<IMqttToken> acks = new ArrayList<>();
        int flood = (int) (FLOOD_RATE * SECONDS);
        int calmEvery = FLOOD_RATE / CALM_RATE;
        int calm = 0;
        long startNanos = System.nanoTime();
        for (int i = 1; i <= flood; i++) {
            long due = startNanos + (long) (i * 1e9 / FLOOD_RATE);
            while (System.nanoTime() < due) Thread.sleep(1);
            acks.add(publisher.publish(topic(FLOODER, Channel.TELEMETRY), message(telemetry(FLOODER, i, 1))));
            if (i % calmEvery == 0) {
                calm++;
                acks.add(publisher.publish(topic(NORMAL, Channel.TELEMETRY), message(telemetry(NORMAL, calm, 1))));
            }
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        for (IMqttToken t : acks) t.waitForCompletion(10_000); // the broker acknowledged every one to the device

        // everything sent ends stored or refused (counted)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stored(FLOODER) + refusedCount() < flood || stored(NORMAL) < calm) {
            if (System.nanoTime() > deadline) break;
            Thread.sleep(100);
        }
        long kept = stored(FLOODER);
        long refused = refusedCount();
        assertEquals(flood, kept + refused, "stored + refused (counted) = sent (stored " + kept + ", refused " + refused + ")");
        double expected = LIMITS.messagesPerSecond() * elapsed + LIMITS.messageBurst();
        assertEquals(expected, kept, expected * 0.15,
                "about the rate x " + String.format("%.2f", elapsed) + " s + the burst across the two hubs, not twice it: stored " + kept);
        for (IngestStats s : stats)
            assertTrue(s.snapshot().rejected().get(RejectReason.RATE_LIMITED) > 0, "both hubs saw their share of the flood and limited it");

        // the dead letters: at most one per device per second per hub, each saying how many more were refused
        var letters = deadLetters.search(new DeadLetterQuery("acme", RejectReason.RATE_LIMITED, null, null, null, 0, 1000)).items();
        assertTrue(letters.size() >= 2 && letters.size() <= 2 * (Math.ceil(elapsed) + 1), letters.size() + " dead letters");
        long accounted = 0;
        for (DeadLetter d : letters) {
            assertEquals(FLOODER.deviceId(), d.topicDevice());
            assertTrue(d.detail().contains("20 messages/s") && d.detail().contains("1/2"), "the limit in words: " + d.detail());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("; (\\d+) more of its messages refused").matcher(d.detail());
            assertTrue(m.find(), d.detail());
            accounted += 1 + Long.parseLong(m.group(1));
        }
        // the refusals after each hub's last kept dead letter are in no dead letter yet: fewer than a second's worth
        assertTrue(accounted <= refused && refused - accounted <= 2L * FLOOD_RATE,
                "dead letters account for " + accounted + " of " + refused + " refusals");

        assertEquals(calm, stored(NORMAL), "the calm device loses nothing");
        assertEquals(0, rateLimited(NORMAL), "and is never refused");
        assertEquals(0, deadLetters.search(new DeadLetterQuery("other", RejectReason.RATE_LIMITED, null, null, null, 0, 1)).total(),
                "visible to the device's tenant only");
    }

    private long refusedCount() {
        return stats.stream().mapToLong(s -> s.snapshot().rejected().get(RejectReason.RATE_LIMITED)).sum();
    }
}
