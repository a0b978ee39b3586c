package io.telerisk.launcher.bench;

import io.telerisk.hub.Hub;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.testkit.InfluxServer;
import io.telerisk.testkit.MosquittoBroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A throughput scenario ({@code single}, {@code batched}, {@code fleet-*}) with the hub in the bench JVM (its own H2
 * system of record in a temporary directory): the raw reference runs, then the hub's run on the same broker.
 */
final class InProcessThroughput {
    private final IngestBench.Options o;
    private final LoadDriver driver;

    InProcessThroughput(IngestBench.Options o) {
        this.o = o;
        this.driver = new LoadDriver(o);
    }

    IngestBench.Row run(InfluxServer influx, Path work, String name, int pointsPerMessage, LoadDriver.Load load) throws Exception {
        String tenant = "bench-" + name;
        String db = IngestBench.DB + "_" + name.replace('-', '_');
        influx.createDatabase(db);
        // a fresh broker: no queued messages of an earlier hub's persistent shared-subscription session
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            Instant firstSample = Instant.now().minus(Duration.ofDays(2));
            RawReferenceRuns.Result raw = new RawReferenceRuns(o, driver).measure(name, broker, pointsPerMessage, load, tenant, firstSample);

            System.out.printf(Locale.ROOT, "[%s] hub: %d devices -> mosquitto -> hub ($share) -> influxd, %d s%n", name, load.devices(), o.seconds());
            Path dataDir = Files.createDirectories(work.resolve(name));
            HubConfig base = HubConfig.embedded(dataDir);
            HubConfig config = base.withStorage(StorageConfig.influxV1(influx.url(), db, "", ""))
                    .withIngest(base.ingest().withBuiltIn(false, "127.0.0.1", 0)
                            .withExternalBroker(broker.uri(), "bench-" + name, "bench-hub-" + name, null, null)
                            .withLimits(IngestBench.DEVICE_RATE));
            LatencyHistogram hubLatency = new LatencyHistogram();
            try (Hub hub = Hub.start(config)) {
                IngestBench.awaitStartedUp(hub);
                IngestBench.registerBackdated(hub, tenant, load.devices(), firstSample);
                hub.ingest().addListener(e -> hubLatency.recordMillis(System.currentTimeMillis() - e.sentAt().toEpochMilli()));
                long heapBefore = HeapSampler.usedAfterFullGcBytes();
                try (HeapSampler heap = new HeapSampler()) {
                    LoadDriver.Run r = driver.drive(broker.port(), pointsPerMessage, load, tenant, firstSample, () -> hub.ingestStats().snapshot().messagesStored(),
                            new ProcessCpu().add("mosquitto", broker.pid()).add("influxd", influx.pid())
                                    .add("bench JVM (hub)", ProcessHandle.current().pid()));
                    long drainStart = System.nanoTime();
                    boolean all = LoadDriver.awaitCount(() -> hub.ingestStats().snapshot().messagesStored(), r.acked(), Duration.ofSeconds(30));
                    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                    IngestStats.Snapshot s = hub.ingestStats().snapshot();
                    long inInflux = IngestBench.influxCount(influx, db, tenant);
                    long expected = r.acked() * pointsPerMessage;
                    long lost = all ? 0 : r.acked() - s.messagesStored();
                    String note = "hub heap before run " + (heapBefore >> 20) + " MB; in InfluxDB " + inInflux + " of " + expected
                            + " points; duplicates " + s.duplicates() + ", spooled " + s.spooled() + String.format(Locale.ROOT,
                            "; backlog drained %.1f s after the publishers stopped", drainSeconds) + "; raw runs lost " + raw.lost() + "; " + raw.note();
                    System.out.printf(Locale.ROOT, "[%s] hub: median %.0f msg/s, acked %d, stored %d (%s)%n", name, r.medianPerS(), r.acked(), s.messagesStored(), note);
                    return new IngestBench.Row(name, raw.msgPerS(), raw.msgPerS() * pointsPerMessage, raw.latency().quantileMillis(0.5),
                            raw.latency().quantileMillis(0.99), r.medianPerS(), r.medianPerS() * pointsPerMessage, hubLatency.quantileMillis(0.5),
                            hubLatency.quantileMillis(0.99), heap.maxAfterGcBytes() >> 20, heap.peakUsedBytes() >> 20,
                            lost + Math.max(0, expected - inInflux), s.rejectedTotal(), inInflux, expected, note, r.cpuPerPoint());
                }
            }
        }
    }
}
