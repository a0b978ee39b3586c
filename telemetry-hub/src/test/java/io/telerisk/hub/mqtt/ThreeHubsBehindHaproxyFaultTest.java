package io.telerisk.hub.mqtt;

import io.telerisk.hub.HaproxyInFront;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Topology 4 of issue #11: three hub processes with their built-in MQTT endpoints behind haproxy (TCP, leastconn),
 * one PostgreSQL, and a fleet of devices that each hold one MQTT connection through haproxy and retry a QoS 1 publish
 * until the hub acknowledges it, reconnecting (to whichever hub haproxy picks) when their hub goes away. Hub A is
 * killed with SIGKILL mid-stream, hub C joins and A restarts, then hub B is stopped with SIGTERM mid-stream. The
 * ground truth is what each device was acknowledged: every acknowledged envelope is stored and each sample once
 * (a retried envelope the dead hub had stored is not stored twice), every crash candidate opens exactly one claim
 * with its ledger entries, each vehicle's daily summaries match the distance of its stored fixes, and through the
 * REST API of each live hub a token of any hub works, the ledger verifies as the same chain, and device status is the
 * same. Finally, as in {@link ThreeHubsFaultTest} (whose checks this test reuses), the same stored input published
 * through a single hub on a broker and a database of its own gives exactly the same daily summaries.
 */
class ThreeHubsBehindHaproxyFaultTest {
    /** How long a device keeps retrying one envelope (reconnecting through haproxy) before the test gives up. */
    private static final long RETRY_MS = 60_000;
    @TempDir
    Path dir;
    HubProcesses run;
    /** The single-hub reference run: one {@code $share} hub on a broker and a database of its own. */
    HubProcesses single;
    HaproxyInFront haproxy;
    final Map<String, MqttAsyncClient> fleet = new HashMap<>();
    final Map<String, DeviceCredential> credentials = new HashMap<>();
    int reconnects;

    @AfterEach
    void stop() throws Exception {
        for (MqttAsyncClient c : fleet.values()) {
            try {
                if (c.isConnected()) c.disconnectForcibly(1000, 1000, false);
                c.close(true);
            } catch (MqttException ignored) {
                // the hub behind it may be gone already
            }
        }
        try {
            if (haproxy != null) haproxy.close();
        } finally {
            try {
                if (run != null) run.close();
            } finally {
                if (single != null) single.close();
            }
        }
    }

    @Test
    void devicesBehindHaproxyLoseNothingWhenOneHubIsKilledOneStopsAndOneJoins() throws Exception {
        run = new HubProcesses(dir.resolve("haproxy"));
        Instant testStart = Instant.now();
        ThreeHubsFaultTest.provision(run);
        issueCredentials();
        int[] ports = {freePort(), freePort(), freePort()};
        haproxy = HaproxyInFront.mqttPorts(List.of(ports[0], ports[1], ports[2]));
        Process a = run.startBuiltInHub("hub-a", ports[0], ThreeHubsFaultTest.FAST);
        Process b = run.startBuiltInHub("hub-b", ports[1], ThreeHubsFaultTest.FAST);
        awaitInRotation();
        for (String d : credentials.keySet()) fleet.put(d, connect(d));
        // the single hub of the reference run starts meanwhile (it is fed once the three hubs stored their input)
        single = new HubProcesses(dir.resolve("single"));
        ThreeHubsFaultTest.provision(single);
        CompletableFuture<Process> singleHub = ThreeHubsFaultTest.inBackground(() -> single.startHub("hub-single", ThreeHubsFaultTest.FAST));
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        // 1. hub A is killed mid-stream; its devices reconnect through haproxy to B; then C joins and A restarts
        List<Envelope> first = ThreeHubsFaultTest.withCrashes(run, run.stream(ThreeHubsFaultTest.DEVICES, start, 1), start, 900_000);
        Set<String> acked = new HashSet<>(publish(first, first.size() / 3, a::destroyForcibly));
        CompletableFuture<Process> joining = ThreeHubsFaultTest.inBackground(() -> run.startBuiltInHub("hub-c", ports[2], ThreeHubsFaultTest.FAST));
        Process a2 = run.startBuiltInHub("hub-a", ports[0], ThreeHubsFaultTest.FAST);
        Process c = joining.get();

        // 2. hub B is stopped with SIGTERM mid-stream; its devices move to A and C
        List<Envelope> second = ThreeHubsFaultTest.withCrashes(run, run.stream(ThreeHubsFaultTest.DEVICES, start.plusSeconds(1600), 100_000),
                start.plusSeconds(1600), 900_100);
        acked.addAll(publish(second, second.size() / 3, b::destroy));
        assertTrue(b.waitFor(60, TimeUnit.SECONDS), "hub B stops on SIGTERM");
        assertEquals(first.size() + second.size(), acked.size(), "each device retried until its hub acknowledged every envelope");
        assertTrue(reconnects >= 1, "a device reconnected through haproxy after its hub went away");
        run.awaitStored(acked);
        assertTrue(a2.isAlive() && c.isAlive(), "hubs A (restarted) and C run on");

        // crash candidates: each stored once, judged once, one claim each
        int crashes = 2 * ThreeHubsFaultTest.CRASHES_PER_STREAM;
        ThreeHubsFaultTest.await(run, () -> ThreeHubsFaultTest.count(run, "SELECT COUNT(*) FROM claims_crash_event WHERE device_id = 'car-1'") == crashes,
                "every crash candidate judged");
        assertEquals(crashes, ThreeHubsFaultTest.count(run, "SELECT COUNT(*) FROM device_event WHERE device_id = 'car-1' AND event_type = 'crash_candidate'"),
                "each crash candidate stored once, also when a device sent it again to another hub");
        assertEquals(crashes, ThreeHubsFaultTest.count(run, "SELECT COUNT(*) FROM claims_claim WHERE device_id = 'car-1' AND source = 'DEVICE_CRASH'"),
                "one claim per crash candidate");

        ThreeHubsFaultTest.summariesMatchStoredFixes(run);
        ThreeHubsFaultTest.oneStatusRowPerVehicleSeenSince(run, testStart);
        ThreeHubsFaultTest.everyLiveHubAnswersTheSame(List.of(run.apiUrl(a2), run.apiUrl(c)), crashes);
        singleHub.get();
        ThreeHubsFaultTest.summariesEqualASingleHubRunOf(run, single, ThreeHubsFaultTest.inputStored(run, first, second, acked));
    }

