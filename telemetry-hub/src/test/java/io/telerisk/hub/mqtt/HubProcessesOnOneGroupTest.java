package io.telerisk.hub.mqtt;

import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.store.Traces;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import io.telerisk.testkit.MosquittoBroker;
import io.telerisk.testkit.PostgresDatabase;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hubs as separate JVM processes on one {@code $share} group of a private Mosquitto and one PostgreSQL database:
 * one hub killed with SIGKILL mid-stream (another drains its broker session), restarted, then the other stopped
 * with SIGTERM mid-stream (it drains its own). Every envelope the broker acknowledged to the publisher is stored.
 */
class HubProcessesOnOneGroupTest {
    private static final String T = "acme";
    private static final int DEVICES = 4;
    @TempDir
    Path dir;
    final List<Process> hubs = new ArrayList<>();
    MosquittoBroker broker;
    PostgresDatabase pg;
    MqttAsyncClient publisher;
    final java.util.Map<String, Integer> sampleCounts = new java.util.concurrent.ConcurrentHashMap<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : hubs) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        if (publisher != null) {
            if (publisher.isConnected()) publisher.disconnect().waitForCompletion(5_000);
            publisher.close(true);
        }
        if (broker != null) broker.close();
        if (pg != null) pg.close();
    }

    private Process startHub(String clientId) throws Exception {
        Path conf = dir.resolve(clientId + ".properties");
        Files.writeString(conf, String.join("\n",
                "telerisk.data-dir=" + dir.resolve(clientId),
                "telerisk.sor.url=" + pg.jdbcUrl(),
                "telerisk.sor.user=" + pg.user(),
                "telerisk.sor.password=" + (pg.password() == null ? "" : pg.password()),
                "telerisk.api.host=127.0.0.1",
                "telerisk.api.port=0",
                "telerisk.mqtt.enabled=false",
                "telerisk.broker.uri=" + broker.uri(),
                "telerisk.broker.shared-group=hubs",
                "telerisk.broker.client-id=" + clientId,
                ""));
        Path log = dir.resolve(clientId + "-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.telerisk.hub.HubMain", "--config", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        hubs.add(p);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            if (out.contains("REST API")) {
                Thread.sleep(500); // the banner comes after the subscription
                return p;
            }
            if (!p.isAlive()) fail("hub " + clientId + " exited: " + out);
            Thread.sleep(200);
        }
        fail("hub " + clientId + " did not start: " + Files.readString(log));
        return p;
    }

    /** Publishes the envelopes at QoS 1; returns the (device, sequence) pairs the broker acknowledged with success. */
    private Set<String> publish(List<Envelope> envelopes, int killAt, Runnable kill) throws Exception {
        Set<String> acked = new HashSet<>();
        for (int i = 0; i < envelopes.size(); i++) {
            if (i == killAt) kill.run();
            Envelope e = envelopes.get(i);
            MqttProperties p = new MqttProperties();
            p.setContentType("application/json");
            IMqttToken tok = publisher.publish("v1/" + T + "/vehicle/" + e.deviceId() + "/telemetry",
                    new MqttMessage(Codecs.json().encode(e), 1, false, p));
            tok.waitForCompletion(10_000);
            int[] rc = tok.getReasonCodes();
            if (rc == null || rc.length == 0 || rc[0] == 0) acked.add(e.deviceId() + "#" + e.sequence());
            Thread.sleep(3);
        }
        return acked;
    }

    private Set<String> stored() throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT device_id, seq, COUNT(*) FROM vehicle_sample WHERE tenant = '" + T + "' GROUP BY device_id, seq")) {
            while (rs.next()) {
                String key = rs.getString(1) + "#" + rs.getLong(2);
                Integer n = sampleCounts.get(key);
                assertNotNull(n, "stored " + key + " was published");
                assertEquals(n, rs.getInt(3), "every sample of envelope " + key + " stored once");
                out.add(key);
            }
        }
        return out;
    }

    private List<Envelope> stream(Instant start, long firstSeq) {
        List<List<Envelope>> perDevice = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) perDevice.add(Traces.drive(T, "car-" + d, start, 1500, 12, 48.0, 11.0 + d * 0.01, firstSeq, 10));
        List<Envelope> all = new ArrayList<>();
        for (int i = 0; i < perDevice.get(0).size(); i++) for (List<Envelope> l : perDevice) all.add(l.get(i));
        for (Envelope e : all) sampleCounts.put(e.deviceId() + "#" + e.sequence(), e.samples().size());
        return all;
    }

    private void awaitStored(Set<String> acked) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<String> missing = new HashSet<>(acked);
        while (System.nanoTime() < end) {
            missing = new HashSet<>(acked);
            missing.removeAll(stored());
            if (missing.isEmpty()) return;
            Thread.sleep(500);
        }
        StringBuilder logs = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".log") || x.toString().contains("dead-letters") && Files.isRegularFile(x)).toList()) {
                String text = Files.readString(f);
                logs.append("\n--- ").append(f.getFileName()).append('\n').append(text.substring(Math.max(0, text.length() - 3000)));
            }
        }
        fail(missing.size() + " of " + acked.size() + " acknowledged envelopes never stored, e.g. " + missing.stream().limit(5).toList() + logs);
    }

    @Test
    void everyEnvelopeTheBrokerAcknowledgedIsStoredWhenAHubIsKilledRestartedAndAnotherStopped() throws Exception {
        broker = MosquittoBroker.start();
        pg = PostgresDatabase.create();
        try (SystemOfRecord sor = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 2)) {
            JdbcDeviceRegistry registry = new JdbcDeviceRegistry(sor.dataSource());
            for (int d = 0; d < DEVICES; d++) registry.register(new DeviceKey(T, DeviceType.VEHICLE, "car-" + d), "car " + d, Instant.now().minus(1, ChronoUnit.DAYS));
        }
        Process a = startHub("hub-a");
        Process b = startHub("hub-b");
        publisher = new MqttAsyncClient(broker.uri(), "fleet", new MemoryPersistence());
        publisher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        // 1. hub A is killed mid-stream: its session still gets a share until hub B drains it
        List<Envelope> first = stream(start, 1);
        Set<String> acked = publish(first, first.size() / 3, () -> a.destroyForcibly());
        assertTrue(acked.size() > first.size() * 9 / 10, "the broker acknowledged the stream: " + acked.size());
        awaitStored(acked);

        // 2. hub A comes back with its client id; then hub B is stopped with SIGTERM mid-stream
        Process a2 = startHub("hub-a");
        List<Envelope> second = stream(start.plusSeconds(1600), 100_000); // after the first stream's last sample
        Set<String> acked2 = publish(second, second.size() / 3, b::destroy);
        assertTrue(b.waitFor(60, TimeUnit.SECONDS), "hub B stops on SIGTERM");
        awaitStored(acked2);
        assertTrue(a2.isAlive());

        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT client_id FROM broker_session ORDER BY client_id")) {
            List<String> members = new ArrayList<>();
            while (rs.next()) members.add(rs.getString(1));
            assertEquals(List.of("hub-a"), members, "the killed session was drained and the stopped hub left the group");
        }
    }
}
