package io.telerisk.launcher.bench;

import io.telerisk.hub.Hub;
import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.testkit.InfluxServer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bin/platform bench ingest}: sustained ingest through loopback MQTT into InfluxDB, against the raw delivery
 * rate of the same broker to a subscriber that stores nothing, with the same publishers. Every server is private
 * (testkit Mosquitto and influxd on free ports, the hub's own H2 in a temporary directory); the devices run in a
 * child JVM so the heap reported is the hub's.
 */
final class IngestBench {
    static final String DB = "bench";
    /**
     * The device rate of every bench hub ({@code telerisk.mqtt.rate.*}), set explicitly: far above what a bench device
     * publishes ('single' offers about 1,000 msg/s per device, 'overload' is unpaced), so the device rate (500 msg/s
     * by default, on the built-in endpoint and, divided among the hubs, on {@code $share}) never throttles a
     * measurement. A bench measures the hub's ingest, not its rate limit.
     */
    static final MqttLimits DEVICE_RATE = MqttLimits.DEFAULT.withDeviceRate(10_000_000, 100_000_000, 1L << 40, 1L << 40);

    /** {@link #DEVICE_RATE} as hub configuration lines, for hub processes. */
    static List<String> deviceRateSettings() {
        return List.of("telerisk.mqtt.rate.messages-per-second=" + DEVICE_RATE.messagesPerSecond(),
                "telerisk.mqtt.rate.message-burst=" + DEVICE_RATE.messageBurst(),
                "telerisk.mqtt.rate.bytes-per-second=" + DEVICE_RATE.bytesPerSecond(),
                "telerisk.mqtt.rate.byte-burst=" + DEVICE_RATE.byteBurst());
    }

    /** Bench settings, from the command line. */
    record Options(int devices, int seconds, int windowSeconds, int batch, int inflight, int idleDevices, int idleInterval,
                   List<String> scenarios, int rate, int fleetWindow, int hubs) {
        /** Scenarios run when none are named. */
        static final List<String> ALL = List.of("single", "batched", "batched-protobuf", "fleet-1k", "fleet-10k", "idle");
        /** Scenarios that may be named; {@code overload} runs only when asked for (minutes of unpaced load). */
        static final List<String> KNOWN = List.of("single", "batched", "batched-protobuf", "fleet-1k", "fleet-10k", "idle", "overload");
        /** Scenarios {@code --hubs} applies to: those that drive the hub through a {@code $share} subscription. */
        static final List<String> THROUGHPUT = List.of("single", "batched", "batched-protobuf", "fleet-1k", "fleet-10k");

        static Options parse(String[] args) {
            int devices = 40, seconds = 30, window = 5, batch = 50, inflight = 20, idle = 10_000, idleInterval = 20, rate = 0;
            int fleetWindow = 2_000, hubs = 0;
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
                    case "--hubs" -> hubs = positive(a, v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            for (String s : scenarios) {
                if (!KNOWN.contains(s)) throw new IllegalArgumentException("unknown scenario " + s);
            }
            if (seconds < 3 * window) throw new IllegalArgumentException("--seconds must be at least 3 windows");
            if (hubs > 0) {
                if (scenarios == ALL) scenarios = THROUGHPUT;
                for (String s : scenarios) {
                    if (!THROUGHPUT.contains(s)) throw new IllegalArgumentException("--hubs applies to " + String.join(", ", THROUGHPUT) + ", not " + s);
                }
            }
            return new Options(devices, seconds, window, batch, inflight, idle, idleInterval, scenarios, rate, fleetWindow, hubs);
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
              batched  --batch points per JSON message (MQTT 3.1.1, no content type: the hub's default, JSON)
              batched-protobuf
                       --batch points per protobuf message, sent as a protobuf device does: MQTT 5 with
                       content type application/x-protobuf on every PUBLISH (the hub's default content type
                       stays application/json); raw runs have no latency (sentAt is read from JSON only)
              fleet-1k, fleet-10k
                       1,000 / 10,000 registered devices, one point per JSON message, published in turn over
                       4 connections sharing --fleet-window unacknowledged messages (the Node-RED rig's load):
                       what the hub does per device shows here, not with 40 devices
              overload (only when named) unpaced load for --seconds through $share and on the built-in
                       endpoint (authenticated devices, per-device rate limit out of reach), single points and
                       100-sample messages: heap and direct memory peaks, longest event-loop lag, points
                       acknowledged against points stored, the drain rate once publishers stop; a PASS/FAIL
                       line per property of issue #12 with its bound
              idle     --idle-devices authenticated devices on the hub's built-in endpoint, one point each
                       every --idle-interval s; measures the hub's heap

            options:
              --devices N        publishing devices (connections) for single/batched   (default 40)
              --seconds S        duration of each raw and each hub run                   (default 30)
              --window S         measuring window; rates are medians over windows        (default 5)
              --batch N          points per message in 'batched' and 'batched-protobuf'  (default 50)
              --inflight N       unacknowledged QoS 1 messages per device               (default 20)
              --rate N           offer N messages/s in all (paced) instead of as many as the broker
                                 accepts: tells whether the hub sustains a rate     (default: unpaced)
              --fleet-window N   unacknowledged messages in all in fleet-*                (default 2000)
              --idle-devices N   devices in 'idle'                                       (default 10000)
              --idle-interval S  seconds between one idle device's messages              (default 20)
              --hubs N           run N hub processes (HubMain JVMs) on one $share group, a fresh PostgreSQL
                                 database (dropped after) and InfluxDB, instead of one hub in this JVM with
                                 H2; throughput scenarios only (default: single,batched,batched-protobuf,
                                 fleet-1k,fleet-10k).
                                 Reports CPU per point of each hub and of all together. Needs PostgreSQL at
                                 TELERISK_TEST_PG_HOST:PORT (default 127.0.0.1:5432, user postgres).
                                 --hubs 1 and --hubs 2 compare with each other; without --hubs, with the
                                 figures of earlier sessions.
            """;

    /** One row of the results table. */
    record Row(String scenario, double rawMsgPerS, double rawPtsPerS, long rawP50, long rawP99, double hubMsgPerS,
               double hubPtsPerS, long hubP50, long hubP99, long heapAfterGcMb, long heapPeakMb, long lost, long rejected,
               long stored, long expected, String note, String cpuPerPoint) {
    }

    private final Options o;
    private final List<Row> rows = new ArrayList<>();

    IngestBench(Options o) {
        this.o = o;
    }

    void run() throws Exception {
        System.out.printf(Locale.ROOT, "bench ingest: %d cores, load average %s, hub JVM max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "device rate of every bench hub (telerisk.mqtt.rate.*): %,d msg/s, burst %,d, so that"
                + " no device is throttled (default %d msg/s)%n", DEVICE_RATE.messagesPerSecond(), DEVICE_RATE.messageBurst(),
                MqttLimits.DEFAULT.messagesPerSecond());
        Path work = Files.createTempDirectory("telerisk-bench-");
        try (InfluxServer influx = InfluxServer.start()) {
            for (String s : o.scenarios()) {
                if (o.hubs() > 0) {
                    rows.add(new HubProcessThroughput(o).run(influx, work, s, pointsPerMessage(s), load(s)));
                    continue;
                }
                switch (s) {
                    case "single", "batched", "batched-protobuf", "fleet-1k", "fleet-10k" ->
                            rows.add(new InProcessThroughput(o).run(influx, work, s, pointsPerMessage(s), load(s)));
                    case "idle" -> rows.add(new IdleScenario(o).run(influx, work));
                    case "overload" -> rows.addAll(new OverloadBench(o).run(influx, work));
                    default -> throw new IllegalStateException(s);
                }
            }
        } finally {
            deleteQuietly(work);
        }
        System.out.printf(Locale.ROOT, "load average at the end: %s%n%n", loadAverage());
        printTable();
    }

    private int pointsPerMessage(String scenario) {
        return scenario.startsWith("batched") ? o.batch() : 1;
    }

    private LoadDriver.Load load(String scenario) {
        return switch (scenario) {
            case "fleet-1k" -> LoadDriver.Load.fleet(1_000);
            case "fleet-10k" -> LoadDriver.Load.fleet(10_000);
            case "batched-protobuf" -> LoadDriver.Load.perDevice(o.devices()).protobuf();
            default -> LoadDriver.Load.perDevice(o.devices());
        };
    }

    static JdbcDeviceRegistry backdatedRegistry(Hub hub, Instant firstSample) {
        return backdatedRegistry(hub.systemOfRecord().dataSource(), firstSample);
    }

    static JdbcDeviceRegistry backdatedRegistry(javax.sql.DataSource systemOfRecord, Instant firstSample) {
        // Registered before the first sample: the hub refuses data older than a device's registration.
        return new JdbcDeviceRegistry(systemOfRecord, Clock.fixed(firstSample.minus(Duration.ofDays(1)), ZoneOffset.UTC), Duration.ZERO, Duration.ZERO);
    }

    static void registerBackdated(Hub hub, String tenant, int devices, Instant firstSample) {
        registerBackdated(hub.systemOfRecord().dataSource(), tenant, devices, firstSample);
        // A fleet is registered before the hub starts, which preloads it; these were registered through another
        // registry instance (back-dated clock) after the start, so the hub loads them the same way now.
        hub.registry().preload();
    }

    /** Registers the load generator's {@code devices} vehicles of {@code tenant}, back-dated before the first sample. */
    static void registerBackdated(javax.sql.DataSource systemOfRecord, String tenant, int devices, Instant firstSample) {
        JdbcDeviceRegistry r = backdatedRegistry(systemOfRecord, firstSample);
        for (int i = 0; i < devices; i++) r.register(new DeviceKey(tenant, DeviceType.VEHICLE, LoadGenerator.deviceId(i)), null);
    }

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

    static long influxCount(InfluxServer influx, String db, String tenant) {
        JsonObject r = new JsonObject(influx.query(db, "SELECT count(seq) FROM vehicle WHERE tenant = '" + tenant + "'"));
        var series = r.getJsonArray("results").getJsonObject(0).getJsonArray("series");
        return series == null ? 0 : series.getJsonObject(0).getJsonArray("values").getJsonArray(0).getLong(1);
    }

    private void printTable() {
        System.out.println("| scenario | raw msg/s | raw points/s | raw p50/p99 ms | hub stored msg/s | hub stored points/s | hub/raw | hub p50/p99 ms | heap after GC MB (peak) | lost | rejected |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Row r : rows) {
            boolean idle = r.scenario().startsWith("idle");
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %d/%d | %s | %d | %d |%n", r.scenario(),
                    idle ? "-" : String.format(Locale.ROOT, "%.0f", r.rawMsgPerS()), idle ? "-" : String.format(Locale.ROOT, "%.0f", r.rawPtsPerS()),
                    idle ? "-" : r.rawP50() + "/" + r.rawP99(),
                    idle ? "-" : String.format(Locale.ROOT, "%.0f", r.hubMsgPerS()), idle ? "-" : String.format(Locale.ROOT, "%.0f", r.hubPtsPerS()),
                    idle || r.rawMsgPerS() == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * r.hubMsgPerS() / r.rawMsgPerS()),
                    r.hubP50(), r.hubP99(), r.heapAfterGcMb() < 0 ? "-" : r.heapAfterGcMb() + " (" + r.heapPeakMb() + ")", r.lost(), r.rejected());
        }
        for (Row r : rows) System.out.println("  " + r.scenario() + ": " + r.note());
        for (Row r : rows) if (!r.cpuPerPoint().isEmpty()) System.out.println("  " + r.scenario() + " CPU: " + r.cpuPerPoint());
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
}
