package io.telerisk.launcher.bench;

import io.micrometer.core.instrument.Timer;
import io.telerisk.hub.Hub;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.testkit.InfluxServer;
import io.telerisk.testkit.MosquittoBroker;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench ingest --scenarios overload} (issue #12): the publishers offer as much as the broker accepts, unpaced,
 * for {@code --seconds}, through the hub's {@code $share} subscription, once with single points and once with
 * 100-sample messages. What must hold: heap and direct memory stay bounded (the broker keeps what the hub cannot take
 * yet), the event loops are never late by more than 100 ms, every point the broker acknowledged is stored, and the
 * hub drains the backlog at its sustainable rate once the publishers stop.
 */
final class OverloadBench {
    private final IngestBench.Options o;
    private final LoadDriver driver;

    OverloadBench(IngestBench.Options o) {
        this.o = o;
        this.driver = new LoadDriver(o);
    }

    List<IngestBench.Row> run(InfluxServer influx, Path work) throws Exception {
        return List.of(one(influx, work, "overload-single", 1), one(influx, work, "overload-100", 100));
    }

    private IngestBench.Row one(InfluxServer influx, Path work, String name, int pointsPerMessage) throws Exception {
        String tenant = "bench-" + name;
        String db = "bench_" + name.replace('-', '_');
        influx.createDatabase(db);
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            Instant firstSample = Instant.now().minus(Duration.ofDays(2));
            System.out.printf(Locale.ROOT, "%n[%s] %d devices, %d points a message, unpaced for %d s -> mosquitto -> hub ($share) -> influxd%n",
                    name, o.devices(), pointsPerMessage, o.seconds());
            Path dataDir = Files.createDirectories(work.resolve(name));
            HubConfig base = HubConfig.embedded(dataDir);
            HubConfig config = base.withStorage(StorageConfig.influxV1(influx.url(), db, "", ""))
                    .withIngest(base.ingest().withBuiltIn(false, "127.0.0.1", 0)
                            .withExternalBroker(broker.uri(), "bench-" + name, "bench-hub-" + name, null, null));
            try (Hub hub = Hub.start(config); Peaks peaks = new Peaks(hub)) {
                IngestBench.awaitStartedUp(hub);
                IngestBench.registerBackdated(hub, tenant, o.devices(), firstSample);
                java.util.function.LongSupplier stored = () -> hub.ingestStats().snapshot().messagesStored();
                try (HeapSampler heap = new HeapSampler()) {
                    long t0 = System.nanoTime();
                    LoadDriver.Run r = driver.drive(broker.port(), pointsPerMessage, LoadDriver.Load.perDevice(o.devices()), tenant,
                            firstSample, stored, new ProcessCpu().add("mosquitto", broker.pid()).add("influxd", influx.pid())
                                    .add("bench JVM (hub)", ProcessHandle.current().pid()));
                    double offeredPerS = r.acked() * 1e9 / (System.nanoTime() - t0);
                    long atStop = stored.getAsLong();
                    long drainStart = System.nanoTime();
                    boolean all = LoadDriver.awaitCount(stored, r.acked(), Duration.ofSeconds(60));
                    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                    double drainPerS = drainSeconds > 0.5 ? (stored.getAsLong() - atStop) / drainSeconds : Double.NaN;
                    IngestStats.Snapshot s = hub.ingestStats().snapshot();
                    long expected = r.acked() * pointsPerMessage;
                    long inInflux = IngestBench.influxCount(influx, db, tenant);
                    long lost = (all ? 0 : r.acked() - s.messagesStored()) + Math.max(0, expected - inInflux);
                    String note = String.format(Locale.ROOT, "offered (broker-acknowledged) %.0f msg/s; stored while offered (median) %.0f msg/s; "
                                    + "backlog of %d messages drained in %.1f s at %.0f msg/s; longest event-loop lag %d ms; direct memory peak %d MB; "
                                    + "heap limit %d MB; in InfluxDB %d of %d points; spooled %d",
                            offeredPerS, r.medianPerS(), r.acked() - atStop, drainSeconds, drainPerS, peaks.maxLagMillis(), peaks.directPeakBytes() >> 20,
                            Runtime.getRuntime().maxMemory() >> 20, inInflux, expected, s.spooled());
                    System.out.printf(Locale.ROOT, "[%s] %s%n", name, note);
                    return new IngestBench.Row(name, offeredPerS, offeredPerS * pointsPerMessage, -1, -1, r.medianPerS(),
                            r.medianPerS() * pointsPerMessage, -1, -1, heap.maxAfterGcBytes() >> 20, heap.peakUsedBytes() >> 20,
                            lost, s.rejectedTotal(), inInflux, expected, note, r.cpuPerPoint());
                }
            }
        }
    }

    /** Samples, every 200 ms, the hub's event-loop lag timers and the JVM's direct buffer pool, keeping the peaks. */
    private static final class Peaks implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile double maxLagMillis;
        private volatile long directPeakBytes;

        Peaks(Hub hub) {
            List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
            thread = new Thread(() -> {
                while (running) {
                    for (Timer t : hub.services().metrics().registry().find("telerisk_event_loop_lag").timers())
                        maxLagMillis = Math.max(maxLagMillis, t.max(TimeUnit.MILLISECONDS));
                    long direct = 0;
                    for (BufferPoolMXBean p : pools) if (p.getName().equals("direct")) direct += p.getMemoryUsed();
                    directPeakBytes = Math.max(directPeakBytes, Math.max(direct, io.netty.util.internal.PlatformDependent.usedDirectMemory()));
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "overload-peaks");
            thread.setDaemon(true);
            thread.start();
        }

        long maxLagMillis() {
            return Math.round(maxLagMillis);
        }

        long directPeakBytes() {
            return directPeakBytes;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(1000);
        }
    }
}
