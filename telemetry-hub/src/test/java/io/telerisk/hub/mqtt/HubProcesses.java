package io.telerisk.hub.mqtt;

import io.telerisk.hub.store.Traces;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hubs as separate JVM processes ({@code HubMain}) on one {@code $share} group of a private Mosquitto and one
 * PostgreSQL database, with a publisher standing in for a fleet of vehicles: what the process-level fault tests share.
 * The ground truth is what the broker acknowledged to the publisher; {@link #stored()} checks every stored envelope
 * was published and each of its samples stored once.
 */
final class HubProcesses implements AutoCloseable {
    static final String T = "acme";
    final Path dir;
    final List<Process> hubs = new java.util.concurrent.CopyOnWriteArrayList<>();
    final MosquittoBroker broker;
    final PostgresDatabase pg;
    MqttAsyncClient publisher;
    final Map<String, Integer> sampleCounts = new ConcurrentHashMap<>();
    private final Map<Process, Path> logOf = new ConcurrentHashMap<>();
    private List<String> jvmOptions = List.of("-Xmx256m");

    HubProcesses(Path dir) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.broker = MosquittoBroker.start();
        PostgresDatabase db = null;
        try {
            db = PostgresDatabase.create();
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
        this.pg = db;
    }

    /** The JVM options of the hub processes started from now on (heap and direct-memory limits), instead of -Xmx256m. */
    HubProcesses jvmOptions(String... options) {
        jvmOptions = List.of(options);
        return this;
    }

    /** Connects the publisher (the fleet) to the broker. */
    void connectPublisher() throws Exception {
        publisher = new MqttAsyncClient(broker.uri(), "fleet", new MemoryPersistence());
        publisher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
    }

    /** Starts a hub process with this broker client id (and extra {@code key=value} settings); waits for its banner. */
    Process startHub(String clientId, String... extra) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "telerisk.mqtt.enabled=false",
                "telerisk.broker.uri=" + broker.uri(),
                "telerisk.broker.shared-group=hubs",
                "telerisk.broker.client-id=" + clientId));
        lines.addAll(List.of(extra));
        return start(clientId, lines);
    }

    /**
     * Starts a hub process with its built-in MQTT endpoint on {@code mqttPort} and no external broker (the topology
     * behind a TCP load balancer); waits for its banner.
     */
    Process startBuiltInHub(String name, int mqttPort, String... extra) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "telerisk.mqtt.enabled=true",
                "telerisk.mqtt.host=127.0.0.1",
                "telerisk.mqtt.port=" + mqttPort));
        lines.addAll(List.of(extra));
        return start(name, lines);
    }

    private Process start(String clientId, List<String> settings) throws Exception {
        Path conf = dir.resolve(clientId + ".properties");
        List<String> lines = new ArrayList<>(List.of(
                "telerisk.data-dir=" + dir.resolve(clientId),
                "telerisk.sor.url=" + pg.jdbcUrl(),
                "telerisk.sor.user=" + pg.user(),
                "telerisk.sor.password=" + (pg.password() == null ? "" : pg.password()),
                "telerisk.api.host=127.0.0.1",
                "telerisk.api.port=0"));
        lines.addAll(settings);
        Files.writeString(conf, String.join("\n", lines) + "\n");
        Path log = dir.resolve(clientId + "-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.telerisk.hub.HubMain", "--config", conf.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        hubs.add(p);
        logOf.put(p, log);
        // generous: a JVM starting beside a busy build can take minutes to reach its banner on 2 cores
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
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

    /** Where this hub process writes its log (stdout and stderr). */
    Path log(Process hub) {
        return logOf.get(hub);
    }

    /** The base URL of this hub's REST API ({@code http://127.0.0.1:port}), read from its start-up banner. */
    String apiUrl(Process hub) throws Exception {
        String out = Files.readString(logOf.get(hub));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("REST API\\s+(http://\\S+)/api/v1").matcher(out);
        if (!m.find()) fail("no REST API in the banner: " + out);
        return m.group(1);
    }

    /** Publishes the envelopes at QoS 1; returns the (device, sequence) pairs the broker acknowledged with success. */
    Set<String> publish(List<Envelope> envelopes, int faultAt, Runnable fault) throws Exception {
        Set<String> acked = new HashSet<>();
        for (int i = 0; i < envelopes.size(); i++) {
            if (i == faultAt) fault.run();
            Envelope e = envelopes.get(i);
            MqttProperties p = new MqttProperties();
            p.setContentType("application/json");
            String channel = e.events().isEmpty() ? "telemetry" : "events";
            IMqttToken tok = publisher.publish("v1/" + T + "/vehicle/" + e.deviceId() + "/" + channel,
                    new MqttMessage(Codecs.json().encode(e), 1, false, p));
            tok.waitForCompletion(10_000);
            int[] rc = tok.getReasonCodes();
            if (rc == null || rc.length == 0 || rc[0] == 0) acked.add(e.deviceId() + "#" + e.sequence());
            Thread.sleep(3);
        }
        return acked;
    }

    /** Remembers how many samples each envelope holds, for {@link #stored()}. */
    void published(List<Envelope> envelopes) {
        for (Envelope e : envelopes) sampleCounts.put(e.deviceId() + "#" + e.sequence(), e.samples().size());
    }

    /** The (device, sequence) pairs stored; fails when one was never published or a sample is stored twice. */
    Set<String> stored() throws Exception {
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

    /** Envelopes of {@code devices} vehicles driving side by side ({@code car-0} …), interleaved as a fleet sends them. */
    List<Envelope> stream(int devices, Instant start, long firstSeq) {
        List<List<Envelope>> perDevice = new ArrayList<>();
        for (int d = 0; d < devices; d++) perDevice.add(Traces.drive(T, "car-" + d, start, 1500, 12, 48.0, 11.0 + d * 0.01, firstSeq, 10));
        List<Envelope> all = new ArrayList<>();
        for (int i = 0; i < perDevice.get(0).size(); i++) for (List<Envelope> l : perDevice) all.add(l.get(i));
        published(all);
        return all;
    }

    /** Waits until every acknowledged envelope with samples is stored; fails with the hubs' logs. */
    void awaitStored(Set<String> acked) throws Exception {
        Set<String> expected = new HashSet<>(acked);
        expected.removeIf(k -> sampleCounts.getOrDefault(k, 0) == 0);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<String> missing = new HashSet<>(expected);
        while (System.nanoTime() < end) {
            missing = new HashSet<>(expected);
            missing.removeAll(stored());
            if (missing.isEmpty()) return;
            Thread.sleep(500);
        }
        fail(missing.size() + " of " + expected.size() + " acknowledged envelopes never stored, e.g. " + missing.stream().limit(5).toList() + logs());
    }

    /** The tail of every hub's log, for a failure message. */
    String logs() throws Exception {
        StringBuilder logs = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".log") || x.toString().contains("dead-letters") && Files.isRegularFile(x)).toList()) {
                String text = Files.readString(f);
                logs.append("\n--- ").append(f.getFileName()).append('\n').append(text.substring(Math.max(0, text.length() - 3000)));
            }
        }
        return logs.toString();
    }

    @Override
    public void close() throws Exception {
        for (Process p : hubs) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        if (publisher != null) {
            if (publisher.isConnected()) publisher.disconnect().waitForCompletion(5_000);
            publisher.close(true);
        }
        broker.close();
        pg.close();
    }
}
