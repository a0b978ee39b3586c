package io.telerisk.launcher.demo;

import io.telerisk.hub.Hub;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.DeviceKey;
import io.telerisk.sim.SimClock;
import io.telerisk.sim.faults.FaultConfig;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.publish.FleetPublisher;
import io.telerisk.sim.publish.PublisherHandle;
import io.telerisk.sim.publish.PublisherOptions;
import io.telerisk.sim.publish.PublisherStats;
import io.telerisk.sim.publish.Rate;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/platform demo}: the hub with its built-in MQTT endpoint and H2, and a simulated fleet publishing
 * through real MQTT, in one process. The fleet replays the last days in accelerated time (so summaries fill up
 * within minutes, and no timestamp is ever in the future); the devices are registered as installed before that.
 */
public final class DemoCommand {
    static final String HELP = """
            Usage: bin/platform demo [options]
            Starts the hub (built-in MQTT endpoint, embedded H2 under the data dir, REST API) and a simulated fleet
            publishing over MQTT with accelerated time; prints the API address and a bearer token per role.

              --vehicles N     simulated vehicles (default 200)
              --wearables N    simulated wearables (default 100)
              --farms N        simulated farm sensors (default 50)
              --days N         simulated days to replay, ending now (default 7)
              --speed X        simulated seconds per wall second (default 1200: a week in about 8 minutes)
              --rate R         fleet message rate cap, e.g. 3000 or 3000msg/s (default 3000)
              --seed N         simulation seed (default 42)
              --data-dir DIR   hub data directory (default ./data/demo)
              --http-port P    REST API port (default 8080; another free port if taken)
              --mqtt-port P    built-in MQTT port (default 1883; another free port if taken)
              --duration D     stop after D seconds of wall time (default: run until Ctrl-C)
              --help           this text
            """;

    private DemoCommand() {
    }

