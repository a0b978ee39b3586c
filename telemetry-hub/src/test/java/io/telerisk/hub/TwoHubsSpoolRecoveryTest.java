package io.telerisk.hub;

import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.hub.store.StoredSample;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.store.TelemetryStores;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.codec.Codecs;
import io.telerisk.testkit.InfluxServer;
import io.telerisk.testkit.PostgresDatabase;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hub A acknowledges messages while the telemetry store is unreachable from it (they wait in its disk spool) and
 * never returns; another hub's configuration drains that spool into the store ({@link SpoolRecovery}, what
 * {@code bin/platform spool replay} runs): every acknowledged sample is stored, once, and a second replay stores
 * nothing more.
 */
class TwoHubsSpoolRecoveryTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anotherHubDrainsTheSpoolOfAHubThatNeverReturnsExactlyOnce() throws Exception {
        InfluxServer influx = InfluxServer.shared();
        String db = "spool_recovery_" + System.nanoTime();
        try (PostgresDatabase pg = PostgresDatabase.create()) {
            HubConfig.Sor sor = new HubConfig.Sor(pg.jdbcUrl(), pg.user(), pg.password());
            HubConfig a = HubConfig.embedded(dirA).withSor(sor)
                    .withStorage(StorageConfig.influxV1("http://127.0.0.1:" + closedPort(), db, "", ""));
            HubConfig b = HubConfig.embedded(dirB).withSor(sor).withStorage(StorageConfig.influxV1(influx.url(), db, "", ""));

            int envelopes = 20;
            DeviceCredential car;
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(119);
            try (Hub hubA = Hub.start(a)) {
                DemoProvisioner.DemoSetup acme = hubA.provisionDemo("acme");
                car = acme.devices().stream().filter(d -> d.device().type() == DeviceType.VEHICLE).findFirst().orElseThrow();
                MqttClient client = new MqttClient("tcp://127.0.0.1:" + hubA.mqttPort(), "spool-" + System.nanoTime(), new MemoryPersistence());
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setUserName(car.username());
                o.setPassword(car.token().getBytes(StandardCharsets.UTF_8));
                o.setConnectionTimeout(10);
                client.connect(o);
                for (int seq = 1; seq <= envelopes; seq++) {
                    List<Sample> samples = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        Instant t = t0.plusSeconds(seq * 3L + k);
                        samples.add(new VehicleSample(t, GnssFix.of(52.52 + seq * 1e-4, 13.40), 15.0, 90.0, null, null, true));
                    }
                    Envelope env = Envelope.telemetry("acme", car.device().deviceId(), DeviceType.VEHICLE, seq, t0.plusSeconds(100), samples);
                    MqttMessage m = new MqttMessage(Codecs.json().encode(env));
                    m.setQos(1);
                    MqttProperties props = new MqttProperties();
                    props.setContentType("application/json");
                    m.setProperties(props);
                    client.publish("v1/acme/vehicle/" + car.device().deviceId() + "/telemetry", m); // returns on PUBACK
                }
                client.disconnect();
                client.close();
                assertEquals(envelopes, hubA.ingestStats().snapshot().spooled(), "acknowledged from the spool: the store is unreachable");
                assertTrue(hubA.ingest().status().spoolBytes() > 0);
            } // hub A is gone for good; its data directory (and spool) is left

            SpoolRecovery.Result first = SpoolRecovery.replay(b, dirA, Duration.ofSeconds(120));
            assertTrue(first.drained(), "spool drained: " + first);
            assertEquals(envelopes, first.envelopes());
            SpoolRecovery.Result again = SpoolRecovery.replay(b, dirA, Duration.ofSeconds(60));
            assertTrue(again.drained());
            assertEquals(0, again.envelopes(), "a second replay finds nothing: exactly once");

            try (TelemetryStore store = TelemetryStores.open(b.storage(), b.retentionPolicies(), Clock.systemUTC())) {
                List<StoredSample> stored = store.raw(car.device(), t0, t0.plusSeconds(3600), 10_000);
                assertEquals(envelopes * 3, stored.size(), "every acknowledged sample stored");
                assertEquals(envelopes * 3, stored.stream().map(s -> s.sample().time()).distinct().count(), "each once");
            }
        }
    }
}
