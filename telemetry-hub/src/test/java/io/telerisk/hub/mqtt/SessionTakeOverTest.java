package io.telerisk.hub.mqtt;

import io.telerisk.hub.Hub;
import io.telerisk.hub.TwoHubs;
import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.topic.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.telerisk.hub.ingest.TestEnvelopes.json;
import static io.telerisk.hub.ingest.TestEnvelopes.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12: two hubs with built-in endpoints on one PostgreSQL (as behind haproxy) keep one live connection per
 * device, as one broker does per client id, and its rate allowance goes with it: a connection on hub A ends with
 * DISCONNECT 0x8E when the device connects to hub B; of two simultaneous connects exactly one stays; a device switching
 * hubs or reconnecting gets its one allowance ({@value #RATE}/s, burst {@value #BURST}), not one per hub or per
 * connection; an honest device on one connection is not refused. Real MQTT 5 over TCP ({@link RawMqtt5Client}).
 */
class SessionTakeOverTest {
    private static final int RATE = 5;
    private static final int BURST = 10;
    /** "Within a couple of seconds", with room for a loaded build machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final int QUOTA_EXCEEDED = 0x97;
    private static TwoHubs hubs;
    private static List<DeviceCredential> devices;
    private final List<RawMqtt5Client> clients = new ArrayList<>();
    private long seq;
    /** Sample times after the devices were registered (earlier ones are dead-lettered), a millisecond apart. */
    private final java.time.Instant samplesFrom = java.time.Instant.now();

    @BeforeAll
    static void start() throws Exception {
        // refusals never end a connection here: the counts below are of PUBACKs, not of disconnects
        MqttLimits limits = new MqttLimits(RATE, BURST, 1 << 20, 1 << 20, 10_000, Duration.ofSeconds(10), 100, Duration.ofMinutes(5));
        hubs = TwoHubs.start("take-over", c -> c.withIngest(c.ingest().withLimits(limits)));
        List<DeviceKey> keys = new ArrayList<>();
        for (int i = 1; i <= 6; i++) keys.add(new DeviceKey("acme", DeviceType.VEHICLE, "take-over-" + i));
        devices = hubs.a.provisionDemo("acme", keys).devices().stream().filter(d -> keys.contains(d.device())).toList();
        assertEquals(keys.size(), devices.size());
    }

    @AfterAll
    static void stop() throws Exception {
        if (hubs != null) hubs.close();
    }

    @AfterEach
    void closeClients() {
        for (RawMqtt5Client c : clients) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already closed by the hub
            }
        }
    }

    @Test
    void connectingToHubBEndsTheConnectionOnHubAWithSessionTakenOverAndHubBsKeepsWorking() throws Exception {
        DeviceCredential car = devices.get(0);
        RawMqtt5Client onA = connect(hubs.a, car);
        assertEquals(0, publish(onA, car, 1).get(0), "hub A accepts while it holds the device");
        long takenOverBefore = hubs.a.ingestStats().refusals(io.telerisk.hub.ingest.MqttRefusal.SESSION_TAKEN_OVER);
        long t0 = System.nanoTime();
        RawMqtt5Client onB = connect(hubs.b, car);

        RawMqtt5Client.Packet disconnect = onA.readUntil(RawMqtt5Client.DISCONNECT, PROMPTLY);
        assertNotNull(disconnect, "hub A closed without DISCONNECT");
        System.out.println("hub A's connection taken over " + (System.nanoTime() - t0) / 1_000_000 + " ms after the CONNECT on hub B");
        assertEquals(0x8E, disconnect.reasonCode(), "Session taken over");
        assertTrue(String.valueOf(disconnect.properties().get(0x1F)).contains("Session taken over"), disconnect.properties().toString());
        assertTrue(onA.closedWithin(PROMPTLY));
        assertEquals(takenOverBefore + 1, hubs.a.ingestStats().refusals(io.telerisk.hub.ingest.MqttRefusal.SESSION_TAKEN_OVER),
                "hub A counts the take-over (telerisk_mqtt_refused_total{reason=\"session_taken_over\"})");

        assertEquals(0, publish(onB, car, 1).get(0), "hub B's connection keeps working");
        onB.ping();
        assertEquals(RawMqtt5Client.PINGRESP, onB.readUntil(RawMqtt5Client.PINGRESP, PROMPTLY).type());
    }

    @Test
    void ofTwoSimultaneousConnectsOnTwoHubsExactlyOneStays() throws Exception {
        DeviceCredential car = devices.get(1);
        for (int round = 0; round < 3; round++) {
            CompletableFuture<RawMqtt5Client> onA = CompletableFuture.supplyAsync(() -> connectUnchecked(hubs.a, car));
            CompletableFuture<RawMqtt5Client> onB = CompletableFuture.supplyAsync(() -> connectUnchecked(hubs.b, car));
            RawMqtt5Client a = onA.get(), b = onB.get();
            Thread.sleep(1500); // both hubs read both announcements
            boolean aLives = alive(a), bLives = alive(b);
            assertTrue(aLives ^ bLives, "round " + round + ": exactly one stays (A " + aLives + ", B " + bLives + ")");
            a.close();
            b.close();
        }
    }

    @Test
    void aDeviceSwitchingHubsOverAndOverGetsOneAllowanceNotOnePerHubOrConnection() throws Exception {
        DeviceCredential car = devices.get(2);
        long start = System.nanoTime();
        int passed = 0, refused = 0, switches = 0;
        while (System.nanoTime() - start < Duration.ofSeconds(4).toNanos()) {
            RawMqtt5Client c = connect(switches % 2 == 0 ? hubs.a : hubs.b, car);
            switches++;
            for (int code : publish(c, car, 2 * BURST)) {
                if (code == QUOTA_EXCEEDED) refused++;
                else passed++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // one allowance: the burst plus the rate over the time; a fresh burst per connection would be BURST x switches
        double bound = BURST + RATE * seconds + 2;
        System.out.printf("switching hubs %d times in %.1f s: %d passed (one allowance allows %.0f), %d refused%n",
                switches, seconds, passed, bound, refused);
        assertTrue(switches >= 4, "the device switched hubs a few times: " + switches);
        assertTrue(passed <= bound, passed + " passed over " + switches + " connections in " + seconds + " s; one allowance allows " + bound);
        assertTrue(passed >= BURST, "the first burst passes: " + passed);
    }

    @Test
    void reconnectingToTheSameHubDoesNotRefillTheBucket() throws Exception {
        DeviceCredential car = devices.get(3);
        RawMqtt5Client first = connect(hubs.a, car);
        assertEquals(BURST, count(publish(first, car, BURST), 0), "the burst passes");
        long spent = System.nanoTime();
        first.close();
        RawMqtt5Client again = connect(hubs.a, car);
        List<Integer> codes = publish(again, car, BURST);
        double seconds = (System.nanoTime() - spent) / 1e9;
        int passed = BURST - count(codes, QUOTA_EXCEEDED);
        assertTrue(passed <= RATE * seconds + 1, passed + " passed " + seconds + " s after the burst was spent: only what the rate refilled may");
    }

    @Test
    void anHonestDeviceOnOneConnectionIsNeverRefusedWhileAnotherSwitchesHubs() throws Exception {
        DeviceCredential honest = devices.get(4), restless = devices.get(5);
        RawMqtt5Client steady = connect(hubs.b, honest);
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            connect(i % 2 == 0 ? hubs.a : hubs.b, restless); // takes its own earlier connection over, never the honest one's
            refused += count(publish(steady, honest, 1), QUOTA_EXCEEDED);
            Thread.sleep(1000 / RATE);
        }
        assertEquals(0, refused, "publishing within its rate on one connection, the honest device is never refused");
        steady.ping();
        assertEquals(RawMqtt5Client.PINGRESP, steady.readUntil(RawMqtt5Client.PINGRESP, PROMPTLY).type(), "and stays connected");
    }

    private RawMqtt5Client connect(Hub hub, DeviceCredential d) throws Exception {
        RawMqtt5Client c = new RawMqtt5Client(hub.mqttPort());
        clients.add(c);
        RawMqtt5Client.Packet ack = c.connect(d.device().deviceId(), d.username(), d.token(), 30);
        assertEquals(RawMqtt5Client.CONNACK, ack.type());
        assertEquals(0, ack.reasonCode(), "CONNACK success on port " + hub.mqttPort());
        return c;
    }

    private RawMqtt5Client connectUnchecked(Hub hub, DeviceCredential d) {
        try {
            return connect(hub, d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes {@code n} QoS 1 telemetry messages at once and returns their PUBACK reason codes. */
    private List<Integer> publish(RawMqtt5Client c, DeviceCredential d, int n) throws Exception {
        int first = (int) (seq % 60_000) + 1;
        for (int i = 0; i < n; i++) c.publish(topic(d.device(), Channel.TELEMETRY), json(sample(d.device(), ++seq)), 1, false, first + i);
        List<Integer> codes = new ArrayList<>();
        while (codes.size() < n) {
            RawMqtt5Client.Packet p = c.readUntil(RawMqtt5Client.PUBACK, Duration.ofSeconds(20));
            assertNotNull(p, "the connection closed with " + codes.size() + " of " + n + " PUBACKs");
            codes.add(p.reasonCode());
        }
        return codes;
    }

    private io.telerisk.model.Envelope sample(DeviceKey device, long sequence) {
        java.time.Instant t = samplesFrom.plusMillis(sequence);
        return io.telerisk.model.Envelope.telemetry(device.tenant(), device.deviceId(), device.type(), sequence, t,
                List.of(new io.telerisk.model.VehicleSample(t, null, 12.5, 90.0, null, 1000.0 + sequence, true)));
    }

    private static int count(List<Integer> codes, int code) {
        return (int) codes.stream().filter(c -> c == code).count();
    }

    /** Whether the connection still answers a PINGREQ (false when the hub ended it). */
    private static boolean alive(RawMqtt5Client c) {
        try {
            c.ping();
            RawMqtt5Client.Packet p = c.readUntil(RawMqtt5Client.PINGRESP, PROMPTLY);
            return p != null;
        } catch (Exception | AssertionError e) {
            return false;
        }
    }
}