    /** Each vehicle's MQTT credential (the built-in endpoint authenticates devices). */
    private void issueCredentials() throws Exception {
        try (SystemOfRecord sor = SystemOfRecord.open(run.pg.jdbcUrl(), run.pg.user(), run.pg.password(), 2)) {
            JdbcDeviceRegistry registry = new JdbcDeviceRegistry(sor.dataSource());
            for (int d = 0; d < ThreeHubsFaultTest.DEVICES; d++) {
                DeviceKey key = new DeviceKey(HubProcesses.T, DeviceType.VEHICLE, "car-" + d);
                credentials.put(key.deviceId(), registry.issueCredential(key).orElseThrow());
            }
        }
    }

    private MqttAsyncClient connect(String device) throws MqttException {
        DeviceCredential cred = credentials.get(device);
        MqttAsyncClient c = new MqttAsyncClient("tcp://127.0.0.1:" + haproxy.port(), device + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(cred.username());
        o.setPassword(cred.token().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(5);
        try {
            c.connect(o).waitForCompletion(10_000);
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
        return c;
    }

    /**
     * Each envelope from its own device, QoS 1, retried (reconnecting through haproxy) until the hub acknowledges it
     * with success, as the edge agent does; {@code fault} runs before envelope {@code faultAt}.
     */
    private Set<String> publish(List<Envelope> envelopes, int faultAt, Runnable fault) throws Exception {
        Set<String> acked = new HashSet<>();
        for (int i = 0; i < envelopes.size(); i++) {
            if (i == faultAt) fault.run();
            Envelope e = envelopes.get(i);
            String channel = e.events().isEmpty() ? "telemetry" : "events";
            byte[] body = Codecs.json().encode(e);
            long deadline = System.currentTimeMillis() + RETRY_MS;
            String last = "";
            while (true) {
                try {
                    MqttAsyncClient c = fleet.get(e.deviceId());
                    if (c == null || !c.isConnected()) {
                        if (c != null) c.close(true);
                        fleet.remove(e.deviceId());
                        c = connect(e.deviceId());
                        fleet.put(e.deviceId(), c);
                        reconnects++;
                    }
                    MqttProperties p = new MqttProperties();
                    p.setContentType("application/json");
                    MqttMessage m = new MqttMessage(body, 1, false, p);
                    var tok = c.publish("v1/" + HubProcesses.T + "/vehicle/" + e.deviceId() + "/" + channel, m);
                    tok.waitForCompletion(10_000);
                    int[] rc = tok.getReasonCodes();
                    if (rc == null || rc.length == 0 || rc[0] == 0) {
                        acked.add(e.deviceId() + "#" + e.sequence());
                        break;
                    }
                    last = "reason code " + rc[0];
                } catch (MqttException ex) {
                    last = ex.toString();
                    MqttAsyncClient c = fleet.remove(e.deviceId());
                    if (c != null) {
                        try {
                            if (c.isConnected()) c.disconnectForcibly(100, 100, false);
                            c.close(true);
                        } catch (MqttException ignored) {
                            // the connection is gone: a new one follows
                        }
                    }
                }
                if (System.currentTimeMillis() > deadline) fail(e.deviceId() + "#" + e.sequence() + " never acknowledged: " + last + run.logs());
                Thread.sleep(200);
            }
        }
        return acked;
    }

    /** Waits until haproxy's health check sees a hub (devices connecting before then are refused). */
    private void awaitInRotation() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                MqttAsyncClient probe = connect(credentials.keySet().iterator().next());
                probe.disconnect().waitForCompletion(5_000);
                probe.close(true);
                return;
            } catch (MqttException notYet) {
                Thread.sleep(300);
            }
        }
        fail("no hub reachable through haproxy" + run.logs());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
