package io.telerisk.hub.ingest;

import io.telerisk.model.Envelope;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.telerisk.hub.ingest.TestEnvelopes.*;
import static org.junit.jupiter.api.Assertions.*;

/** The pipeline end to end without MQTT: handlers, batch writer, spool, acknowledgements, listeners. */
class IngestPipelineTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    Vertx vertx;
    InMemoryTelemetryStore store;
    InMemoryDeviceRegistry registry;
    IngestStats stats;
    FileDeadLetterStore deadLetters;
    IngestService service;
    RecordingAcks acks;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        store = new InMemoryTelemetryStore();
        registry = new InMemoryDeviceRegistry().add(CAR, "t1").add(OTHER_CAR, "t2");
        stats = new IngestStats();
        acks = new RecordingAcks();
        startService(IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir)
                .withStoreTimeouts(Duration.ofSeconds(2), Duration.ofMillis(100)));
    }

    private void startService(IngestConfig cfg) throws Exception {
        deadLetters = FileDeadLetterStore.open(cfg);
        service = IngestService.start(vertx, cfg, store, registry, stats, deadLetters).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        store.release();
        service.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        deadLetters.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void publish(int id, String topic, String contentType, byte[] payload, boolean fromBroker) {
        service.pipeline().accept(new InboundMessage(topic, contentType, payload, fromBroker ? null : keyOf(topic),
                fromBroker ? null : InMemoryDeviceRegistry.REGISTERED_AT, "test", acks, id));
    }

    private static io.telerisk.model.DeviceKey keyOf(String topic) {
        return io.telerisk.model.topic.Topic.parse(topic).deviceKey();
    }

    private void publish(int id, Envelope e) {
        publish(id, topic(e.key(), e.events().isEmpty() ? Channel.TELEMETRY : Channel.EVENTS), JSON, json(e), false);
    }

    @Test
    void storesValidTelemetryAndAcknowledgesEachMessage() throws Exception {
        for (int i = 1; i <= 50; i++) publish(i, telemetry(CAR, i, 3));
        assertTrue(acks.await(50, WAIT), "all 50 acknowledged");
        assertEquals(50, store.envelopeCount());
        assertEquals(150, store.sampleCount());
        var s = stats.snapshot();
        assertEquals(50, s.messagesReceived());
        assertEquals(50, s.messagesStored());
        assertEquals(150, s.pointsStored());
        assertEquals(0, s.rejectedTotal());
        assertTrue(acks.acked.values().stream().allMatch("OK"::equals));
    }

    @Test
    void eachTenantIsCountedApartFromItsFirstStoredMessageAndItsFiguresAddUp() throws Exception {
        assertNull(stats.ofTenant(CAR.tenant()), "nothing stored for the tenant yet");
        publish(1, telemetry(CAR, 1, 2));
        assertTrue(acks.await(1, WAIT));
        publish(2, telemetry(CAR, 1, 2)); // a duplicate
        publish(3, topic(CAR, Channel.TELEMETRY), JSON, garbage(), false);
        publish(4, telemetry(CAR, 2, 3));
        assertTrue(acks.await(4, WAIT));
        // acknowledged once durable; counted just after: wait for the count
        long end = System.nanoTime() + WAIT.toNanos();
        while (stats.ofTenant(CAR.tenant()).snapshot().messagesReceived() < 4 && System.nanoTime() < end) Thread.sleep(10);
        var mine = stats.ofTenant(CAR.tenant()).snapshot();
        assertEquals(2, mine.messagesStored());
        assertEquals(5, mine.pointsStored());
        assertEquals(1, mine.duplicates());
        assertEquals(1, mine.rejectedTotal());
        assertEquals(mine.messagesStored() + mine.duplicates() + mine.rejectedTotal(), mine.messagesReceived(), "received adds up: " + mine);
        assertNull(stats.ofTenant("made-up"), "a tenant is never created by a topic alone");
    }

    @Test
    void acknowledgesOnlyAfterTheStoreReturns() throws Exception {
        store.block();
        publish(1, telemetry(CAR, 1, 1));
        Thread.sleep(500);
        assertTrue(acks.acked.isEmpty(), "no acknowledgement while the store call is blocked");
        store.release();
        assertTrue(acks.await(1, WAIT));
        assertEquals(1, store.writesOf(CAR, 1));
    }

    @Test
    void crashCandidateTakesTheUrgentLaneWhileATelemetryWriteIsStuck() throws Exception {
        // a store timeout longer than the test, so the stuck telemetry write is not spooled meanwhile
        service.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        deadLetters.close();
        startService(IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir)
                .withStoreTimeouts(Duration.ofSeconds(60), Duration.ofMillis(100)));
        List<Envelope> seen = new CopyOnWriteArrayList<>();
        service.addListener(seen::add);
        store.block(e -> !e.samples().isEmpty()); // telemetry writes hang; event-only envelopes go through
        publish(1, telemetry(CAR, 1, 5));
        publish(2, event(CAR, 2, io.telerisk.model.EventTypes.CRASH_CANDIDATE));
        publish(3, event(OTHER_CAR, 3, io.telerisk.model.EventTypes.HARSH_BRAKING)); // not urgent: waits in its lane
        assertTrue(acks.await(1, WAIT), "the crash candidate is acknowledged while telemetry is stuck");
        assertEquals("OK", acks.acked.get(2));
        assertEquals(1, store.writesOf(CAR, 2));
        assertEquals(List.of(2L), seen.stream().map(Envelope::sequence).toList(), "listeners told about the crash at once");
        Thread.sleep(200);
        assertFalse(acks.acked.containsKey(1), "telemetry is not acknowledged before it is durable");
        assertFalse(acks.acked.containsKey(3), "a harsh-braking event is telemetry-lane traffic");
        store.release();
        assertTrue(acks.await(3, WAIT));
        assertEquals(1, store.writesOf(CAR, 1));
        assertEquals(1, store.writesOf(OTHER_CAR, 3));
        assertEquals(3, stats.snapshot().messagesStored());
    }

    @Test
    void urgentLaneSpoolsWhileTheStoreIsDownAndItsDuplicateWaitsForIt() throws Exception {
        store.setDown(true);
        Envelope crash = event(CAR, 9, io.telerisk.model.EventTypes.CRASH_CANDIDATE);
        publish(1, crash);
        publish(2, crash); // a redelivery: same lane, acknowledged after the original is durable
        assertTrue(acks.await(2, WAIT), "acknowledged once spooled");
        assertEquals(0, store.envelopeCount());
        assertTrue(java.nio.file.Files.list(IngestService.urgentSpoolDir(IngestConfig.defaults().withDataDir(dir)))
                .anyMatch(f -> f.toFile().length() > 0), "kept in the urgent lane's own spool");
        assertEquals(1, stats.snapshot().duplicates());
        store.setDown(false);
        assertTrue(store.awaitEnvelopes(1, WAIT), "replayed when the store is back");
        long end = System.nanoTime() + WAIT.toNanos();
        while (service.status().spoolBytes() > 0 && System.nanoTime() < end) Thread.sleep(10);
        assertEquals(0, service.status().spoolBytes());
        assertEquals(1, store.writesOf(CAR, 9), "stored once");
    }

    @Test
    void acknowledgesButDropsDuplicateSequence() throws Exception {
        publish(1, telemetry(CAR, 7, 2));
        publish(2, telemetry(CAR, 7, 2));
        publish(3, telemetry(OTHER_CAR, 7, 2)); // same sequence, other device: not a duplicate
        assertTrue(acks.await(3, WAIT));
        assertEquals(1, store.writesOf(CAR, 7), "stored once");
        assertEquals(1, store.writesOf(OTHER_CAR, 7));
        assertEquals(1, stats.snapshot().duplicates());
        assertEquals("OK", acks.acked.get(2));
    }

    @Test
    void deadLettersMalformedPayloadAndKeepsIngesting() throws Exception {
        publish(1, telemetry(CAR, 1, 1));
        publish(2, topic(CAR, Channel.TELEMETRY), JSON, garbage(), false);
        publish(3, telemetry(CAR, 2, 1));
        assertTrue(acks.await(3, WAIT));
        assertEquals(2, store.envelopeCount());
        assertEquals("MALFORMED", acks.acked.get(2));
        assertEquals(1L, stats.snapshot().rejected().get(RejectReason.MALFORMED));
        var dl = deadLetters.recent(10);
        assertEquals(1, dl.size());
        assertEquals(RejectReason.MALFORMED, dl.get(0).reason());
        assertEquals(topic(CAR, Channel.TELEMETRY), dl.get(0).topic());
        assertArrayEquals(garbage(), dl.get(0).payload());
        assertFalse(dl.get(0).detail().isBlank());
    }

    @Test
    void deadLettersPublishOnAnotherDevicesTopicAsNotAuthorised() throws Exception {
        Envelope other = telemetry(OTHER_CAR, 1, 1);
        service.pipeline().accept(new InboundMessage(topic(OTHER_CAR, Channel.TELEMETRY), JSON, json(other), CAR, null, "test", acks, 1));
        assertTrue(acks.await(1, WAIT));
        assertEquals("NOT_AUTHORISED", acks.acked.get(1));
        assertEquals(0, store.envelopeCount());
        assertEquals(1L, stats.snapshot().rejected().get(RejectReason.NOT_AUTHORISED));
    }

    @Test
    void rejectsEnvelopeWhoseIdentityDiffersFromItsTopic() throws Exception {
        publish(1, topic(CAR, Channel.TELEMETRY), JSON, json(telemetry(OTHER_CAR, 1, 1)), false);
        assertTrue(acks.await(1, WAIT));
        assertEquals("NOT_AUTHORISED", acks.acked.get(1));
        assertTrue(deadLetters.recent(1).get(0).detail().contains("car-2"), "detail names the envelope's device");
    }

    @Test
    void rejectsUnknownDeviceRelayedByBroker() throws Exception {
        var stranger = new io.telerisk.model.DeviceKey("acme", io.telerisk.model.DeviceType.VEHICLE, "stranger");
        publish(1, topic(stranger, Channel.TELEMETRY), JSON, json(telemetry(stranger, 1, 1)), true);
        publish(2, topic(CAR, Channel.TELEMETRY), JSON, json(telemetry(CAR, 1, 1)), true);
        assertTrue(acks.await(2, WAIT));
        assertEquals("UNKNOWN_DEVICE", acks.acked.get(1));
        assertEquals("OK", acks.acked.get(2));
        assertEquals(1, store.envelopeCount());
    }

    @Test
    void decodesProtobufByContentTypeAndRejectsUnknownContentType() throws Exception {
        publish(1, topic(CAR, Channel.TELEMETRY), PROTOBUF, protobuf(telemetry(CAR, 1, 4)), false);
        publish(2, topic(CAR, Channel.TELEMETRY), "text/csv", "a,b".getBytes(StandardCharsets.UTF_8), false);
        publish(3, topic(CAR, Channel.TELEMETRY), null, json(telemetry(CAR, 2, 1)), false); // no content type: JSON
        assertTrue(acks.await(3, WAIT));
        assertEquals("OK", acks.acked.get(1));
        assertEquals("UNSUPPORTED_CONTENT_TYPE", acks.acked.get(2));
        assertEquals("OK", acks.acked.get(3));
        assertEquals(5, store.sampleCount());
    }

    @Test
    void statusMessagesGoToStatusListenersWithoutStoring() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        service.addStatusListener((device, status, session) -> seen.add(device.deviceId() + ":" + status.state()));
        publish(1, topic(CAR, Channel.STATUS), JSON, "{\"v\":1,\"status\":\"online\",\"t\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8), false);
        publish(2, topic(CAR, Channel.STATUS), null, "offline".getBytes(StandardCharsets.UTF_8), false);
        publish(3, topic(CAR, Channel.STATUS), JSON, "{\"status\":".getBytes(StandardCharsets.UTF_8), false);
        assertTrue(acks.await(3, WAIT));
        assertEquals("OK", acks.acked.get(1));
        assertEquals("OK", acks.acked.get(2));
        assertEquals("MALFORMED", acks.acked.get(3));
        assertEquals(List.of("car-1:ONLINE", "car-1:OFFLINE"), seen);
        assertEquals(0, store.calls());
    }

    @Test
    void listenersSeeEachStoredEnvelopeIncludingEvents() throws Exception {
        List<Envelope> seen = new CopyOnWriteArrayList<>();
        service.addListener(seen::add);
        service.addListener(e -> {
            throw new IllegalStateException("a broken listener must not hurt the others");
        });
        publish(1, telemetry(CAR, 1, 1));
        publish(2, event(CAR, 2));
        assertTrue(acks.await(2, WAIT));
        long end = System.nanoTime() + WAIT.toNanos();
        while (seen.size() < 2 && System.nanoTime() < end) Thread.sleep(5);
        assertEquals(List.of(1L, 2L), seen.stream().map(Envelope::sequence).sorted().toList());
        assertEquals(1, stats.snapshot().eventsStored());
    }

    @Test
    void aFollowUpTheSystemOfRecordRefusesIsKeptInTheSpoolAndRetriedUntilDurable() throws Exception {
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(3);
        List<Long> followedUp = new CopyOnWriteArrayList<>();
        service.addListener(e -> {
            if (refusals.getAndDecrement() > 0) throw new FollowUpUnavailableException("system of record down", null);
            followedUp.add(e.sequence());
        });
        publish(1, event(CAR, 1));
        assertTrue(acks.await(1, WAIT), "acknowledged once the envelope is in the spool");
        assertEquals(1, stats.snapshot().spooled(), "kept in the spool, since its follow-up was not durable");
        long end = System.nanoTime() + WAIT.toNanos();
        while ((followedUp.isEmpty() || service.status().spoolBytes() > 0) && System.nanoTime() < end) Thread.sleep(10);
        assertEquals(List.of(1L), followedUp, "the follow-up succeeded on a replay, once");
        assertTrue(refusals.get() < 0, "refused three times before");
        assertEquals(0, service.status().spoolBytes(), "the spool is emptied once the follow-up is durable");
        assertTrue(service.status().storeAvailable());
        publish(2, telemetry(CAR, 2, 1));
        long end2 = System.nanoTime() + WAIT.toNanos();
        while (followedUp.size() < 2 && System.nanoTime() < end2) Thread.sleep(10);
        assertEquals(List.of(1L, 2L), followedUp, "new data is followed up directly again");
    }

    @Test
    void spoolsWhileStoreIsDownThenReplaysEachPointOnce() throws Exception {
        store.setDown(true);
        for (int i = 1; i <= 40; i++) publish(i, telemetry(CAR, i, 5));
        assertTrue(acks.await(40, WAIT), "acknowledged once spooled, while the store is down");
        assertEquals(0, store.envelopeCount());
        assertEquals(40, stats.snapshot().spooled());
        assertFalse(service.status().storeAvailable());
        assertTrue(service.status().spoolBytes() > 0);

        store.setDown(false);
        assertTrue(store.awaitEnvelopes(40, WAIT), "replayed after the store came back");
        assertEquals(200, store.sampleCount());
        store.writes().forEach((k, n) -> assertEquals(1, n, k + " written once"));
        long end = System.nanoTime() + WAIT.toNanos();
        while (service.status().spoolBytes() > 0 && System.nanoTime() < end) Thread.sleep(10);
        assertEquals(0, service.status().spoolBytes());
        assertEquals(40, stats.snapshot().spoolReplayed());
        // new data flows straight to the store again
        publish(41, telemetry(CAR, 41, 1));
        assertTrue(store.awaitEnvelopes(41, WAIT));
        assertTrue(service.status().storeAvailable());
    }

    @Test
    void spoolSurvivesARestartAndIsReplayedByTheNextRun() throws Exception {
        store.setDown(true);
        for (int i = 1; i <= 10; i++) publish(i, telemetry(CAR, i, 2));
        assertTrue(acks.await(10, WAIT));
        service.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        deadLetters.close();
        store.setDown(false);
        startService(IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir)
                .withStoreTimeouts(Duration.ofSeconds(2), Duration.ofMillis(100)));
        assertTrue(store.awaitEnvelopes(10, WAIT), "the next run replays what the previous one spooled");
        assertEquals(20, store.sampleCount());
    }

    @Test
    void slowStoreIsTreatedAsUnavailableAndDataIsSpooled() throws Exception {
        service.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        deadLetters.close();
        startService(IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir)
                .withStoreTimeouts(Duration.ofMillis(200), Duration.ofMillis(100)));
        store.block();
        publish(1, telemetry(CAR, 1, 1));
        assertTrue(acks.await(1, WAIT), "acknowledged from the spool although the store hangs");
        assertEquals(1, stats.snapshot().spooled());
        store.release();
        assertTrue(store.awaitEnvelopes(1, WAIT));
    }

    @Test
    void fullSpoolHoldsAcknowledgementsUntilTheStoreDrainsIt() throws Exception {
        service.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        deadLetters.close();
        startService(IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir)
                .withStoreTimeouts(Duration.ofSeconds(2), Duration.ofMillis(100))
                .withBatching(100, Duration.ofMillis(5), 64L * 1024 * 1024)
                .withSpoolMaxBytes(1024 * 1024));
        store.setDown(true);
        int n = 60;
        int bytes = 0;
        for (int i = 1; i <= n; i++) {
            byte[] payload = json(telemetry(CAR, i, 250)); // ~ 30 KB each: 60 of them overflow a 1 MiB spool
            bytes += payload.length;
            publish(i, topic(CAR, Channel.TELEMETRY), JSON, payload, false);
        }
        assertTrue(bytes > 1024 * 1024, "test sends more than the spool holds: " + bytes);
        long end = System.nanoTime() + WAIT.toNanos();
        while (acks.acked.isEmpty() && System.nanoTime() < end) Thread.sleep(10);
        Thread.sleep(1000); // the spool is full by now: nothing more can be acknowledged while the store is down
        int ackedWhileFull = acks.acked.size();
        assertTrue(ackedWhileFull < n, "acknowledgements stop when the spool is full: " + ackedWhileFull);
        assertTrue(ackedWhileFull > 0, "what fitted was acknowledged");
        assertTrue(service.status().spoolBytes() <= 1024 * 1024);
        store.setDown(false);
        assertTrue(acks.await(n, WAIT), "everything acknowledged once the store drains the spool");
        assertTrue(store.awaitEnvelopes(n, WAIT));
        assertEquals(n * 250, store.sampleCount(), "nothing lost, nothing twice");
        assertTrue(acks.acked.values().stream().allMatch("OK"::equals), acks.acked.toString());
    }

    @Test
    void envelopeTheStoreRefusesIsDeadLetteredAndTheRestOfItsBatchStored() throws Exception {
        store.refuse(5);
        for (int i = 1; i <= 10; i++) publish(i, telemetry(CAR, i, 2));
        assertTrue(acks.await(10, WAIT));
        assertEquals(9, store.envelopeCount());
        assertEquals(0, store.writesOf(CAR, 5));
        assertEquals("OUT_OF_RANGE", acks.acked.get(5));
        assertEquals(1L, stats.snapshot().rejected().get(RejectReason.OUT_OF_RANGE));
        assertTrue(deadLetters.recent(1).get(0).detail().contains("cannot be stored"));
        assertTrue(service.status().storeAvailable(), "a refusal is not an outage");
    }

    @Test
    void refusedRecordInTheSpoolIsDeadLetteredOnReplayAndDoesNotBlockIt() throws Exception {
        store.setDown(true);
        for (int i = 1; i <= 10; i++) publish(i, telemetry(CAR, i, 2));
        assertTrue(acks.await(10, WAIT));
        store.refuse(3);
        store.setDown(false);
        assertTrue(store.awaitEnvelopes(9, WAIT));
        long end = System.nanoTime() + WAIT.toNanos();
        while (service.status().spoolBytes() > 0 && System.nanoTime() < end) Thread.sleep(10);
        assertEquals(0, service.status().spoolBytes(), "spool drained past the refused record");
        assertEquals(0, store.writesOf(CAR, 3));
        assertEquals(RejectReason.OUT_OF_RANGE, deadLetters.recent(1).get(0).reason());
        assertEquals(1L, stats.snapshot().rejected().get(RejectReason.OUT_OF_RANGE), "counted once");
    }
}
