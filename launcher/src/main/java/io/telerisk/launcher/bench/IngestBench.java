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
import io.telerisk.testkit.MosquittoBroker;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * {@code bin/platform bench ingest}: sustained ingest through loopback MQTT into InfluxDB, against the raw delivery
 * rate of the same broker to a subscriber that stores nothing, with the same publishers. Every server is private
 * (testkit Mosquitto and influxd on free ports, the hub's own H2 in a temporary directory); the devices run in a
 * child JVM so the heap reported is the hub's.
 */
final class IngestBench {
    private static final String DB = "bench";

    /** Bench settings, from the command line. */
    record Options(int devices, int seconds, int windowSeconds, int batch, int inflight, int idleDevices, int idleInterval,
                   List<String> scenarios, int rate, int fleetWindow) {
        /** Scenarios run when none are named. */
        static final List<String> ALL = List.of("single", "batched", "fleet-1k", "fleet-10k", "idle");
        /** Scenarios that may be named; {@code overload} runs only when asked for (minutes of unpaced load). */
        static final List<String> KNOWN = List.of("single", "batched", "fleet-1k", "fleet-10k", "idle", "overload");

        static Options parse(String[] args) {
            int devices = 40, seconds = 30, window = 5, batch = 50, inflight = 20, idle = 10_000, idleInterval = 20, rate = 0;
            int fleetWindow = 2_000;
            List<String> scenarios = ALL;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
                String v = args[++i];
                switch (a) {
                    case "--devices" -> devices = positive(a, v);
                    case "--seconds" -> seconds = positive(a, v);
                    case "--window" -> window = positive(a, v);
                    case "--batch" -> batch = positive(a, v);
                    case "--inflight" -> inflight = positive(a, v);
                    case "--idle-devices" -> idle = positive(a, v);
                    case "--idle-interval" -> idleInterval = positive(a, v);
                    case "--scenarios" -> scenarios = List.of(v.split(","));
                    case "--rate" -> rate = positive(a, v);
                    case "--fleet-window" -> fleetWindow = positive(a, v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            for (String s : scenarios) {
                if (!KNOWN.contains(s)) throw new IllegalArgumentException("unknown scenario " + s);
            }
            if (seconds < 3 * window) throw new IllegalArgumentException("--seconds must be at least 3 windows");
            return new Options(devices, seconds, window, batch, inflight, idle, idleInterval, scenarios, rate, fleetWindow);
        }

        static int positive(String name, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 1) throw new IllegalArgumentException(name + " must be >= 1: " + v);
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number: " + v);
            }
        }
    }

    static final String HELP = """
            usage: bin/platform bench ingest [options]

            Measures the hub's sustained ingest (MQTT -> hub -> InfluxDB) against the raw broker delivery rate
            (same publishers, same broker, two bare QoS 1 subscribers that store nothing: Paho, and the hub's own
            MQTT client; the faster is the reference). Starts a private
            mosquitto and a private influxd on free ports; never touches your servers.

            scenarios (--scenarios, comma separated; default all):
              single   one point per JSON message
              batched  --batch points per JSON message
              fleet-1k, fleet-10k
                       1,000 / 10,000 registered devices, one point per JSON message, published in turn over
                       4 connections sharing --fleet-window unacknowledged messages (the Node-RED rig's load):
                       what the hub does per device shows here, not with 40 devices
              overload (only when named) unpaced load through $share for --seconds, single points and
                       100-sample messages: heap and direct memory peaks, longest event-loop lag, points the
                       broker acknowledged against points stored, the drain rate once publishers stop
              idle     --idle-devices authenticated devices on the hub's built-in endpoint, one point each
                       every --idle-interval s; measures the hub's heap

            options:
              --devices N        publishing devices (connections) for single/batched   (default 40)
              --seconds S        duration of each raw and each hub run                   (default 30)
              --window S         measuring window; rates are medians over windows        (default 5)
              --batch N          points per message in 'batched'                         (default 50)
              --inflight N       unacknowledged QoS 1 messages per device               (default 20)
              --rate N           offer N messages/s in all (paced) instead of as many as the broker
                                 accepts: tells whether the hub sustains a rate     (default: unpaced)
              --fleet-window N   unacknowledged messages in all in fleet-*                (default 2000)
              --idle-devices N   devices in 'idle'                                       (default 10000)
              --idle-interval S  seconds between one idle device's messages              (default 20)
            """;

    /** One row of the results table. */
    record Row(String scenario, double rawMsgPerS, double rawPtsPerS, long rawP50, long rawP99, double hubMsgPerS,
               double hubPtsPerS, long hubP50, long hubP99, long heapAfterGcMb, long heapPeakMb, long lost, long rejected,
               long stored, long expected, String note) {
    }

    private final Options o;
    private final List<Row> rows = new ArrayList<>();

    IngestBench(Options o) {
        this.o = o;
    }

    void run() throws Exception {
        System.out.printf(Locale.ROOT, "bench ingest: %d cores, load average %s, hub JVM max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), Runtime.getRuntime().maxMemory() >> 20);
        Path work = Files.createTempDirectory("telerisk-bench-");
        try (InfluxServer influx = InfluxServer.start()) {
            for (String s : o.scenarios()) {
                switch (s) {
                    case "single" -> rows.add(throughput(influx, work, "single", 1, Load.perDevice(o.devices())));
                    case "batched" -> rows.add(throughput(influx, work, "batched", o.batch(), Load.perDevice(o.devices())));
                    case "fleet-1k" -> rows.add(throughput(influx, work, s, 1, Load.fleet(1_000)));
                    case "fleet-10k" -> rows.add(throughput(influx, work, s, 1, Load.fleet(10_000)));
                    case "idle" -> rows.add(idle(influx, work));
                    case "overload" -> rows.addAll(new OverloadBench(this, o).run(influx, work));
                    default -> throw new IllegalStateException(s);
                }
            }
        } finally {
            deleteQuietly(work);
        }
        System.out.printf(Locale.ROOT, "load average at the end: %s%n%n", loadAverage());
        printTable();
    }

    /** Who publishes: one connection per device with its own window, or a fleet over a few connections sharing one. */
    record Load(int devices, boolean fleet) {
        static Load perDevice(int devices) {
            return new Load(devices, false);
        }

        static Load fleet(int devices) {
            return new Load(devices, true);
        }
    }

    /** Connections a fleet load publishes over. */
    private static final int FLEET_CONNECTIONS = 4;

    private Row throughput(InfluxServer influx, Path work, String name, int pointsPerMessage, Load load) throws Exception {
        String tenant = "bench-" + name;
        String db = DB + "_" + name.replace('-', '_');
        influx.createDatabase(db);
        // a fresh broker: no queued messages of an earlier hub's persistent shared-subscription session
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            Instant firstSample = Instant.now().minus(Duration.ofDays(2));

            // two bare subscribers that store nothing; the faster one is the reference (the stricter ratio)
            RawRun paho = rawRun(name, "bare Paho subscriber", broker, pointsPerMessage, load, tenant, firstSample, RawSubscriber::start);
            RawRun client = rawRun(name, "the hub's MQTT client with nothing behind it", broker, pointsPerMessage, load, tenant, firstSample,
                    RawHubClientSubscriber::start);
            double pahoMsgs = paho.msgPerS(), clientMsgs = client.msgPerS();
            double rawMsgs = Math.max(pahoMsgs, clientMsgs);
            LatencyHistogram rawLatency = pahoMsgs >= clientMsgs ? paho.latency() : client.latency();
            long rawLost = paho.lost() + client.lost();
            String rawNote = String.format(Locale.ROOT, "raw reference = the faster bare subscriber: Paho %.0f msg/s, hub client %.0f msg/s", pahoMsgs, clientMsgs);

            System.out.printf(Locale.ROOT, "[%s] hub: %d devices -> mosquitto -> hub ($share) -> influxd, %d s%n", name, load.devices(), o.seconds());
            Path dataDir = Files.createDirectories(work.resolve(name));
            HubConfig base = HubConfig.embedded(dataDir);
            HubConfig config = base.withStorage(StorageConfig.influxV1(influx.url(), db, "", ""))
                    .withIngest(base.ingest().withBuiltIn(false, "127.0.0.1", 0)
                            .withExternalBroker(broker.uri(), "bench-" + name, "bench-hub-" + name, null, null));
            LatencyHistogram hubLatency = new LatencyHistogram();
            try (Hub hub = Hub.start(config)) {
                awaitStartedUp(hub);
                registerBackdated(hub, tenant, load.devices(), firstSample);
                hub.ingest().addListener(e -> hubLatency.recordMillis(System.currentTimeMillis() - e.sentAt().toEpochMilli()));
                long heapBefore = HeapSampler.usedAfterFullGcBytes();
                try (HeapSampler heap = new HeapSampler()) {
                    Run r = drive(broker.port(), pointsPerMessage, load, tenant, firstSample, () -> hub.ingestStats().snapshot().messagesStored(),
                            new ProcessCpu().add("mosquitto", broker.pid()).add("influxd", influx.pid()));
                    long drainStart = System.nanoTime();
                    boolean all = awaitCount(() -> hub.ingestStats().snapshot().messagesStored(), r.acked, Duration.ofSeconds(30));
                    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                    IngestStats.Snapshot s = hub.ingestStats().snapshot();
                    long inInflux = influxCount(influx, db, tenant);
                    long expected = r.acked * pointsPerMessage;
                    long lost = all ? 0 : r.acked - s.messagesStored();
                    String note = "hub heap before run " + (heapBefore >> 20) + " MB; in InfluxDB " + inInflux + " of " + expected
                            + " points; duplicates " + s.duplicates() + ", spooled " + s.spooled() + String.format(Locale.ROOT,
                            "; backlog drained %.1f s after the publishers stopped", drainSeconds) + "; raw runs lost " + rawLost + "; " + rawNote;
                    System.out.printf(Locale.ROOT, "[%s] hub: median %.0f msg/s, acked %d, stored %d (%s)%n", name, r.medianPerS, r.acked, s.messagesStored(), note);
                    return new Row(name, rawMsgs, rawMsgs * pointsPerMessage, rawLatency.quantileMillis(0.5), rawLatency.quantileMillis(0.99),
                            r.medianPerS, r.medianPerS * pointsPerMessage, hubLatency.quantileMillis(0.5), hubLatency.quantileMillis(0.99),
                            heap.maxAfterGcBytes() >> 20, heap.peakUsedBytes() >> 20, lost + Math.max(0, expected - inInflux),
                            s.rejectedTotal(), inInflux, expected, note);
                }
            }
        }
    }

    /** A subscriber that stores nothing: the raw delivery reference. */
    interface RawReference extends AutoCloseable {
        long received();
    }

    @FunctionalInterface
    interface RawStarter {
        RawReference start(String brokerUri, LatencyHistogram latency) throws Exception;
    }

    /** Median delivered rate, messages the broker acknowledged but never delivered, and delivery latency. */
    private record RawRun(double msgPerS, long lost, LatencyHistogram latency) {
    }

    private RawRun rawRun(String name, String label, MosquittoBroker broker, int pointsPerMessage, Load load, String tenant,
                          Instant firstSample, RawStarter starter) throws Exception {
        System.out.printf(Locale.ROOT, "%n[%s] raw: %d devices -> mosquitto -> %s, %d s%n", name, load.devices(), label, o.seconds());
        LatencyHistogram latency = new LatencyHistogram();
        try (RawReference raw = starter.start(broker.uri(), latency)) {
            Run r = drive(broker.port(), pointsPerMessage, load, tenant, firstSample, raw::received, new ProcessCpu().add("mosquitto", broker.pid()));
            long lost = awaitCount(raw::received, r.acked, Duration.ofSeconds(30)) ? 0 : r.acked - raw.received();
            System.out.printf(Locale.ROOT, "[%s] raw (%s): median %.0f msg/s, acked %d, received %d%n", name, label, r.medianPerS, r.acked, raw.received());
            return new RawRun(r.medianPerS, lost, latency);
        }
    }

    /** Measured result of one load-generator run. */
    record Run(double medianPerS, long acked) {
    }

    /** Runs the publishers for the configured time; the rate is the median over windows, the first one dropped as warm-up. */
    Run drive(int port, int pointsPerMessage, Load load, String tenant, Instant firstSample, LongSupplier counter,
                      ProcessCpu cpu) throws Exception {
        Child child = load.fleet()
                ? Child.start("fleet", "127.0.0.1", String.valueOf(port), String.valueOf(load.devices()), String.valueOf(o.seconds()),
                String.valueOf(o.fleetWindow()), String.valueOf(FLEET_CONNECTIONS), tenant, String.valueOf(firstSample.toEpochMilli()))
                : Child.start("publish", "127.0.0.1", String.valueOf(port), String.valueOf(load.devices()), String.valueOf(o.seconds()),
                String.valueOf(pointsPerMessage), String.valueOf(o.inflight()), tenant, String.valueOf(firstSample.toEpochMilli()),
                String.valueOf(o.rate()));
        try {
            child.awaitLine("CONNECTED", Duration.ofSeconds(90));
            cpu.add("publishers", child.pid()).add("bench JVM (subscriber or hub)", ProcessHandle.current().pid()).begin();
            long counted = counter.getAsLong();
            List<Double> rates = new ArrayList<>();
            long windowNanos = TimeUnit.SECONDS.toNanos(o.windowSeconds());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.seconds());
            long last = counter.getAsLong();
            long t = System.nanoTime();
            while (t + windowNanos <= end) {
                TimeUnit.NANOSECONDS.sleep(t + windowNanos - System.nanoTime());
                long now = System.nanoTime();
                long c = counter.getAsLong();
                rates.add((c - last) * 1e9 / (now - t));
                last = c;
                t = now;
            }
            System.out.printf(Locale.ROOT, "  windows (msg/s): %s%n", rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
            String result = child.awaitLine("RESULT", Duration.ofSeconds(90));
            System.out.printf(Locale.ROOT, "  CPU: %s%n", cpu.perMessage(counter.getAsLong() - counted));
            long acked = Long.parseLong(result.replaceAll(".*acked=(\\d+).*", "$1"));
            return new Run(median(rates.subList(1, rates.size())), acked);
        } finally {
            child.close();
        }
    }

    private Row idle(InfluxServer influx, Path work) throws Exception {
        String tenant = "bench-idle";
        String db = DB + "_idle";
        influx.createDatabase(db);
        Path dataDir = Files.createDirectories(work.resolve("idle"));
        HubConfig base = HubConfig.embedded(dataDir);
        HubConfig config = base.withStorage(StorageConfig.influxV1(influx.url(), db, "", ""))
                .withIngest(base.ingest().withBuiltIn(true, "127.0.0.1", 0));
        Instant firstSample = Instant.now().minus(Duration.ofDays(2));
        System.out.printf(Locale.ROOT, "%n[idle] %d devices on the hub's built-in endpoint, one point every %d s each%n", o.idleDevices(), o.idleInterval());
        try (Hub hub = Hub.start(config)) {
            awaitStartedUp(hub);
            long t0 = System.nanoTime();
            JdbcDeviceRegistry backdated = backdatedRegistry(hub, firstSample);
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
                 Child child = Child.start("idle", "127.0.0.1", String.valueOf(hub.mqttPort()), creds.toString(),
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
                return new Row("idle " + o.idleDevices(), 0, 0, -1, -1, 0, 0, latency.quantileMillis(0.5), latency.quantileMillis(0.99),
                        heapConnected >> 20, heap.peakUsedBytes() >> 20, Math.max(0, o.idleDevices() - onHub), s.rejectedTotal(),
                        s.messagesStored(), o.idleDevices(), note);
            }
        }
    }

    static JdbcDeviceRegistry backdatedRegistry(Hub hub, Instant firstSample) {
        // Registered before the first sample: the hub refuses data older than a device's registration.
        return new JdbcDeviceRegistry(hub.systemOfRecord().dataSource(),
                Clock.fixed(firstSample.minus(Duration.ofDays(1)), ZoneOffset.UTC), Duration.ZERO, Duration.ZERO);
    }

    static void registerBackdated(Hub hub, String tenant, int devices, Instant firstSample) {
        JdbcDeviceRegistry r = backdatedRegistry(hub, firstSample);
        for (int i = 0; i < devices; i++) r.register(new DeviceKey(tenant, DeviceType.VEHICLE, LoadGenerator.deviceId(i)), null);
    }

    /**
     * Waits until {@code counter} reaches {@code target}. Gives up when it has not moved for {@code stall} (a
     * backlog that is still draining is lag, not loss) or after ten minutes.
     */
    /**
     * Waits until the hub's start-up work in the background is over (the crash model's load takes seconds of CPU and
     * hundreds of MB of native memory), so that it is not charged to the measured ingest; at most 2 minutes.
     */
    static void awaitStartedUp(Hub hub) throws InterruptedException {
        long t0 = System.nanoTime(), deadline = t0 + TimeUnit.MINUTES.toNanos(2);
        String state = crashClassifierState(hub);
        while (state.endsWith("loading in the background") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            state = crashClassifierState(hub);
        }
        System.out.printf(Locale.ROOT, "  hub started; crash classifier: %s (waited %.1f s)%n", state, (System.nanoTime() - t0) / 1e9);
    }

    private static String crashClassifierState(Hub hub) {
        try {
            return hub.services().claims().crashClassifierHealth();
        } catch (IllegalStateException failed) {
            return "failed: " + failed.getMessage();
        }
    }

    static boolean awaitCount(LongSupplier counter, long target, Duration stall) throws InterruptedException {
        long hardDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long last = counter.getAsLong(), lastMoved = System.nanoTime();
        while (last < target) {
            long now = System.nanoTime();
            if (now - lastMoved > stall.toNanos() || now > hardDeadline) return false;
            Thread.sleep(50);
            long c = counter.getAsLong();
            if (c != last) {
                last = c;
                lastMoved = System.nanoTime();
            }
        }
        return true;
    }

    static long influxCount(InfluxServer influx, String db, String tenant) {
        JsonObject r = new JsonObject(influx.query(db, "SELECT count(seq) FROM vehicle WHERE tenant = '" + tenant + "'"));
        var series = r.getJsonArray("results").getJsonObject(0).getJsonArray("series");
        return series == null ? 0 : series.getJsonObject(0).getJsonArray("values").getJsonArray(0).getLong(1);
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n == 0 ? 0 : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private void printTable() {
        System.out.println("| scenario | raw msg/s | raw points/s | raw p50/p99 ms | hub stored msg/s | hub stored points/s | hub/raw | hub p50/p99 ms | heap after GC MB (peak) | lost | rejected |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Row r : rows) {
            boolean idle = r.scenario().startsWith("idle");
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %d/%d | %d (%d) | %d | %d |%n", r.scenario(),
                    idle ? "-" : String.format(Locale.ROOT, "%.0f", r.rawMsgPerS()), idle ? "-" : String.format(Locale.ROOT, "%.0f", r.rawPtsPerS()),
                    idle ? "-" : r.rawP50() + "/" + r.rawP99(),
                    idle ? "-" : String.format(Locale.ROOT, "%.0f", r.hubMsgPerS()), idle ? "-" : String.format(Locale.ROOT, "%.0f", r.hubPtsPerS()),
                    idle || r.rawMsgPerS() == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * r.hubMsgPerS() / r.rawMsgPerS()),
                    r.hubP50(), r.hubP99(), r.heapAfterGcMb(), r.heapPeakMb(), r.lost(), r.rejected());
        }
        for (Row r : rows) System.out.println("  " + r.scenario() + ": " + r.note());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }

    /** The load generator's JVM; its stdout lines are read by a thread, stderr goes to ours. */
    static final class Child implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Child(Process p) {
            this.process = p;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) lines.add(l);
                } catch (IOException ignored) {
                    // the child ended
                }
            }, "bench-child-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName()));
            cmd.addAll(List.of(args));
            return new Child(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        long pid() {
            return process.pid();
        }

        String awaitLine(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (l != null && l.startsWith(prefix)) return l;
                if (l == null && System.nanoTime() >= deadline) {
                    throw new IllegalStateException("load generator did not report " + prefix + " within " + timeout.toSeconds()
                            + " s (alive: " + process.isAlive() + ")");
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
