package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.EncodedCommand;
import io.telerisk.hub.ingest.FileDeadLetterStore;
import io.telerisk.hub.ingest.InMemoryDeviceRegistry;
import io.telerisk.hub.ingest.InMemoryTelemetryStore;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.IngestService;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.Envelope;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.IMqttToken;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.telerisk.hub.ingest.TestEnvelopes.*;
import static org.junit.jupiter.api.Assertions.*;

/** The built-in endpoint with a real Paho MQTT 5 client over TCP. */
class BuiltInMqttEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    Vertx vertx;
    InMemoryTelemetryStore store;
    IngestStats stats;
    FileDeadLetterStore deadLetters;
    IngestService service;
    final List<MqttAsyncClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        store = new InMemoryTelemetryStore();
        stats = new IngestStats();
        var registry = new InMemoryDeviceRegistry().add(CAR, "token-1").add(OTHER_CAR, "token-2");
        IngestConfig cfg = IngestConfig.defaults().withBuiltIn(true, "127.0.0.1", 0).withDataDir(dir);
        deadLetters = FileDeadLetterStore.open(cfg);
        service = IngestService.start(vertx, cfg, store, registry, stats, deadLetters)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        store.release();
        for (var c : clients) {
            try {
                if (c.isConnected()) c.disconnectForcibly(100, 1000, false);
                c.close(true);
            } catch (MqttException ignored) {
                // already gone
            }
        }
        service.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        deadLetters.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private MqttAsyncClient client(String clientId) throws MqttException {
        var c = new MqttAsyncClient("tcp://127.0.0.1:" + service.builtInPort(), clientId, new MemoryPersistence());
        clients.add(c);
        return c;
    }

    private MqttAsyncClient connect(DeviceKey device, String token) throws MqttException {
        var c = client(device.deviceId());
        var o = new MqttConnectionOptions();
        o.setUserName(device.tenant() + "/" + device.deviceId());
        o.setPassword(token.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private static IMqttToken publish(MqttAsyncClient c, String topic, String contentType, byte[] payload, int qos) throws MqttException {
        var props = new MqttProperties();
        if (contentType != null) props.setContentType(contentType);
        return c.publish(topic, new MqttMessage(payload, qos, false, props));
    }

    private static IMqttToken publishJson(MqttAsyncClient c, Envelope e) throws MqttException {
        return publish(c, topic(e.key(), Channel.TELEMETRY), JSON, json(e), 1);
    }

    /** Waits for the PUBACK; returns its reason code (0 = success). */
    private static int pubAck(IMqttToken t) {
        try {
            t.waitForCompletion(WAIT.toMillis());
        } catch (MqttException e) {
            // Paho reports a failure reason code as an exception on some paths
            return e.getReasonCode();
        }
        int[] codes = t.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    @Test
    void storesJsonAndProtobufSelectedByContentType() throws Exception {
        var c = connect(CAR, "token-1");
        assertEquals(0, pubAck(publish(c, topic(CAR, Channel.TELEMETRY), JSON, json(telemetry(CAR, 1, 3)), 1)));
        assertEquals(0, pubAck(publish(c, topic(CAR, Channel.TELEMETRY), PROTOBUF, protobuf(telemetry(CAR, 2, 4)), 1)));
        assertEquals(0, pubAck(publish(c, topic(CAR, Channel.EVENTS), JSON, json(event(CAR, 3)), 1)));
        assertEquals(3, store.envelopeCount());
        assertEquals(7, store.sampleCount());
        assertEquals(1, stats.snapshot().eventsStored());
    }

    @Test
    void qos0MessagesAreStoredToo() throws Exception {
        var c = connect(CAR, "token-1");
        publish(c, topic(CAR, Channel.TELEMETRY), JSON, json(telemetry(CAR, 1, 1)), 0).waitForCompletion(10_000);
        assertTrue(store.awaitEnvelopes(1, WAIT));
    }

    @Test
    void refusesConnectWithWrongOrMissingCredentials() throws Exception {
        var wrong = client("w1");
        var o = new MqttConnectionOptions();
        o.setUserName("acme/car-1");
        o.setPassword("not-the-token".getBytes(StandardCharsets.UTF_8));
        MqttException e = assertThrows(MqttException.class, () -> wrong.connect(o).waitForCompletion(10_000));
        assertEquals(0x86, e.getReasonCode(), "MQTT 5 'bad user name or password': " + e);
        var anonymous = client("w2");
        MqttException e2 = assertThrows(MqttException.class, () -> anonymous.connect(new MqttConnectionOptions()).waitForCompletion(10_000));
        assertEquals(0x86, e2.getReasonCode());
        assertEquals(2, stats.connectionsRejected());
    }

    @Test
    void publishingUnderAnotherDeviceIsDeadLetteredAndTheConnectionKept() throws Exception {
        var c = connect(CAR, "token-1");
        int code = pubAck(publish(c, topic(OTHER_CAR, Channel.TELEMETRY), JSON, json(telemetry(OTHER_CAR, 1, 1)), 1));
        assertEquals(0x87, code, "PUBACK says not authorised");
        assertTrue(c.isConnected(), "connection kept after an ACL violation");
        assertEquals(0, pubAck(publishJson(c, telemetry(CAR, 1, 1))));
        assertEquals(1, store.envelopeCount());
        assertEquals(0, store.writesOf(OTHER_CAR, 1));
        assertEquals(1L, stats.snapshot().rejected().get(RejectReason.NOT_AUTHORISED));
        var dl = deadLetters.recent(5);
        assertEquals(1, dl.size());
        assertEquals(topic(OTHER_CAR, Channel.TELEMETRY), dl.get(0).topic());
        assertEquals("builtin:car-1", dl.get(0).source());
    }

    @Test
    void pubAckIsSentOnlyAfterTheStoreHasTheData() throws Exception {
        var c = connect(CAR, "token-1");
        store.block();
        IMqttToken t = publishJson(c, telemetry(CAR, 1, 1));
        Thread.sleep(700);
        assertFalse(t.isComplete(), "no PUBACK while the store call has not returned");
        assertEquals(0, store.envelopeCount());
        store.release();
        assertEquals(0, pubAck(t));
        assertEquals(1, store.writesOf(CAR, 1));
    }

    @Test
    void duplicatesAreAcknowledgedAndDropped() throws Exception {
        var c = connect(CAR, "token-1");
        Envelope e = telemetry(CAR, 42, 2);
        assertEquals(0, pubAck(publishJson(c, e)));
        assertEquals(0, pubAck(publishJson(c, e)));
        assertEquals(1, store.writesOf(CAR, 42));
        assertEquals(1, stats.snapshot().duplicates());
    }

    @Test
    void malformedPayloadIsCountedAndIngestionContinues() throws Exception {
        var c = connect(CAR, "token-1");
        int code = pubAck(publish(c, topic(CAR, Channel.TELEMETRY), JSON, garbage(), 1));
        assertEquals(0x99, code, "PUBACK says payload format invalid");
        int code2 = pubAck(publish(c, topic(CAR, Channel.TELEMETRY), PROTOBUF, new byte[]{(byte) 0xff, 0x01, 0x02}, 1));
        assertEquals(0x99, code2);
        for (int i = 1; i <= 20; i++) assertEquals(0, pubAck(publishJson(c, telemetry(CAR, i, 1))));
        assertEquals(20, store.envelopeCount());
        assertEquals(2L, stats.snapshot().rejected().get(RejectReason.MALFORMED));
        assertEquals(2, deadLetters.recent(10).size());
    }

    @Test
    void deviceMaySubscribeOnlyToItsOwnCmdTopicAndReceivesCommands() throws Exception {
        var c = connect(CAR, "token-1");
        CompletableFuture<MqttMessage> received = new CompletableFuture<>();
        c.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) { }
            public void mqttErrorOccurred(MqttException e) { }
            public void messageArrived(String topic, MqttMessage msg) { received.complete(msg); }
            public void deliveryComplete(IMqttToken t) { }
            public void connectComplete(boolean reconnect, String uri) { }
            public void authPacketArrived(int code, MqttProperties p) { }
        });
        IMqttToken sub = c.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription(topic(CAR, Channel.CMD), 1));
        sub.waitForCompletion(10_000);
        assertEquals(1, sub.getReasonCodes()[0], "granted QoS 1");
        IMqttToken foreign = c.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription(topic(OTHER_CAR, Channel.CMD), 1));
        try {
            foreign.waitForCompletion(10_000);
            assertEquals(0x87, foreign.getReasonCodes()[0]);
        } catch (MqttException e) {
            assertEquals(0x87, e.getReasonCode());
        }
        // CONNACK announced "no wildcard subscriptions", so the client itself refuses to ask for one
        assertThrows(IllegalArgumentException.class,
                () -> c.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription("v1/#", 1)));

        service.publishCommand(CAR, EncodedCommand.json("{\"type\":\"ping\"}")).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        MqttMessage m = received.get(10, TimeUnit.SECONDS);
        assertEquals("{\"type\":\"ping\"}", new String(m.getPayload(), StandardCharsets.UTF_8));
        assertEquals("application/json", m.getProperties().getContentType());

        var notConnected = service.publishCommand(OTHER_CAR, EncodedCommand.json("{}")).toCompletionStage().toCompletableFuture();
        var ex = assertThrows(java.util.concurrent.ExecutionException.class, () -> notConnected.get(10, TimeUnit.SECONDS));
        assertTrue(ex.getCause().getMessage().contains("not connected"), ex.getCause().getMessage());
    }

    @Test
    void pausesReadingAboveTheInFlightBoundAndLosesNothing() throws Exception {
        service.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        deadLetters.close();
        var registry = new InMemoryDeviceRegistry().add(CAR, "token-1");
        IngestConfig cfg = IngestConfig.defaults().withBuiltIn(true, "127.0.0.1", 0).withDataDir(dir.resolve("bp"))
                .withBatching(5000, Duration.ofMillis(20), 300 * 1024);
        deadLetters = FileDeadLetterStore.open(cfg);
        service = IngestService.start(vertx, cfg, store, registry, stats, deadLetters).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        var c = connect(CAR, "token-1");
        store.block();
        int n = 1000;
        long sent = 0;
        for (int i = 1; i <= n; i++) { // QoS 0: only the hub's pause can hold these back
            byte[] p = json(telemetry(CAR, i, 40));
            sent += p.length;
            publish(c, topic(CAR, Channel.TELEMETRY), JSON, p, 0);
        }
        assertTrue(sent > 10 * 300 * 1024, "sends well above the bound: " + sent);
        long end = System.nanoTime() + WAIT.toNanos();
        while (!service.status().paused() && System.nanoTime() < end) Thread.sleep(10);
        assertTrue(service.status().paused(), "reading paused: " + service.status());
        Thread.sleep(300);
        // the bound plus what one read of the socket had already decoded, far below what was sent
        assertTrue(service.status().inFlightBytes() < 300 * 1024 + 1536 * 1024, "memory stays near the bound: " + service.status());
        store.release();
        assertTrue(store.awaitEnvelopes(n, WAIT), "stored " + store.envelopeCount() + " of " + n);
        assertFalse(service.status().paused());
        assertTrue(service.status().pauses() >= 1);
    }

    @Test
    void lastWillOfALostConnectionReachesStatusListenersAndEveryEndedConnectionMakesTheDeviceOffline() throws Exception {
        List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        service.addStatusListener((device, status, session) -> statuses.add(device.deviceId() + ":" + status.state()));
        for (boolean clean : new boolean[]{true, false}) {
            var c = client(clean ? "clean" : "lost");
            var o = new MqttConnectionOptions();
            o.setUserName("acme/car-1");
            o.setPassword("token-1".getBytes(StandardCharsets.UTF_8));
            o.setWill(topic(CAR, Channel.STATUS), new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), 1, false, new MqttProperties()));
            c.connect(o).waitForCompletion(10_000);
            publish(c, topic(CAR, Channel.STATUS), null, "online".getBytes(StandardCharsets.UTF_8), 1).waitForCompletion(10_000);
            if (clean) c.disconnect().waitForCompletion(10_000);
            else c.disconnectForcibly(0, 1000, false); // no DISCONNECT packet: like a power cut
        }
        long end = System.nanoTime() + WAIT.toNanos();
        while (statuses.size() < 7 && System.nanoTime() < end) Thread.sleep(10);
        Thread.sleep(300); // anything extra (a will after the clean disconnect) would show up by now
        // clean: connected (hub), "online" (device), disconnected (hub; a clean DISCONNECT has no will)
        // lost: connected (hub), "online" (device), the will "offline", disconnected (hub)
        assertEquals(List.of("car-1:ONLINE", "car-1:ONLINE", "car-1:OFFLINE",
                "car-1:ONLINE", "car-1:ONLINE", "car-1:OFFLINE", "car-1:OFFLINE"), statuses);
    }

    @Test
    void oversizedPayloadIsDeadLetteredAsTooLargeAndLongClientIdsAreAccepted() throws Exception {
        var c = new MqttAsyncClient("tcp://127.0.0.1:" + service.builtInPort(), "acme-vehicle-car-1-edge-agent-0001", new MemoryPersistence());
        clients.add(c);
        var o = new MqttConnectionOptions();
        o.setUserName("acme/car-1");
        o.setPassword("token-1".getBytes(StandardCharsets.UTF_8));
        c.connect(o).waitForCompletion(10_000);
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        assertEquals(0x99, pubAck(publish(c, topic(CAR, Channel.TELEMETRY), JSON, big, 1)), "PUBACK says payload format invalid (never resend it)");
        assertEquals(0, pubAck(publishJson(c, telemetry(CAR, 1, 1))));
        assertEquals(1L, stats.snapshot().rejected().get(RejectReason.TOO_LARGE));
        var dl = deadLetters.recent(1).get(0);
        assertTrue(dl.payloadTruncated());
        assertEquals(300 * 1024, dl.payloadBytes());
    }
}
