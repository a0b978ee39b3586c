package io.telerisk.hub.ingest;

import io.telerisk.hub.store.StorageConfig;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.store.TelemetryStores;
import io.telerisk.model.Envelope;
import io.telerisk.model.topic.Channel;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static io.telerisk.hub.ingest.TestEnvelopes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * With the real JDBC store (embedded H2): after a hub restart the dedup state is gone, redelivered messages are
 * stored again, and the store's idempotency keeps every point exactly once.
 */
class IngestWithJdbcStoreTest {
    @TempDir
    Path dir;

    @Test
    void redeliveryAfterAHubRestartStoresEachPointOnce() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Vertx vertx = Vertx.vertx();
        var registry = new InMemoryDeviceRegistry().add(CAR, "t");
        IngestConfig cfg = IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir.resolve("hub"));
        try (TelemetryStore store = TelemetryStores.open(StorageConfig.jdbc(url, "sa", ""))) {
            IngestStats firstRunStats = new IngestStats();
            runOnce(vertx, cfg, store, registry, firstRunStats, 1, 30);
            assertEquals(30, firstRunStats.snapshot().messagesStored());

            // "restart": a new service, empty dedup state; the devices resend 21..30 (PUBACKs lost) and go on to 40
            IngestStats secondRunStats = new IngestStats();
            runOnce(vertx, cfg, store, registry, secondRunStats, 21, 40);
            assertEquals(0, secondRunStats.snapshot().duplicates(), "the new process cannot know: duplicates undercount");

            var samples = store.raw(CAR, Instant.EPOCH, Instant.now(), 10_000);
            assertEquals(40 * 3, samples.size(), "each point stored exactly once");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void runOnce(Vertx vertx, IngestConfig cfg, TelemetryStore store, InMemoryDeviceRegistry registry,
                                IngestStats stats, int fromSeq, int toSeq) throws Exception {
        try (var dl = FileDeadLetterStore.open(cfg)) {
            IngestService s = IngestService.start(vertx, cfg, store, registry, stats, dl).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            RecordingAcks acks = new RecordingAcks();
            for (int seq = fromSeq; seq <= toSeq; seq++) {
                Envelope e = telemetry(CAR, seq, 3);
                s.pipeline().accept(new InboundMessage(topic(CAR, Channel.TELEMETRY), JSON, json(e), CAR,
                        InMemoryDeviceRegistry.REGISTERED_AT, "test", acks, seq));
            }
            assertTrue(acks.await(toSeq - fromSeq + 1, Duration.ofSeconds(30)));
            assertTrue(acks.acked.values().stream().allMatch("OK"::equals), acks.acked.toString());
            s.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