    public static void main(String[] args) {
        Map<String, String> o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.err.print(HELP);
            System.exit(2);
            return;
        }
        if (o.containsKey("help")) {
            System.out.print(HELP);
            return;
        }
        try {
            System.exit(run(o, System.out));
        } catch (RuntimeException e) {
            System.err.println("demo failed: " + e.getMessage());
            System.exit(1);
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                o.put("help", "");
                continue;
            }
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + a + "'");
            if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
            o.put(a.substring(2), args[++i]);
        }
        for (String k : o.keySet()) {
            if (!HELP.contains("--" + k + " ") && !k.equals("help")) throw new IllegalArgumentException("unknown option --" + k);
        }
        return o;
    }

    private static int intOpt(Map<String, String> o, String k, int def) {
        String v = o.get(k);
        if (v == null) return def;
        try {
            int n = Integer.parseInt(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + k + " expects a non-negative integer, got '" + v + "'");
        }
    }

    static int run(Map<String, String> o, PrintStream out) {
        int vehicles = intOpt(o, "vehicles", 200);
        int wearables = intOpt(o, "wearables", 100);
        int farms = intOpt(o, "farms", 50);
        int days = Math.max(1, intOpt(o, "days", 7));
        double speed = Double.parseDouble(o.getOrDefault("speed", "1200"));
        Rate rate = Rate.parse(o.getOrDefault("rate", "3000"));
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        Path dataDir = Path.of(o.getOrDefault("data-dir", "data/demo"));
        int httpPort = portOrFree(intOpt(o, "http-port", 8080));
        int mqttPort = portOrFree(intOpt(o, "mqtt-port", 1883));
        int durationS = intOpt(o, "duration", 0);

        HubConfig base = HubConfig.embedded(dataDir);
        HubConfig config = base.withApi(base.api().withPort("127.0.0.1", httpPort))
                .withIngest(base.ingest().withBuiltIn(true, "127.0.0.1", mqttPort));
        out.println("demo: starting hub (data in " + dataDir.toAbsolutePath() + ")");
        Hub hub = Hub.start(config);

        Instant simStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(days));
        Fleet fleet = Fleet.builder().seed(seed).tenant("demo").vehicles(vehicles).wearables(wearables).farms(farms)
                .start(simStart).duration(Duration.ofDays(days)).build();
        // devices were installed before the replayed period: samples before registration would be rejected
        Instant installedAt = simStart.minus(Duration.ofDays(1));
        for (DeviceKey k : fleet.deviceKeys()) hub.registry().register(k, k.deviceId(), installedAt);
        DemoProvisioner.DemoSetup setup = hub.provisionDemo("demo", fleet.deviceKeys());
        Map<DeviceKey, String> tokens = new HashMap<>();
        for (DeviceCredential c : setup.devices()) tokens.put(c.device(), c.token());

        printWelcome(out, hub, setup, fleet, days, speed, simStart);
        PublisherHandle publisher = FleetPublisher.start(hub.vertx(), fleet, "127.0.0.1", hub.mqttPort(), tokens::get, rate,
                FaultConfig.NONE, SimClock.accelerated(simStart, speed), PublisherOptions.defaults());

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\ndemo: stopping");
            publisher.stop().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
            hub.close();
            out.println("demo: stopped");
            stop.countDown();
        }, "demo-shutdown"));
        long started = System.nanoTime();
        boolean simDone = false;
        try {
            while (!stop.await(5, TimeUnit.SECONDS)) {
                progress(out, hub.ingestStats().snapshot(), publisher.stats(), (System.nanoTime() - started) / 1e9);
                if (!simDone && publisher.completion().isComplete()) {
                    simDone = true;
                    out.println("demo: the simulated fleet has replayed " + days + " days; the hub keeps running (Ctrl-C to stop)");
                }
                if (durationS > 0 && (System.nanoTime() - started) / 1e9 >= durationS) {
                    return 0; // the shutdown hook stops the publisher and the hub
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void printWelcome(PrintStream out, Hub hub, DemoProvisioner.DemoSetup setup, Fleet fleet, int days, double speed,
                                     Instant simStart) {
        String api = hub.apiUrl();
        out.println();
        out.println("Telerisk demo is running");
        out.println("  REST API   " + api + "/api/v1    OpenAPI " + api + "/api/v1/openapi.json");
        out.println("  health     " + api + "/health    metrics " + api + "/metrics");
        out.println("  MQTT       mqtt://127.0.0.1:" + hub.mqttPort() + "  (devices: username demo/<deviceId>, their token)");
        out.println("  fleet      " + fleet.deviceKeys().size() + " devices replaying the last " + days + " days at " + speed + "x");
        out.println();
        out.println("Bearer tokens (tenant demo):");
        for (Role r : Role.values()) {
            String t = setup.tokens().get(r);
            if (t != null) out.printf("  %-9s %s%n", r.wireName(), t);
        }
        String op = setup.tokens().get(Role.OPERATOR);
        String insurer = setup.tokens().get(Role.INSURER);
        String car = fleet.deviceKeys().get(0).deviceId();
        out.println();
        out.println("Try:");
        out.println("  curl -s -H 'Authorization: Bearer " + op + "' " + api + "/api/v1/stats/ingest");
        java.time.LocalDate from = simStart.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        java.time.LocalDate to = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
        out.println("  curl -s -H 'Authorization: Bearer " + insurer + "' '" + api + "/api/v1/devices/vehicle/" + car
                + "/daily-usage?from=" + from + "&to=" + to + "'");
        out.println("  curl -s -H 'Authorization: Bearer " + op + "' '" + api + "/api/v1/devices/vehicle/" + car
                + "/telemetry?from=" + simStart + "&limit=5'");
        out.println("  (daily usage appears as the replay completes each simulated day; API reference: docs/api.md)");
        out.println();
    }

    private static void progress(PrintStream out, IngestStats.Snapshot s, PublisherStats p, double seconds) {
        // a device whose replay is over disconnects: say so, or "349/350 connected" looks like a failure
        String done = p.finished() > 0 ? " (" + p.finished() + " done)" : "";
        String failing = p.connectFailures() > 0 ? ", " + p.connectFailures() + " failed connects" : "";
        out.printf("[%5.0fs] devices %d/%d connected%s%s | sent %d msgs | hub: received %d, stored %d msgs / %d points, "
                        + "duplicates %d, rejected %d, spooled %d%n",
                seconds, p.connected(), p.devices(), done, failing, p.published(), s.messagesReceived(), s.messagesStored(),
                s.pointsStored(), s.duplicates(), s.rejectedTotal(), s.spooled());
    }

    /** The requested port when free, otherwise an ephemeral one (a machine often runs its own broker on 1883). */
    static int portOrFree(int wanted) {
        try (ServerSocket s = new ServerSocket(wanted, 1, java.net.InetAddress.getLoopbackAddress())) {
            return wanted;
        } catch (IOException taken) {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
    }
}
