package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.FileDeadLetterStore;
import io.telerisk.hub.ingest.InMemoryDeviceRegistry;
import io.telerisk.hub.ingest.InMemoryTelemetryStore;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.IngestService;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.hub.ingest.MqttRefusal;
import io.telerisk.hub.registry.DeviceRegistry;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.codec.RejectReason;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.telerisk.hub.ingest.TestEnvelopes.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue #12: under MQTT abuse the built-in endpoint keeps working, refuses with a clear MQTT 5 reason code and counts
 * each refusal ({@code telerisk_mqtt_refused{reason}}). Real clients over TCP: Paho v5 where a well-behaved client
 * can provoke the refusal, and {@link RawMqtt5Client} for what client libraries will not send.
 */
class MqttAbuseTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final MqttLimits LIMITS = MqttLimits.DEFAULT;
    @TempDir
    Path dir;
    Vertx vertx;
    InMemoryTelemetryStore store;
    IngestStats stats;
    FileDeadLetterStore deadLetters;
    IngestService service;
    MosquittoBroker broker;
    final List<AutoCloseable> clients = new ArrayList<>();

    private void start(IngestConfig cfg, DeviceRegistry registry) throws Exception {
        vertx = ConnectTimeouts.vertx();
        store = new InMemoryTelemetryStore();
        stats = new IngestStats();
        deadLetters = FileDeadLetterStore.open(cfg);
        service = IngestService.start(vertx, cfg, store, registry, stats, deadLetters)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void start(MqttLimits limits) throws Exception {
        start(IngestConfig.defaults().withBuiltIn(true, "127.0.0.1", 0).withDataDir(dir).withLimits(limits),
                new InMemoryDeviceRegistry().add(CAR, "token-1").add(OTHER_CAR, "token-2"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already gone
            }
        }
        if (store != null) store.release();
        if (service != null) service.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        if (deadLetters != null) deadLetters.close();
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (broker != null) broker.close();
    }

    private RawMqtt5Client raw() throws Exception {
        RawMqtt5Client c = new RawMqtt5Client(service.builtInPort());
        clients.add(c);
        return c;
    }

    private RawMqtt5Client rawConnected(DeviceKey device, String token, int keepAlive) throws Exception {
        RawMqtt5Client c = raw();
        RawMqtt5Client.Packet ack = c.connect(device.deviceId(), device.tenant() + "/" + device.deviceId(), token, keepAlive);
        assertEquals(RawMqtt5Client.CONNACK, ack.type());
        assertEquals(0, ack.reasonCode(), "CONNACK success");
        return c;
    }

    private MqttAsyncClient paho(String uri, DeviceKey device, String token) throws MqttException {
        var c = new MqttAsyncClient(uri, device.deviceId(), new MemoryPersistence());
        clients.add(() -> {
            if (c.isConnected()) c.disconnectForcibly(100, 1000, false);
            c.close(true);
        });
        var o = new MqttConnectionOptions();
        if (token != null) {
            o.setUserName(device.tenant() + "/" + device.deviceId());
            o.setPassword(token.getBytes(StandardCharsets.UTF_8));
        }
        o.setCleanStart(true);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private long refused(MqttRefusal r) {
        return stats.refusals(r);
    }

    private static void assertEventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(50);
        }
    }

    @Test
    void aPacketAboveTheAnnouncedMaximumEndsTheConnectionWithPacketTooLargeAndIsCounted() throws Exception {
        start(LIMITS);
        IngestConfig cfg = IngestConfig.defaults();
        int maxPacket = cfg.maxMessageBytes() * 2 + 1024;

        RawMqtt5Client c = raw();
        var ack = c.connect("car-1", "acme/car-1", "token-1", 30);
        assertEquals(maxPacket, ack.properties().get(0x27), "CONNACK announces the Maximum Packet Size");
        assertEquals(0, ack.properties().get(0x25), "CONNACK says retain is not available");

        try {
            c.publish(topic(CAR, Channel.TELEMETRY), new byte[maxPacket + 1], 1, false, 1);
        } catch (java.net.SocketException closedMidWrite) {
            // the hub may refuse on the packet's length and close before the body is written: its DISCONNECT is read below
        }
        var disconnect = c.read(WAIT);
        assertNotNull(disconnect, "the hub says why before closing");
        assertEquals(RawMqtt5Client.DISCONNECT, disconnect.type());
        assertEquals(0x95, disconnect.reasonCode(), "Packet too large");
        assertTrue(String.valueOf(disconnect.properties().get(0x1F)).contains("Packet too large"), "reason string: " + disconnect.properties());
        assertTrue(c.closedWithin(WAIT));
        assertEquals(1, refused(MqttRefusal.PACKET_TOO_LARGE));

        // a payload over the payload limit but within the packet limit is dead-lettered with a PUBACK, connection kept
        RawMqtt5Client d = rawConnected(CAR, "token-1", 30);
        d.publish(topic(CAR, Channel.TELEMETRY), new byte[cfg.maxMessageBytes() + 1], 1, false, 7);
        var puback = d.readUntil(RawMqtt5Client.PUBACK, WAIT);
        assertEquals(0x99, puback.reasonCode(), "Payload format invalid: dead-lettered, not to be resent");
        assertEquals(1, stats.snapshot().rejected().get(RejectReason.TOO_LARGE));
        d.ping();
        assertEquals(RawMqtt5Client.PINGRESP, d.read(WAIT).type(), "the connection is still usable");
    }

    @Test
    void aRetainedPublishIsRefusedWithRetainNotSupportedAndNothingIsStored() throws Exception {
        start(LIMITS);
        RawMqtt5Client c = rawConnected(CAR, "token-1", 30);
        c.publish(topic(CAR, Channel.TELEMETRY), json(telemetry(CAR, 1, 2)), 1, true, 1);
        var disconnect = c.read(WAIT);
        assertNotNull(disconnect);
        assertEquals(RawMqtt5Client.DISCONNECT, disconnect.type());
        assertEquals(0x9A, disconnect.reasonCode(), "Retain not supported");
        assertTrue(String.valueOf(disconnect.properties().get(0x1F)).contains("Retain not supported"));
        assertTrue(c.closedWithin(WAIT));
        assertEquals(1, refused(MqttRefusal.RETAIN_NOT_SUPPORTED));
        assertEquals(0, stats.snapshot().messagesReceived(), "the retained message never reached the pipeline");
    }

    @Test
    void publishesAboveTheDeviceRateGetQuotaExceededAndSustainedAbuseIsDisconnected() throws Exception {
        start(new MqttLimits(1, 3, 1024 * 1024, 1024 * 1024, 5, Duration.ofSeconds(10), 100, Duration.ofMinutes(5)));
        RawMqtt5Client c = rawConnected(CAR, "token-1", 30);
        Map<Integer, Integer> acks = new HashMap<>();
        // the burst passes (3), the rest is refused at once; the fifth refusal in a row ends the connection
        for (int id = 1; id <= 8; id++) c.publish(topic(CAR, Channel.TELEMETRY), json(telemetry(CAR, id, 1)), 1, false, id);
        RawMqtt5Client.Packet disconnect = null;
        while (disconnect == null) {
            var p = c.read(WAIT);
            assertNotNull(p, "closed without DISCONNECT; acks so far " + acks);
            if (p.type() == RawMqtt5Client.PUBACK) acks.put(p.packetId(), p.reasonCode());
            else if (p.type() == RawMqtt5Client.DISCONNECT) disconnect = p;
        }
        assertEquals(0x96, disconnect.reasonCode(), "Message rate too high");
        for (int id = 4; id <= 7; id++) assertEquals(0x97, acks.get(id), "PUBACK " + id + " says Quota exceeded: " + acks);
        assertEquals(5, refused(MqttRefusal.QUOTA_EXCEEDED));
        assertEquals(1, refused(MqttRefusal.RATE_DISCONNECT));
        assertTrue(c.closedWithin(WAIT));

        // another device is not affected by the abuser
        RawMqtt5Client other = rawConnected(OTHER_CAR, "token-2", 30);
        other.publish(topic(OTHER_CAR, Channel.TELEMETRY), json(telemetry(OTHER_CAR, 1, 1)), 1, false, 1);
        assertEquals(0, other.readUntil(RawMqtt5Client.PUBACK, WAIT).reasonCode());
    }

    @Test
    void publishingOrSubscribingOutsideItsOwnTopicsIsRefusedWithNotAuthorisedAndCounted() throws Exception {
        start(LIMITS);
        var c = paho("tcp://127.0.0.1:" + service.builtInPort(), CAR, "token-1");
        var sub = c.subscribe(topic(OTHER_CAR, Channel.CMD), 1);
        sub.waitForCompletion(WAIT.toMillis());
        assertEquals(0x87, sub.getReasonCodes()[0], "SUBACK: not authorized");
        var own = c.subscribe(topic(CAR, Channel.CMD), 1);
        own.waitForCompletion(WAIT.toMillis());
        assertEquals(1, own.getReasonCodes()[0], "its own cmd topic is granted");
        assertEquals(1, refused(MqttRefusal.SUBSCRIBE_NOT_AUTHORISED));

        var props = new MqttProperties();
        props.setContentType(JSON);
        var pub = c.publish(topic(OTHER_CAR, Channel.TELEMETRY), new MqttMessage(json(telemetry(OTHER_CAR, 1, 1)), 1, false, props));
        int code;
        try {
            pub.waitForCompletion(WAIT.toMillis());
            code = pub.getReasonCodes()[0];
        } catch (MqttException e) {
            code = e.getReasonCode();
        }
        assertEquals(0x87, code, "PUBACK: not authorized");
        assertEquals(1, stats.snapshot().rejected().get(RejectReason.NOT_AUTHORISED));
        assertTrue(c.isConnected(), "the device's own data keeps flowing");
    }

    @Test
    void onTheSharedSubscriptionPathTheKitsBrokerAclRefusesForeignTopicsAndTheHubRefusesForeignIdentities() throws Exception {
        // the kit's example ACL, with a second device's block written the same way
        String acl = java.nio.file.Files.readString(Path.of("..", "dist", "src", "conf", "mosquitto", "acl.example"))
                + "\nuser acme/car-2\ntopic write v1/acme/vehicle/car-2/telemetry\ntopic read v1/acme/vehicle/car-2/cmd\n";
        broker = MosquittoBroker.startWithUsersAndAcl(Map.of("telerisk-hub", "hub-secret", "acme/car-1", "t1", "acme/car-2", "t2"), acl);
        IngestConfig cfg = IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir)
                .withExternalBroker(broker.uri(), "abuse-test", "hub-a", "telerisk-hub", "hub-secret");
        start(cfg, new InMemoryDeviceRegistry().add(CAR, "t1").add(OTHER_CAR, "t2"));
        var car = paho(broker.uri(), CAR, "t1");
        var props = new MqttProperties();
        props.setContentType(JSON);

        // Mosquitto grants the SUBSCRIBE but checks read access on delivery: another device's commands never arrive
        var spied = new java.util.concurrent.atomic.AtomicInteger();
        car.setCallback(counting(spied));
        car.subscribe(topic(OTHER_CAR, Channel.CMD), 1).waitForCompletion(WAIT.toMillis());
        var otherCar = paho(broker.uri(), OTHER_CAR, "t2");
        var received = new java.util.concurrent.atomic.AtomicInteger();
        otherCar.setCallback(counting(received));
        otherCar.subscribe(topic(OTHER_CAR, Channel.CMD), 1).waitForCompletion(WAIT.toMillis());
        service.publishCommand(OTHER_CAR, new io.telerisk.hub.ingest.EncodedCommand("application/json", "{}".getBytes(StandardCharsets.UTF_8)))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        long until = System.nanoTime() + WAIT.toNanos();
        while (received.get() == 0 && System.nanoTime() < until) Thread.sleep(20);
        assertEquals(1, received.get(), "the addressed device gets its command");
        Thread.sleep(500);
        assertEquals(0, spied.get(), "another device subscribed to that cmd topic got nothing");

        var foreign = car.publish(topic(OTHER_CAR, Channel.TELEMETRY), new MqttMessage(json(telemetry(OTHER_CAR, 1, 1)), 1, false, props));
        assertEquals(0x87, reasonOf(foreign), "the broker refuses another device's topic");

        // on its own topic, an envelope naming another device is refused by the hub and counted
        var own = car.publish(topic(CAR, Channel.TELEMETRY), new MqttMessage(json(telemetry(OTHER_CAR, 2, 1)), 1, false, props));
        assertEquals(0, reasonOf(own), "the broker delivers it to the group");
        long end = System.nanoTime() + WAIT.toNanos();
        while (stats.snapshot().rejected().get(RejectReason.NOT_AUTHORISED) < 1 && System.nanoTime() < end) Thread.sleep(50);
        assertEquals(1, stats.snapshot().rejected().get(RejectReason.NOT_AUTHORISED));
        assertEquals(0, store.envelopeCount(), "nothing of another device's was stored");
    }

    private static org.eclipse.paho.mqttv5.client.MqttCallback counting(java.util.concurrent.atomic.AtomicInteger messages) {
        return new org.eclipse.paho.mqttv5.client.MqttCallback() {
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) { }
            public void mqttErrorOccurred(MqttException e) { }
            public void messageArrived(String t, MqttMessage m) { messages.incrementAndGet(); }
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) { }
            public void connectComplete(boolean reconnect, String uri) { }
            public void authPacketArrived(int reason, MqttProperties p) { }
        };
    }

    private static int reasonOf(org.eclipse.paho.mqttv5.client.IMqttToken t) {
        try {
            t.waitForCompletion(WAIT.toMillis());
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        int[] codes = t.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    @Test
    void connectsBeyondThoseBeingAuthenticatedAreRefusedWithServerBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch authenticating = new CountDownLatch(1);
        InMemoryDeviceRegistry real = new InMemoryDeviceRegistry().add(CAR, "token-1").add(OTHER_CAR, "token-2");
        // a registry that is slow for one device: its CONNECT stays "being authenticated" until released
        DeviceRegistry slow = new DeviceRegistry() {
            @Override
            public Optional<RegisteredDevice> find(DeviceKey key) {
                return real.find(key);
            }

            @Override
            public Optional<RegisteredDevice> authenticate(String username, String password) {
                if (username.endsWith("car-1")) {
                    authenticating.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return real.authenticate(username, password);
            }
        };
        start(IngestConfig.defaults().withBuiltIn(true, "127.0.0.1", 0).withDataDir(dir)
                .withLimits(new MqttLimits(500, 5000, 1 << 20, 1 << 20, 100, Duration.ofSeconds(10), 1, Duration.ofMinutes(5))), slow);
        RawMqtt5Client first = raw();
        Thread waiting = new Thread(() -> {
            try {
                first.connect("car-1", "acme/car-1", "token-1", 30);
            } catch (Exception ignored) {
                // the outcome of the first CONNECT does not matter here
            }
        });
        waiting.start();
        assertTrue(authenticating.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the first CONNECT is being authenticated");
        var busy = raw().connect("car-2", "acme/car-2", "token-2", 30);
        assertEquals(0x89, busy.reasonCode(), "CONNACK: Server busy");
        assertEquals(1, refused(MqttRefusal.SERVER_BUSY));
        release.countDown();
        waiting.join(WAIT.toMillis());
        // once the flood is over, devices connect again
        rawConnected(OTHER_CAR, "token-2", 30);
    }

    @Test
    void aConnectionThatNeverSendsConnectIsClosedAfterTheConnectTimeout() throws Exception {
        start(new MqttLimits(500, 5000, 1 << 20, 1 << 20, 100, Duration.ofSeconds(1), 100, Duration.ofMinutes(5)));
        RawMqtt5Client halfOpen = raw();
        assertTrue(halfOpen.closedWithin(Duration.ofSeconds(10)), "closed by the hub after its 1 s connect timeout");
        assertEventually(() -> refused(MqttRefusal.CONNECT_TIMEOUT) == 1, "the closed connection is counted as connect_timeout");
        // a device that connects in time is not counted, even when it leaves later
        RawMqtt5Client device = rawConnected(OTHER_CAR, "token-2", 30);
        device.close();
        Thread.sleep(1500);
        assertEquals(1, refused(MqttRefusal.CONNECT_TIMEOUT), "only the half-open connection counts");
    }

    @Test
    void aDeviceAskingForNoKeepAliveIsGivenTheMaximumAndDisconnectedWhenSilent() throws Exception {
        start(new MqttLimits(500, 5000, 1 << 20, 1 << 20, 100, Duration.ofSeconds(10), 100, Duration.ofSeconds(2)));
        RawMqtt5Client silent = raw();
        var ack = silent.connect("car-1", "acme/car-1", "token-1", 0);
        assertEquals(0, ack.reasonCode());
        assertEquals(2, ack.properties().get(0x13), "CONNACK imposes the Server Keep Alive");
        var disconnect = silent.read(WAIT);
        assertNotNull(disconnect);
        assertEquals(RawMqtt5Client.DISCONNECT, disconnect.type());
        assertEquals(0x8D, disconnect.reasonCode(), "Keep alive timeout");
        assertEquals(1, refused(MqttRefusal.KEEP_ALIVE_TIMEOUT));

        // a device that pings within the imposed keep-alive stays connected
        RawMqtt5Client alive = rawConnected(OTHER_CAR, "token-2", 0);
        for (int i = 0; i < 4; i++) {
            Thread.sleep(1000);
            alive.ping();
            assertEquals(RawMqtt5Client.PINGRESP, alive.read(WAIT).type());
        }
        assertEquals(1, refused(MqttRefusal.KEEP_ALIVE_TIMEOUT));
    }
}
