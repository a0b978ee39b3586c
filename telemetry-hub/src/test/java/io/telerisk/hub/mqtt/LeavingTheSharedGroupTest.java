package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.InboundMessage;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.testkit.MosquittoBroker;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What Mosquitto 2 does with a shared-subscription member's messages when the member leaves, and how the hub's
 * client leaves without losing any (docs/ingest.md, "Several hubs"). The departed members here are real
 * {@code mosquitto_sub} processes killed with SIGKILL after being stopped, so they hold unacknowledged messages.
 */
class LeavingTheSharedGroupTest {
    private static final String GROUP = "hubs";
    private static final String FILTER = "$share/" + GROUP + "/v1/+/+/+/telemetry";
    @TempDir
    Path dir;
    Vertx vertx;
    MosquittoBroker broker;
    MqttAsyncClient device;
    final List<Process> members = new ArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : members) p.destroyForcibly();
        if (device != null) {
            if (device.isConnected()) device.disconnect().waitForCompletion(5_000);
            device.close(true);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (broker != null) broker.close();
    }

    private IngestConfig config(String clientId) {
        return IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0).withDataDir(dir)
                .withExternalBroker(broker.uri(), GROUP, clientId, null, null);
    }

    /** A sink that acknowledges at once and records each payload. */
    private static Consumer<InboundMessage> acking(Set<String> into) {
        return m -> {
            into.add(new String(m.payload(), StandardCharsets.UTF_8));
            if (m.needsAck()) m.ackTarget().acknowledge(new int[]{m.messageId()}, new RejectReason[1], 1);
        };
    }

    private SharedSubscriptionSource member(String clientId, Set<String> into) throws Exception {
        return SharedSubscriptionSource.start(vertx, config(clientId), acking(into)).toCompletionStage().toCompletableFuture()
                .get(40, TimeUnit.SECONDS);
    }

    private Process processMember(String clientId, long sessionExpiry, Path out) throws Exception {
        Process p = broker.startSubscriberProcess(clientId, sessionExpiry, FILTER, out);
        members.add(p);
        Thread.sleep(500); // connected and subscribed
        assertTrue(p.isAlive(), "mosquitto_sub runs");
        return p;
    }

    private static void signal(Process p, String sig) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor());
    }

    private static void kill(Process p) throws Exception {
        p.destroyForcibly(); // SIGKILL: no DISCONNECT reaches the broker
        p.waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(300); // the broker sees the socket close
    }

    private void publish(int from, int to) throws Exception {
        if (device == null) {
            device = new MqttAsyncClient(broker.uri(), "device", new MemoryPersistence());
            device.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        }
        for (int i = from; i < to; i++) {
            device.publish("v1/acme/vehicle/car-1/telemetry", new MqttMessage(("m-" + i).getBytes(StandardCharsets.UTF_8), 1, false, null))
                    .waitForCompletion(10_000);
        }
    }

    private static Set<String> expected(int from, int to) {
        Set<String> s = new HashSet<>();
        for (int i = from; i < to; i++) s.add("m-" + i);
        return s;
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean() && System.nanoTime() < end) Thread.sleep(50);
        assertTrue(done.getAsBoolean(), what);
    }

    private static Set<String> lines(Path file) throws Exception {
        return new HashSet<>(Files.readAllLines(file));
    }

    @Test
    void mosquittoDiscardsTheMessagesOfAKilledMemberWithoutSessionAndCountsNoneAsDropped() throws Exception {
        broker = MosquittoBroker.startWithQueueLimit(1_000_000);
        Set<String> b = ConcurrentHashMap.newKeySet();
        SharedSubscriptionSource hub = member("hub-b", b);
        Path out = dir.resolve("a.txt");
        Process a = processMember("member-a", 0, out);
        signal(a, "STOP");
        publish(0, 100);
        kill(a);
        publish(100, 110);
        await(() -> b.size() >= 60, "the live member gets its share and, after the kill, everything");
        Thread.sleep(1_500);
        Set<String> seen = new HashSet<>(b);
        seen.addAll(lines(out));
        Set<String> lost = expected(0, 110);
        lost.removeAll(seen);
        // this is why the hub never runs with session expiry 0: the broker neither hands a departed member's
        // in-flight messages to another member nor counts them as dropped
        assertFalse(lost.isEmpty(), "Mosquitto discards a member's undelivered share with its session");
        await(() -> hub.brokerDroppedMessages() >= 0, "Mosquitto reports its dropped counter");
        assertEquals(0, hub.brokerDroppedMessages(), "and does not count those messages as dropped");
        hub.close().toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
    }

    @Test
    void aKilledMembersSessionKeepsItsShareUntilAnotherMemberDrainsItThenTheGroupCarriesEverything() throws Exception {
        broker = MosquittoBroker.startWithQueueLimit(1_000_000);
        Set<String> b = ConcurrentHashMap.newKeySet();
        SharedSubscriptionSource hub = member("hub-b", b);
        Path out = dir.resolve("a.txt");
        Process a = processMember("hub-a", 3600, out);
        signal(a, "STOP");
        publish(0, 100);
        kill(a);
        publish(100, 200); // the killed member's session still gets its round-robin share
        await(() -> b.size() >= 100, "the live member gets its share");
        Thread.sleep(500);
        assertTrue(b.size() < 200, "while a dead member's session exists, the broker hands it a share: " + b.size());

        Set<String> drained = ConcurrentHashMap.newKeySet();
        long n = SharedSubscriptionSource.drainSession(vertx, config("hub-b"), "hub-a", acking(drained))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(drained.size(), n, "counts what it drained");
        Set<String> all = new HashSet<>(b);
        all.addAll(drained);
        all.addAll(lines(out));
        assertEquals(expected(0, 200), all, "the live member, the dead one before it died, and the drain saw everything");

        publish(200, 300);
        await(() -> b.containsAll(expected(200, 300)), "once the dead member's session is ended the live member gets every message");
        long again = SharedSubscriptionSource.drainSession(vertx, config("hub-b"), "hub-a", acking(drained))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(0, again, "the drained session is gone");
        assertEquals(0, hub.brokerDroppedMessages());
        hub.close().toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
    }

    @Test
    void aGracefulCloseDrainsWhatTheBrokerHeldForTheMemberAndEndsItsSession() throws Exception {
        broker = MosquittoBroker.startWithQueueLimit(1_000_000);
        Set<String> a = ConcurrentHashMap.newKeySet(), b = ConcurrentHashMap.newKeySet();
        SharedSubscriptionSource hubB = member("hub-b", b);
        // hub A acknowledges slowly, so it still has messages in flight and queued when it is asked to stop
        SharedSubscriptionSource hubA = SharedSubscriptionSource.start(vertx, config("hub-a"), m -> {
            a.add(new String(m.payload(), StandardCharsets.UTF_8));
            vertx.setTimer(20, t -> m.ackTarget().acknowledge(new int[]{m.messageId()}, new RejectReason[1], 1));
        }).toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
        Thread publisher = new Thread(() -> {
            try {
                publish(0, 600);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        publisher.start();
        await(() -> a.size() >= 20, "hub A receives its share");
        hubA.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertTrue(hubA.sessionEnded(), "drained, then the session ended");
        publisher.join(60_000);
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        await(() -> {
            Set<String> x = new HashSet<>(a);
            x.addAll(b);
            return x.containsAll(expected(0, 600));
        }, "nothing handed to the leaving member is lost: " + all.size());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (hubB.brokerDroppedMessages() < 0 && System.nanoTime() < end) Thread.sleep(50);
        assertEquals(0, hubB.brokerDroppedMessages());
        hubB.close().toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
    }

    @Test
    void theBrokersDroppedCounterReachesTheHub() throws Exception {
        broker = MosquittoBroker.startWithQueueLimit(10);
        Set<String> b = ConcurrentHashMap.newKeySet();
        SharedSubscriptionSource hub = member("hub-b", b);
        Process a = processMember("hub-a", 3600, dir.resolve("a.txt"));
        kill(a);
        publish(0, 100); // half of it for the dead member's session, which queues 10
        await(() -> hub.brokerDroppedMessages() > 0, "the broker reports what it dropped: " + hub.brokerDroppedMessages());
        assertTrue(hub.brokerDroppedMessages() <= 50, "at most the dead member's share");
        hub.close().toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
    }
}
