package io.telerisk.launcher.bench;

import io.micrometer.core.instrument.Timer;
import io.telerisk.hub.Hub;
import io.telerisk.hub.config.HubConfig;
import io.netty.util.internal.PlatformDependent;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.ingest.MqttRefusal;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.testkit.InfluxServer;
import io.telerisk.testkit.MosquittoBroker;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code bench ingest --scenarios overload} (issue #12): the publishers offer as much as the hub's way in accepts,
 * unpaced, for {@code --seconds}, once through the hub's {@code $share} subscription on Mosquitto and once as
 * authenticated devices on the hub's built-in endpoint, each with single points and with 100-sample messages. What
 * must hold, printed as one PASS/FAIL line per property with its bound: heap and direct memory stay under the JVM's
 * limits (the broker, or the devices' TCP windows, keep what the hub cannot take yet), the event loops are never late
 * by more than 100 ms, every point acknowledged to a publisher is stored, and the hub drains the backlog at its
 * sustainable rate once the publishers stop.
 *
 * <p>On the built-in endpoint the per-device rate limit ({@code telerisk.mqtt.rate.*}, 500 msg/s by default) is set
 * out of reach: this scenario measures the pipeline's own backpressure, not the refusals of one device's quota.
 */
final class OverloadBench {
    /** The longest event-loop lag that may be seen (issue #12). */
    static final long MAX_LAG_MS = 100;
    /** Heap still in use after a collection, as a share of the JVM's limit, above which heap is not bounded enough. */
    static final double MAX_HEAP_AFTER_GC_SHARE = 0.75;
    /** Messages the bench's broker queues for the hub's session: far above any backlog a run of minutes leaves. */
    static final int BROKER_QUEUE = 100_000_000;
    /** Draining the backlog at this share of the rate stored under load counts as recovered. */
    static final double MIN_DRAIN_SHARE = 0.8;

    /** How the load reaches the hub. */
    enum Way {
        SHARE("$share", "mosquitto -> hub ($share)"),
        BUILT_IN("built-in", "hub's built-in endpoint (authenticated devices)");

        final String label;
        final String path;

        Way(String label, String path) {
            this.label = label;
            this.path = path;
        }
    }

    private final IngestBench.Options o;
    private final LoadDriver driver;

    OverloadBench(IngestBench.Options o) {
        this.o = o;
        this.driver = new LoadDriver(o);
    }

    List<IngestBench.Row> run(InfluxServer influx, Path work) throws Exception {
        List<IngestBench.Row> rows = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        // the built-in endpoint first: after minutes of 100-sample load through $share the hub's close recomputes the
        // summaries of millions of points, which takes longer than the run
        for (Way way : List.of(Way.BUILT_IN, Way.SHARE))
            for (int points : new int[]{1, 100}) rows.add(one(influx, work, way, points, verdicts));
        System.out.printf(Locale.ROOT, "%n[overload] what must hold (issue #12), both ways in side by side:%n");
        verdicts.forEach(v -> System.out.println("  " + v));
        return rows;
    }

    private IngestBench.Row one(InfluxServer influx, Path work, Way way, int pointsPerMessage, List<String> verdicts) throws Exception {
        String name = "overload-" + (way == Way.SHARE ? "share" : "builtin") + "-" + (pointsPerMessage == 1 ? "single" : pointsPerMessage);
        String tenant = "bench-" + name;
        String db = "bench_" + name.replace('-', '_');
        influx.createDatabase(db);
        // the broker must hold what the hub cannot take yet: with the test broker's usual 1,000,000-message queue a
        // 60 s single-point run on a fast host overflowed it and Mosquitto dropped what it had acknowledged (issue #12)
        try (MosquittoBroker broker = way == Way.SHARE ? MosquittoBroker.startWithQueueLimit(BROKER_QUEUE) : null) {
            Instant firstSample = Instant.now().minus(Duration.ofDays(2));
            System.out.printf(Locale.ROOT, "%n[%s] %d devices, %d points a message, unpaced for %d s -> %s -> influxd%n",
                    name, o.devices(), pointsPerMessage, o.seconds(), way.path);
            Path dataDir = Files.createDirectories(work.resolve(name));
            HubConfig base = HubConfig.embedded(dataDir);
            // the device rate out of reach both ways (IngestBench.DEVICE_RATE): this measures overload, not one device's rate
            IngestConfig ingest = (way == Way.SHARE
                    ? base.ingest().withBuiltIn(false, "127.0.0.1", 0)
                    .withExternalBroker(broker.uri(), "bench-" + name, "bench-hub-" + name, null, null)
                    : base.ingest().withBuiltIn(true, "127.0.0.1", 0)).withLimits(IngestBench.DEVICE_RATE);
            HubConfig config = base.withStorage(StorageConfig.influxV1(influx.url(), db, "", "")).withIngest(ingest);
            try (Hub hub = Hub.start(config)) {
                IngestBench.awaitStartedUp(hub);
                IngestBench.registerBackdated(hub, tenant, o.devices(), firstSample);
                Path credentials = way == Way.BUILT_IN ? credentials(hub, tenant, dataDir) : null;
                int port = way == Way.SHARE ? broker.port() : hub.mqttPort();
                ProcessCpu cpu = new ProcessCpu().add("influxd", influx.pid()).add("bench JVM (hub)", ProcessHandle.current().pid());
                if (broker != null) cpu.add("mosquitto", broker.pid());
                LongSupplier stored = () -> hub.ingestStats().snapshot().messagesStored();
                try (HeapSampler heap = new HeapSampler(); Peaks peaks = new Peaks(hub)) {
                    LoadDriver.Run r = driver.drive(port, pointsPerMessage, LoadDriver.Load.perDevice(o.devices()), tenant,
                            firstSample, stored, cpu, credentials);
                    double offeredPerS = r.acked() / (double) o.seconds(); // the publishers publish for --seconds once connected
                    long atStop = stored.getAsLong();
                    long drainStart = System.nanoTime();
                    boolean all = LoadDriver.awaitCount(stored, r.acked(), Duration.ofSeconds(60));
                    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                    double drainPerS = drainSeconds > 0.5 ? (stored.getAsLong() - atStop) / drainSeconds : Double.NaN;
                    IngestStats.Snapshot s = hub.ingestStats().snapshot();
                    long expected = r.acked() * pointsPerMessage;
                    long inInflux = IngestBench.influxCount(influx, db, tenant);
                    long lost = (all ? 0 : r.acked() - s.messagesStored()) + Math.max(0, expected - inInflux);
                    long refused = hub.ingestStats().refusals(MqttRefusal.QUOTA_EXCEEDED);
                    long heapMax = Runtime.getRuntime().maxMemory(), directMax = PlatformDependent.maxDirectMemory();
                    String note = String.format(Locale.ROOT, "offered (acknowledged to the publishers) %.0f msg/s; stored while offered (median) %.0f msg/s (offered %.1fx stored); "
                                    + "backlog of %d messages drained in %.1f s at %.0f msg/s; longest event-loop lag %d ms (a sleeping thread woke up to %d ms late); direct memory peak %d MB of %d MB; "
                                    + "heap after GC peak %d MB, used peak %d MB, of %d MB; in InfluxDB %d of %d points; spooled %d; refused over quota %d",
                            offeredPerS, r.medianPerS(), offeredPerS / r.medianPerS(), r.acked() - atStop, drainSeconds, drainPerS,
                            peaks.maxLagMillis(), peaks.oversleepMillis(), peaks.directPeakBytes() >> 20,
                            directMax >> 20, heap.maxAfterGcBytes() >> 20, heap.peakUsedBytes() >> 20, heapMax >> 20, inInflux, expected, s.spooled(), refused);
                    System.out.printf(Locale.ROOT, "[%s] %s%n", name, note);
                    List<String> held = verdicts(name, heap.maxAfterGcBytes(), heapMax, peaks.directPeakBytes(), directMax, peaks.maxLagMillis(),
                            peaks.oversleepMillis(), lost, r.acked() * pointsPerMessage, drainSeconds, drainPerS, r.medianPerS());
                    held.forEach(v -> System.out.println("  " + v));
                    verdicts.addAll(held);
                    return new IngestBench.Row(name, offeredPerS, offeredPerS * pointsPerMessage, -1, -1, r.medianPerS(),
                            r.medianPerS() * pointsPerMessage, -1, -1, heap.maxAfterGcBytes() >> 20, heap.peakUsedBytes() >> 20,
                            lost, s.rejectedTotal(), inInflux, expected, note, r.cpuPerPoint());
                }
            }
        }
    }

    /** One PASS/FAIL line per property of issue #12, each with the bound it was held to. */
    static List<String> verdicts(String name, long heapAfterGc, long heapMax, long directPeak, long directMax, long lagMs,
                                 long oversleepMs, long lostPoints, long ackedPoints, double drainSeconds, double drainPerS, double storedPerS) {
        boolean quickDrain = Double.isNaN(drainPerS);
        return List.of(
                verdict(name, "heap", heapAfterGc <= MAX_HEAP_AFTER_GC_SHARE * heapMax, String.format(Locale.ROOT,
                        "after-GC peak %d MB <= %.0f%% of the %d MB limit", heapAfterGc >> 20, 100 * MAX_HEAP_AFTER_GC_SHARE, heapMax >> 20)),
                verdict(name, "direct memory", directPeak < directMax, String.format(Locale.ROOT,
                        "peak %d MB < the %d MB limit", directPeak >> 20, directMax >> 20)),
                verdict(name, "event-loop lag", lagMs <= MAX_LAG_MS, String.format(Locale.ROOT,
                        "longest %d ms <= %d ms (a thread that only sleeps woke up to %d ms late: CPU starvation shows in both)",
                        lagMs, MAX_LAG_MS, oversleepMs)),
                verdict(name, "nothing acknowledged lost", lostPoints == 0, String.format(Locale.ROOT,
                        "%d of %d acknowledged points not stored, bound 0", lostPoints, ackedPoints)),
                verdict(name, "recovery", quickDrain || drainPerS >= MIN_DRAIN_SHARE * storedPerS, quickDrain
                        ? String.format(Locale.ROOT, "backlog gone in %.1f s (< 0.5 s: nothing held back)", drainSeconds)
                        : String.format(Locale.ROOT, "drained at %.0f msg/s >= %.0f%% of the %.0f msg/s stored under load", drainPerS,
                        100 * MIN_DRAIN_SHARE, storedPerS)));
    }

    private static String verdict(String name, String property, boolean held, String detail) {
        return String.format(Locale.ROOT, "%s %-24s %-26s %s", held ? "PASS" : "FAIL", name, property, detail);
    }

    /** Issues a credential to each of the load generator's devices; one line each: id, username, token. */
    private Path credentials(Hub hub, String tenant, Path dataDir) throws java.io.IOException {
        List<String> lines = new ArrayList<>(o.devices());
        for (int i = 0; i < o.devices(); i++) {
            DeviceKey k = new DeviceKey(tenant, DeviceType.VEHICLE, LoadGenerator.deviceId(i));
            DeviceCredential c = hub.registry().issueCredential(k).orElseThrow();
            lines.add(k.deviceId() + " " + c.username() + " " + c.token());
        }
        return Files.write(dataDir.resolve("credentials.txt"), lines);
    }

    /**
     * Samples, every 100 ms from its creation, the hub's event-loop lag timers and the JVM's direct buffer pool,
     * keeping the peaks. The timers' own max decays over minutes and would carry the hub's start-up into the run, so
     * the lag is read from what each timer recorded since the last sample (the probe runs every 500 ms and counts a
     * stall once): an upper bound when two probes fall into one sample. Its own oversleep is kept too: a thread that
     * does nothing but sleep, woken late, shows the CPU starvation of the machine rather than a blocked event loop.
     */
    private static final class Peaks implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile double maxLagMillis;
        private volatile long directPeakBytes;
        private volatile double oversleepMillis;

        Peaks(Hub hub) {
            List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
            Map<Timer, Double> seen = new HashMap<>();
            for (Timer t : hub.services().metrics().registry().find("telerisk_event_loop_lag").timers())
                seen.put(t, t.totalTime(TimeUnit.MILLISECONDS));
            thread = new Thread(() -> {
                while (running) {
                    for (Timer t : hub.services().metrics().registry().find("telerisk_event_loop_lag").timers()) {
                        double total = t.totalTime(TimeUnit.MILLISECONDS);
                        Double before = seen.put(t, total);
                        if (before != null) maxLagMillis = Math.max(maxLagMillis, total - before);
                    }
                    long direct = 0;
                    for (BufferPoolMXBean p : pools) if (p.getName().equals("direct")) direct += p.getMemoryUsed();
                    directPeakBytes = Math.max(directPeakBytes, Math.max(direct, PlatformDependent.usedDirectMemory()));
                    long asleep = System.nanoTime();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    oversleepMillis = Math.max(oversleepMillis, (System.nanoTime() - asleep) / 1e6 - 100);
                }
            }, "overload-peaks");
            thread.setDaemon(true);
            thread.start();
        }

        long maxLagMillis() {
            return Math.round(maxLagMillis);
        }

        /** How much later than asked this sampler woke up at worst: the machine's own scheduling delay, for comparison. */
        long oversleepMillis() {
            return Math.round(oversleepMillis);
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
