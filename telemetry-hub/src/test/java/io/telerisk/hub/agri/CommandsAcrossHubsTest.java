package io.telerisk.hub.agri;

import io.telerisk.hub.HaproxyInFront;
import io.telerisk.hub.Hub;
import io.telerisk.hub.TwoHubs;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commands to devices on the built-in endpoints of two hubs behind haproxy (topology 4), with real MQTT clients: a
 * command produced on the hub that does not hold the device's connection reaches the device through the hub that does
 * (outbox in PostgreSQL + NOTIFY); a device that was offline gets what was kept for it, once per command id and in
 * order, when it connects again through haproxy; and a loan request answered by whichever hub's worker takes it
 * reaches the device.
 */
class CommandsAcrossHubsTest {
    private static TwoHubs hubs;
    private static HaproxyInFront haproxy;
    private static DemoProvisioner.DemoSetup acme;

    @BeforeAll
    static void start() throws Exception {
        hubs = TwoHubs.start("commands-across-hubs");
        acme = hubs.a.provisionDemo("acme");
        haproxy = HaproxyInFront.mqtt(List.of(hubs.a, hubs.b));
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) haproxy.close();
        if (hubs != null) hubs.close();
    }

    @Test
    void aCommandProducedOnTheOtherHubReachesTheDeviceThroughTheHubHoldingItsConnection() throws Exception {
        DeviceCredential car = credential(DeviceType.VEHICLE);
        MqttClient device = connect(car);
        BlockingQueue<MqttMessage> cmds = LoanOverMqttTest.subscribe(device, "v1/acme/vehicle/car-1/cmd");
        Hub holder = holderOf(car.device());
        Hub other = holder == hubs.a ? hubs.b : hubs.a;
        assertTrue(!other.ingest().reachesDirectly(car.device()), "the device is on one hub only");
        long queued = other.commands().counters().get("queued");
        long delivered = holder.commands().counters().get("delivered");
        long direct = holder.commands().counters().get("direct");

        other.commands().send(car.device(), new Command("c-ping-1", "ping", Map.of("n", "1"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Command got = LoanOverMqttTest.next(cmds);
        assertEquals("c-ping-1", got.id());
        assertEquals("1", got.args().get("n"));
        awaitDelivered("c-ping-1");
        assertEquals(queued + 1, other.commands().counters().get("queued"));
        assertEquals(delivered + 1, holder.commands().counters().get("delivered"));

        // produced on the holding hub itself: straight to the device
        holder.commands().send(car.device(), new Command("c-ping-2", "ping", Map.of())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("c-ping-2", LoanOverMqttTest.next(cmds).id());
        assertEquals(direct + 1, holder.commands().counters().get("direct"));
        device.disconnect();
        device.close();
    }

    @Test
    void aDeviceThatWasOfflineGetsItsKeptCommandsOnceAndInOrderWhenItConnectsAgain() throws Exception {
        DeviceCredential watch = credential(DeviceType.WEARABLE);
        hubs.a.commands().send(watch.device(), new Command("w-1", "set_sample_rate", Map.of("hz", "5"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        hubs.b.commands().send(watch.device(), new Command("w-2", "set_sample_rate", Map.of("hz", "10"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        // the same command again (another hub answering the same thing): kept once
        hubs.b.commands().send(watch.device(), new Command("w-1", "set_sample_rate", Map.of("hz", "5"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(2, pending(watch.device()));

        MqttClient device = connect(watch);
        BlockingQueue<MqttMessage> cmds = LoanOverMqttTest.subscribe(device, "v1/acme/wearable/watch-1/cmd");
        assertEquals("w-1", LoanOverMqttTest.next(cmds).id(), "a command sent again keeps its place");
        assertEquals("w-2", LoanOverMqttTest.next(cmds).id());
        assertNull(cmds.poll(2, TimeUnit.SECONDS), "each kept command once");
        assertEquals(0, pending(watch.device()));
        device.disconnect();
        device.close();
    }

    @Test
    void aLoanDecisionReachesTheDeviceWhicheverHubJudgedTheRequest() throws Exception {
        DeviceCredential field = credential(DeviceType.FARM_SENSOR);
        MqttClient device = connect(field);
        BlockingQueue<MqttMessage> cmds = LoanOverMqttTest.subscribe(device, "v1/acme/farm-sensor/field-1/cmd");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int seq = 1; seq <= 4; seq++) {
            Instant at = t.plusSeconds(seq);
            MqttMessage m = new MqttMessage(Codecs.json().encode(Envelope.events("acme", "field-1", DeviceType.FARM_SENSOR, seq, at,
                    List.of(LoanOverMqttTest.loanRequest(at, "1500.00", 9.0)))));
            m.setQos(1);
            MqttProperties props = new MqttProperties();
            props.setContentType("application/json");
            m.setProperties(props);
            device.publish("v1/acme/farm-sensor/field-1/events", m);
        }
        for (int i = 0; i < 4; i++) assertEquals("loan_decision", LoanOverMqttTest.next(cmds).name());
        long sendFailures = java.util.stream.Stream.of(hubs.a, hubs.b).flatMap(h -> h.services().metrics().scrape().lines())
                .filter(l -> l.startsWith("telerisk_agri_loan_requests_sendFailures "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).sum();
        assertEquals(0, sendFailures);
        device.disconnect();
        device.close();
    }

    private static Hub holderOf(DeviceKey device) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (hubs.a.ingest().reachesDirectly(device)) return hubs.a;
            if (hubs.b.ingest().reachesDirectly(device)) return hubs.b;
            Thread.sleep(20);
        }
        throw new AssertionError(device + " is on no hub");
    }

    private static void awaitDelivered(String commandId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT delivered_at FROM command_outbox WHERE command_id = '" + commandId + "'")) {
                if (rs.next() && rs.getObject(1) != null) return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(commandId + " never marked delivered");
    }

    private static int pending(DeviceKey device) throws Exception {
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM command_outbox WHERE delivered_at IS NULL AND device_id = '" + device.deviceId() + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(hubs.pg.jdbcUrl(), hubs.pg.user(), hubs.pg.password());
    }

    private static DeviceCredential credential(DeviceType type) {
        return acme.devices().stream().filter(d -> d.device().type() == type).findFirst().orElseThrow();
    }

    private static MqttClient connect(DeviceCredential d) throws MqttException {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + haproxy.port(), d.device().deviceId() + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(d.username());
        o.setPassword(d.token().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        c.connect(o);
        return c;
    }
}
