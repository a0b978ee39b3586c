package io.telerisk.launcher.demo;

import io.telerisk.hub.config.ConfigException;
import io.telerisk.hub.config.ConfigKeys;
import io.telerisk.hub.config.ConfigSource;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.config.HubConfigLoader;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.sim.publish.PublisherStats;
import io.telerisk.sim.publish.Rate;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/platform demo}: a {@link DemoWorld} (the hub with its built-in MQTT endpoint and H2, the seeded world,
 * the simulated fleet replaying its last days over real MQTT) in one process, with the logins printed first.
 * Configuration: the options below, then {@code -D}/{@code TELERISK_*} as for the hub, then the demo's defaults.
 */
public final class DemoCommand {
    static final String HELP = """
            Usage: bin/platform demo [options]
            Starts the hub (built-in MQTT endpoint, embedded H2 under the data dir, REST API and console), seeds a demo
            world (plans, policies, fields with satellite scenes, loans, covers, claims, two users per role) and replays
            the last days of a simulated fleet over MQTT in accelerated time. Prints the console address and the logins
            first. A second run in the same data dir resumes that world; another world's data dir is moved aside.

              --vehicles N     simulated vehicles (default 200)
              --wearables N    simulated wearables (default 100)
              --farms N        simulated farm sensors, one field each (default 50)
              --days N         simulated days to replay, ending now (default 7)
              --speed X        simulated seconds per wall second (default 1200: a week in about 8 minutes)
              --rate R         fleet message rate cap, e.g. 3000 or 3000msg/s (default 3000)
              --seed N         seed of the fleet and the seeded world (default 42)
              --data-dir DIR   hub data directory (default ./data/demo; TELERISK_DATA_DIR)
              --http-port P    REST API port (default 8080, another free port if taken; TELERISK_API_PORT)
              --mqtt-port P    built-in MQTT port (default 1883, another free port if taken; TELERISK_MQTT_PORT)
              --duration D     stop after D seconds of wall time (default: run until Ctrl-C)
              --help           this text

            Every other hub setting comes from -Dtelerisk.* or TELERISK_* variables (docs/configuration.md), e.g.
            TELERISK_API_TOKEN_TTL=8h bin/platform demo. The demo's own defaults: API and MQTT on 127.0.0.1 and
            telerisk.ingest.store-timeout 30s (an embedded H2 on a busy machine is slow, not down).
            """;

    /** Devices registered for you to publish to by hand (the fleet's own devices are busy replaying). */

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
            System.exit(run(o, System.getenv(), System.getProperties(), System.out));
        } catch (ConfigException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
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

    /** The world's settings from the options (defaults: {@link DemoWorld.Settings#defaults()}). */
    static DemoWorld.Settings settings(Map<String, String> o) {
        DemoWorld.Settings d = DemoWorld.Settings.defaults();
        double speed;
        long seed;
        try {
            speed = Double.parseDouble(o.getOrDefault("speed", String.valueOf(d.speed())));
            seed = Long.parseLong(o.getOrDefault("seed", String.valueOf(d.seed())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed expects a number and --seed an integer: " + e.getMessage());
        }
        if (!(speed > 0)) throw new IllegalArgumentException("--speed must be > 0");
        Rate rate = o.containsKey("rate") ? Rate.parse(o.get("rate")) : d.rate();
        return d.withSeed(seed).withFleet(intOpt(o, "vehicles", d.vehicles()), intOpt(o, "wearables", d.wearables()),
                intOpt(o, "farms", d.farms())).withReplay(Math.max(1, intOpt(o, "days", d.days())), speed, rate);
    }

    /**
     * The hub's configuration: options first, then system properties and {@code TELERISK_*} variables, then the
     * demo's defaults (data in ./data/demo, API and MQTT on 127.0.0.1, ports 8080 and 1883 or free ones if taken,
     * store timeout 30 s), then the hub's defaults.
     */
    static HubConfig config(Map<String, String> o, Map<String, String> env, Properties system) {
        Map<String, String> top = new HashMap<>();
        for (String k : system.stringPropertyNames()) top.put(k, system.getProperty(k));
        if (o.containsKey("data-dir")) top.put(ConfigKeys.DATA_DIR, o.get("data-dir"));
        if (o.containsKey("http-port")) top.put(ConfigKeys.API_PORT, String.valueOf(intOpt(o, "http-port", 8080)));
        if (o.containsKey("mqtt-port")) top.put(ConfigKeys.MQTT_PORT, String.valueOf(intOpt(o, "mqtt-port", 1883)));
        // a store write slower than the hub's 5 s is not an outage of an embedded H2 on a busy laptop; spooling it made
        // the writer replay the spool while new data queued behind it, and the demo spooled for minutes
        Map<String, String> demoDefaults = Map.of(ConfigKeys.DATA_DIR, "data/demo", ConfigKeys.API_HOST, "127.0.0.1",
                ConfigKeys.MQTT_HOST, "127.0.0.1", ConfigKeys.INGEST_STORE_TIMEOUT, "30s");
        HubConfig c = HubConfigLoader.load(new ConfigSource(top, env, demoDefaults, "the demo's defaults"));
        if (!c.ingest().builtInEnabled()) {
            throw new ConfigException(ConfigKeys.MQTT_ENABLED + " is false: the demo's fleet publishes to the hub's built-in MQTT endpoint");
        }
        return c.withApi(c.api().withPort(c.api().host(), portOrFree(c.api().port())))
                .withIngest(c.ingest().withBuiltIn(true, c.ingest().mqttHost(), portOrFree(c.ingest().mqttPort())));
    }

    static int run(Map<String, String> o, Map<String, String> env, Properties system, PrintStream out) {
        DemoWorld.Settings settings = settings(o);
        HubConfig config = config(o, env, system);
        int durationS = intOpt(o, "duration", 0);
        out.println("demo: starting (data in " + config.dataDir().toAbsolutePath() + ")");
        DemoWorld world = DemoWorld.start(config, settings);
        List<DeviceCredential> handsOn = world.provisionHandsOnDevices();
        DemoWelcome.print(out, world, handsOn);

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\ndemo: stopping");
            world.close();
            out.println("demo: stopped; run bin/platform demo again to resume this world");
            stop.countDown();
        }, "demo-shutdown"));
        long started = System.nanoTime();
        boolean liveSaid = false;
        try {
            while (!stop.await(5, TimeUnit.SECONDS)) {
                progress(out, world.hub().ingestStats().snapshot(), world.publisher().stats(), (System.nanoTime() - started) / 1e9);
                world.checkpoint();
                Instant live = world.liveSince();
                if (!liveSaid && live != null) {
                    liveSaid = true;
                    out.println("demo: the replay caught up with the present at " + live.truncatedTo(ChronoUnit.SECONDS)
                            + "; the fleet now publishes live, in real time, until you stop the demo (Ctrl-C)");
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
        if (wanted == 0) return 0;
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
