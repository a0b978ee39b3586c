package io.telerisk.launcher.bench;

import io.telerisk.hub.Hub;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.testkit.InfluxServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench ingest --scenarios idle}: {@code --idle-devices} authenticated devices on the hub's built-in endpoint,
 * one point each every {@code --idle-interval} s; measures the hub's heap with all of them connected.
 */
final class IdleScenario {
    private final IngestBench.Options o;

    IdleScenario(IngestBench.Options o) {
        this.o = o;
    }

    IngestBench.Row run(InfluxServer influx, Path work) throws Exception {
        String tenant = "bench-idle";
        String db = IngestBench.DB + "_idle";
        influx.createDatabase(db);
        Path dataDir = Files.createDirectories(work.resolve("idle"));
        HubConfig base = HubConfig.embedded(dataDir);
        HubConfig config = base.withStorage(StorageConfig.influxV1(influx.url(), db, "", ""))
                .withIngest(base.ingest().withBuiltIn(true, "127.0.0.1", 0));
        Instant firstSample = Instant.now().minus(Duration.ofDays(2));
        System.out.printf(Locale.ROOT, "%n[idle] %d devices on the hub's built-in endpoint, one point every %d s each%n", o.idleDevices(), o.idleInterval());
        try (Hub hub = Hub.start(config)) {
            IngestBench.awaitStartedUp(hub);
            long t0 = System.nanoTime();
            JdbcDeviceRegistry backdated = IngestBench.backdatedRegistry(hub, firstSample);
            List<String> lines = new ArrayList<>(o.idleDevices());
            for (int i = 0; i < o.idleDevices(); i++) {
                DeviceKey k = new DeviceKey(tenant, DeviceType.VEHICLE, LoadGenerator.deviceId(i));
                backdated.register(k, null);
                DeviceCredential c = hub.registry().issueCredential(k).orElseThrow();
                lines.add(k.deviceId() + " " + c.username() + " " + c.token());
            }
            Path creds = dataDir.resolve("credentials.txt");
            Files.write(creds, lines);
            System.out.printf(Locale.ROOT, "  provisioned %d devices in %d s%n", lines.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
            long heapBefore = HeapSampler.usedAfterFullGcBytes();
            LatencyHistogram latency = new LatencyHistogram();
            hub.ingest().addListener(e -> latency.recordMillis(System.currentTimeMillis() - e.sentAt().toEpochMilli()));
            try (HeapSampler heap = new HeapSampler();
                 LoadDriver.Child child = LoadDriver.Child.start("idle", "127.0.0.1", String.valueOf(hub.mqttPort()), creds.toString(),
                         String.valueOf(o.idleInterval()), String.valueOf(o.seconds()), tenant, String.valueOf(firstSample.toEpochMilli()))) {
                String connected = child.awaitLine("CONNECTED", Duration.ofSeconds(300));
                System.out.printf(Locale.ROOT, "  %s after %d s%n", connected, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
                TimeUnit.SECONDS.sleep(Math.min(o.seconds() / 2, 15));
                int onHub = hub.ingest().status().connectedDevices();
                long heapConnected = HeapSampler.usedAfterFullGcBytes();
                String result = child.awaitLine("RESULT", Duration.ofSeconds(o.seconds() + 60L));
                IngestStats.Snapshot s = hub.ingestStats().snapshot();
                String note = "connected on the hub " + onHub + "; heap after full GC: " + (heapBefore >> 20) + " MB before connecting, "
                        + (heapConnected >> 20) + " MB with the devices connected; messages stored " + s.messagesStored() + "; child: " + result;
                System.out.println("  " + note);
                return new IngestBench.Row("idle " + o.idleDevices(), 0, 0, -1, -1, 0, 0, latency.quantileMillis(0.5), latency.quantileMillis(0.99),
                        heapConnected >> 20, heap.peakUsedBytes() >> 20, Math.max(0, o.idleDevices() - onHub), s.rejectedTotal(),
                        s.messagesStored(), o.idleDevices(), note, "");
            }
        }
    }
}
