package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.EncodedCommand;
import io.telerisk.hub.ingest.InboundMessage;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.testkit.MosquittoBroker;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The hub's own MQTT 5 client against a real Mosquitto: acks, redelivery, QoS 0, credentials, commands, bad URIs. */
class SharedSubscriptionSourceTest {
    private static final DeviceKey CAR = new DeviceKey("acme", DeviceType.VEHICLE, "car-1");
    @TempDir
    Path dir;
    Vertx vertx;
    MosquittoBroker broker;
    MqttAsyncClient device;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            if (device.isConnected()) device.disconnect().waitForCompletion(5_000);
            device.close(true);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (broker != null) broker.close();
    }

    private IngestConfig config(String uri, String user, String password) {
        return IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir)
                .withExternalBroker(uri, "src-test", "hub-under-test", user, password);
    }

    private SharedSubscriptionSource start(IngestConfig cfg, BlockingQueue<InboundMessage> into) throws Exception {
        return SharedSubscriptionSource.start(vertx, cfg, into::add).toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
    }

    private MqttAsyncClient device(String user, String password) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(broker.uri(), "device-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private void publish(String channel, String payload, int qos) throws Exception {
        MqttProperties p = new MqttProperties();
        p.setContentType("application/json");
        device.publish("v1/acme/vehicle/car-1/" + channel, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, false, p))
                .waitForCompletion(10_000);
    }

    @Test
    void deliversTopicContentTypeAndPayloadAndTheBrokerRedeliversWhatWasNotAcknowledged() throws Exception {
        broker = MosquittoBroker.start();
        BlockingQueue<InboundMessage> got = new LinkedBlockingQueue<>();
        SharedSubscriptionSource s = start(config(broker.uri(), null, null), got);
        assertTrue(s.isConnected());
        device = device(null, null);
        publish("telemetry", "{\"n\":1}", 1);
        publish("events", "{\"n\":2}", 1);
        publish("status", "{\"n\":3}", 0);
        InboundMessage a = got.poll(10, TimeUnit.SECONDS), b = got.poll(10, TimeUnit.SECONDS), c = got.poll(10, TimeUnit.SECONDS);
        assertNotNull(c, "three messages arrive");
        assertEquals("v1/acme/vehicle/car-1/telemetry", a.topic());
        assertEquals("application/json", a.contentType());
        assertEquals("{\"n\":1}", new String(a.payload(), StandardCharsets.UTF_8));
        assertTrue(a.needsAck() && b.needsAck(), "QoS 1 waits for the pipeline's acknowledgement");
        assertFalse(c.needsAck(), "QoS 0 has nothing to acknowledge");
        assertTrue(a.source().startsWith("broker:tcp://127.0.0.1:"));
        a.ackTarget().acknowledge(new int[]{a.messageId()}, new io.telerisk.model.codec.RejectReason[1], 1);
        Thread.sleep(300); // let the PUBACK reach the broker
        s.abort().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS); // as if killed: no drain

        // same client id again: the persistent session hands over the unacknowledged message, and only that one
        BlockingQueue<InboundMessage> again = new LinkedBlockingQueue<>();
        SharedSubscriptionSource s2 = start(config(broker.uri(), null, null), again);
        InboundMessage redelivered = again.poll(10, TimeUnit.SECONDS);
        assertNotNull(redelivered, "the unacknowledged message is redelivered");
        assertEquals("{\"n\":2}", new String(redelivered.payload(), StandardCharsets.UTF_8));
        assertNull(again.poll(1, TimeUnit.SECONDS), "the acknowledged one is not");
        redelivered.ackTarget().acknowledge(new int[]{redelivered.messageId()}, new io.telerisk.model.codec.RejectReason[1], 1);
        s2.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    @Test
    void aFastStreamArrivesCompletelyWhenEveryMessageIsAcknowledgedAtOnce() throws Exception {
        broker = MosquittoBroker.start();
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Set<String> distinct = java.util.concurrent.ConcurrentHashMap.newKeySet();
        SharedSubscriptionSource s = SharedSubscriptionSource.start(vertx, config(broker.uri(), null, null), m -> {
            n.incrementAndGet();
            distinct.add(new String(m.payload(), StandardCharsets.UTF_8));
            if (m.needsAck()) m.ackTarget().acknowledge(new int[]{m.messageId()}, new io.telerisk.model.codec.RejectReason[1], 1);
        }).toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
        int publishers = 4, each = 10_000;
        List<MqttAsyncClient> clients = new java.util.ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            MqttAsyncClient c = new MqttAsyncClient(broker.uri(), "pub-" + i, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setReceiveMaximum(100);
            c.connect(o).waitForCompletion(10_000);
            clients.add(c);
        }
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            MqttAsyncClient c = clients.get(i);
            int pub = i;
            Thread t = new Thread(() -> {
                try {
                    java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(50);
                    for (int k = 0; k < each; k++) {
                        window.acquire();
                        c.publish("v1/acme/vehicle/car-" + pub + "/telemetry", new MqttMessage(("m-" + pub + "-" + k).getBytes(StandardCharsets.UTF_8), 1, false, null),
                                null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                                    public void onSuccess(org.eclipse.paho.mqttv5.client.IMqttToken tok) { window.release(); }
                                    public void onFailure(org.eclipse.paho.mqttv5.client.IMqttToken tok, Throwable e) { window.release(); }
                                });
                    }
                    window.acquire(50);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join(60_000);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (distinct.size() < publishers * each && System.nanoTime() < end) Thread.sleep(50);
        for (MqttAsyncClient c : clients) {
            c.disconnect().waitForCompletion(5_000);
            c.close(true);
        }
        assertEquals(publishers * each, distinct.size(), "every message arrives (received " + n.get() + ")");
        s.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    @Test
    void aMessageTheSinkFailsOnIsRedeliveredOnANewConnection() throws Exception {
        broker = MosquittoBroker.start();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        BlockingQueue<InboundMessage> got = new LinkedBlockingQueue<>();
        SharedSubscriptionSource s = SharedSubscriptionSource.start(vertx, config(broker.uri(), null, null), m -> {
            if (calls.incrementAndGet() == 1) throw new IllegalStateException("a bug in ingest");
            got.add(m);
            m.ackTarget().acknowledge(new int[]{m.messageId()}, new io.telerisk.model.codec.RejectReason[1], 1);
        }).toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
        device = device(null, null);
        publish("telemetry", "{\"n\":7}", 1);
        InboundMessage m = got.poll(20, TimeUnit.SECONDS);
        assertNotNull(m, "redelivered after the hub reconnected");
        assertEquals("{\"n\":7}", new String(m.payload(), StandardCharsets.UTF_8));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!s.isConnected() && System.nanoTime() < end) Thread.sleep(20);
        assertTrue(s.isConnected());
        s.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    @Test
    void wrongCredentialsFailTheStartWithTheBrokersAnswer() {
        broker = MosquittoBroker.startWithUsers(Map.of("hub", "right"));
        long t0 = System.nanoTime();
        ExecutionException e = assertThrows(ExecutionException.class, () -> start(config(broker.uri(), "hub", "wrong"), new LinkedBlockingQueue<>()));
        assertTrue(e.getCause().getMessage().contains("refused"), e.getCause().getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), "fails fast, without waiting for the connect timeout");
    }

    @Test
    void commandsGoToTheDevicesCmdTopicWithTheirContentType() throws Exception {
        broker = MosquittoBroker.startWithUsers(Map.of("hub", "secret", "car", "car-pw"));
        SharedSubscriptionSource s = start(config(broker.uri(), "hub", "secret"), new LinkedBlockingQueue<>());
        device = device("car", "car-pw");
        CompletableFuture<MqttMessage> cmd = new CompletableFuture<>();
        device.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[]{new org.eclipse.paho.mqttv5.common.MqttSubscription("v1/acme/vehicle/car-1/cmd", 1)},
                null, null, new org.eclipse.paho.mqttv5.client.IMqttMessageListener[]{(topic, m) -> cmd.complete(m)}, new MqttProperties())
                .waitForCompletion(10_000);
        s.publish(CAR, new EncodedCommand("application/json", "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)))
                .get(10, TimeUnit.SECONDS);
        MqttMessage m = cmd.get(10, TimeUnit.SECONDS);
        assertEquals("{\"type\":\"ping\"}", new String(m.getPayload(), StandardCharsets.UTF_8));
        assertEquals("application/json", m.getProperties().getContentType());
        s.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertFalse(s.isConnected());
        assertThrows(ExecutionException.class, () -> s.publish(CAR, new EncodedCommand("application/json", new byte[]{'{', '}'})).get(5, TimeUnit.SECONDS),
                "a stopped source refuses commands instead of hanging");
    }

    @Test
    void badBrokerUrisAreRefusedWithTheReason() {
        for (String bad : List.of("http://broker:80", "tcp://:1883", "not a uri", "tcp://host:99999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse(bad), bad);
            assertTrue(e.getMessage().contains("broker"), e.getMessage());
        }
        assertEquals(new BrokerAddress("b", 8883, true), BrokerAddress.parse("ssl://b"));
        assertEquals(new BrokerAddress("b", 1884, false), BrokerAddress.parse("mqtt://b:1884"));
    }
}
