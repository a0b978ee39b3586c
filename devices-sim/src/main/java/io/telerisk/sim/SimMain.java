package io.telerisk.sim;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.sim.faults.FaultConfig;
import io.telerisk.sim.fleet.DeviceAction;
import io.telerisk.sim.fleet.DeviceStream;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.publish.FleetPublisher;
import io.telerisk.sim.publish.PublisherHandle;
import io.telerisk.sim.publish.PublisherOptions;
import io.telerisk.sim.publish.PublisherStats;
import io.telerisk.sim.publish.Rate;
import io.telerisk.sim.truth.JsonLinesTruthWriter;
import io.telerisk.sim.truth.TruthSink;
import io.telerisk.sim.vehicle.VehicleConfig;
import io.vertx.core.Vertx;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Command line: {@code java -cp ... io.telerisk.sim.SimMain --help}. Publishes a simulated fleet to an MQTT broker
 * (or, with {@code --dry-run}, only generates it), writing the ground truth to a file.
 */
public final class SimMain {
    static final String HELP = """
            Usage: SimMain [options]
            Simulates vehicles, wearables and farm sensors and publishes them over MQTT (QoS 1), one connection
            per device with username tenant/deviceId and the device's token as password.

              --broker HOST:PORT      broker address (default 127.0.0.1:1883; tcp://HOST:PORT also accepted)
              --tenant NAME           tenant of all devices (default demo)
              --vehicles N            simulated vehicles (default 10)
              --wearables N           simulated wearables (default 5)
              --farms N               simulated farm sensors (default 5)
              --seed N                random seed; same seed and options give the same bytes (default 42)
              --duration D            simulated span to generate, e.g. 90m, 12h, 7d (default 1h)
              --speed X|max           simulated seconds per wall second (default 60); max = as fast as the rate allows
              --start ISO|now|ends-now  simulated start (default: now when --speed 1, else ends-now = now - duration,
                                      so no timestamp is ever in the future); truncated to the second
              --rate R                fleet rate: 500 or 500msg/s (messages), 20000pts/s (samples), max (default 1000msg/s)
              --faults SPEC           e.g. dup=0.01,reorder=0.01,offline=0.001,malformed=0.005,offlineMin=5m,offlineMax=1h
                                      (probabilities per envelope; default none)
              --truth FILE            write the ground truth as JSON lines to FILE
              --content-type T        json (default) or protobuf; protobuf needs --mqtt 5 (the content type travels
                                      as an MQTT 5 property; without one the hub decodes JSON)
              --mqtt V                3.1.1 (default: the Vert.x MQTT client) or 5 (own MQTT 5 framing on Vert.x
                                      sockets, every message carries its content type)
              --token TOKEN           the same password for every device
              --token-file FILE       one device per line: "tenant/deviceId TOKEN" (or deviceId, and = or , as
                                      separator); # starts a comment. Devices without a token connect without password
              --max-inflight N        unacknowledged QoS 1 messages per connection (default 8)
              --region LAT,LON,KM     where devices live (default 48.2082,16.3738,30 around Vienna)
              --zone ZONE             local time zone for routines and night (default UTC)
              --crash-rate X          multiply the realistic crash probability (default 1)
              --edge-events on|off    vehicles also publish edge-detected events (trip start/end, harsh events,
                                      crash candidates) like an edge agent would (default on)
              --stats-every D         print counters every D (default 5s)
              --dry-run               generate only (no broker): print counts, write --truth and --export
              --export FILE           with --dry-run: write every message payload as one JSON line (training data)
              --scenes DIR            instead of publishing, write Sentinel-2 L2A scenes of the farm fields:
                                      DIR/fields.geojson and DIR/<date>/B04.tif, B08.tif, SCL.tif per date
                                      (for bin/platform agri ndvi); keep the region small, e.g. --region LAT,LON,4
              --scene-dates D1,D2     scene dates (ISO), or
              --scene-every Nd        a scene every N days over the simulated span (default 5d)
              --scene-clouds N        seeded clouds per scene (default 0)
              --help                  this text

            Exit status: 0 done, 1 failure (e.g. no device could connect), 2 bad option.
            """;

    /** Held so the setting survives: the Vert.x MQTT client logs every connection at INFO (a thousand lines). */
    static final java.util.logging.Logger MQTT_CLIENT_LOG = quietMqttClientLog();

    private SimMain() {
    }

    /** Lowers the Vert.x MQTT client's per-connection INFO logging to warnings. */
    public static java.util.logging.Logger quietMqttClientLog() {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger("io.vertx.mqtt.impl.MqttClientImpl");
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("try --help");
            code = 2;
        }
        System.exit(code);
    }

    /** Thrown for bad command lines; the message says what is wrong. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String m) {
            super(m);
        }
    }

    /** Parsed options. */
    record Options(String host, int port, String tenant, int vehicles, int wearables, int farms, long seed,
                   Duration duration, double speed, String start, Rate rate, FaultConfig faults, Path truth,
                   String contentType, String token, Path tokenFile, int maxInflight, double[] region, ZoneId zone,
                   double crashRate, Duration statsEvery, boolean dryRun, Path export, boolean help, boolean mqtt5,
                   boolean edgeEvents, io.telerisk.sim.scene.SceneRequest scenes) {
    }

    static Options parse(String[] args) {
        Map<String, String> v = new HashMap<>();
        boolean dry = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--dry-run" -> dry = true;
                default -> {
                    if (!a.startsWith("--")) throw new UsageException("unexpected argument '" + a + "'");
                    String name = a;
                    String value;
                    int eq = a.indexOf('=');
                    if (eq > 0) {
                        name = a.substring(0, eq);
                        value = a.substring(eq + 1);
                    } else {
                        if (i + 1 >= args.length) throw new UsageException(a + " needs a value");
                        value = args[++i];
                    }
                    if (!KNOWN.contains(name)) throw new UsageException("unknown option " + name);
                    v.put(name, value);
                }
            }
        }
        String broker = v.getOrDefault("--broker", "127.0.0.1:1883");
        if (broker.startsWith("tcp://")) broker = broker.substring(6);
        int colon = broker.lastIndexOf(':');
        if (colon <= 0) throw new UsageException("--broker '" + broker + "' must be HOST:PORT");
        int port = intOpt("--broker port", broker.substring(colon + 1), 1, 65535);
        double speed;
        String sp = v.getOrDefault("--speed", "60");
        if (sp.equalsIgnoreCase("max")) {
            speed = Double.POSITIVE_INFINITY;
        } else {
            try {
                speed = Double.parseDouble(sp);
            } catch (NumberFormatException e) {
                throw new UsageException("--speed '" + sp + "' is not a number or max");
            }
            if (!(speed > 0)) throw new UsageException("--speed must be > 0");
        }
        double[] region = {48.2082, 16.3738, 30};
        if (v.containsKey("--region")) {
            String[] p = v.get("--region").split(",");
            if (p.length != 3) throw new UsageException("--region must be LAT,LON,KM");
            try {
                for (int i = 0; i < 3; i++) region[i] = Double.parseDouble(p[i].strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--region '" + v.get("--region") + "' has a non-number");
            }
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(v.getOrDefault("--zone", "UTC"));
        } catch (RuntimeException e) {
            throw new UsageException("--zone '" + v.get("--zone") + "' is not a time zone");
        }
        String ct = v.getOrDefault("--content-type", "json").toLowerCase(Locale.ROOT);
        String mqtt = v.getOrDefault("--mqtt", "3.1.1");
        if (!mqtt.equals("3.1.1") && !mqtt.equals("5")) throw new UsageException("--mqtt must be 3.1.1 or 5");
        String edge = v.getOrDefault("--edge-events", "on");
        if (!edge.equals("on") && !edge.equals("off")) throw new UsageException("--edge-events must be on or off");
        if (!ct.equals("json") && !ct.equals("protobuf")) throw new UsageException("--content-type must be json or protobuf");
        try {
            return new Options(broker.substring(0, colon), port, v.getOrDefault("--tenant", "demo"),
                    intOpt("--vehicles", v.getOrDefault("--vehicles", "10"), 0, 99_999),
                    intOpt("--wearables", v.getOrDefault("--wearables", "5"), 0, 99_999),
                    intOpt("--farms", v.getOrDefault("--farms", "5"), 0, 99_999),
                    longOpt("--seed", v.getOrDefault("--seed", "42")),
                    FaultConfig.parseDuration(v.getOrDefault("--duration", "1h")), speed,
                    v.getOrDefault("--start", "auto"), Rate.parse(v.getOrDefault("--rate", "1000msg/s")),
                    FaultConfig.parse(v.get("--faults")), path(v.get("--truth")), ct, v.get("--token"),
                    path(v.get("--token-file")), intOpt("--max-inflight", v.getOrDefault("--max-inflight", "8"), 1, 1000),
                    region, zone, doubleOpt("--crash-rate", v.getOrDefault("--crash-rate", "1")),
                    FaultConfig.parseDuration(v.getOrDefault("--stats-every", "5s")), dry, path(v.get("--export")), help,
                    mqtt.equals("5"), edge.equals("on"), io.telerisk.sim.scene.SceneRequest.parse(v.get("--scenes"),
                            v.get("--scene-dates"), v.get("--scene-every"), v.get("--scene-clouds")));
        } catch (IllegalArgumentException e) {
            throw e instanceof UsageException u ? u : new UsageException(e.getMessage());
        }
    }

    private static final List<String> KNOWN = List.of("--broker", "--tenant", "--vehicles", "--wearables", "--farms",
            "--seed", "--duration", "--speed", "--start", "--rate", "--faults", "--truth", "--content-type", "--token",
            "--token-file", "--max-inflight", "--region", "--zone", "--crash-rate", "--stats-every", "--export", "--mqtt", "--edge-events",
            "--scenes", "--scene-dates", "--scene-every", "--scene-clouds");

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }

    private static int intOpt(String name, String s, int min, int max) {
        try {
            int n = Integer.parseInt(s.strip());
            if (n < min || n > max) throw new UsageException(name + " must be in " + min + ".." + max + ": " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " '" + s + "' is not an integer");
        }
    }

    private static long longOpt(String name, String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " '" + s + "' is not an integer");
        }
    }

    private static double doubleOpt(String name, String s) {
        try {
            double d = Double.parseDouble(s.strip());
            if (!(d >= 0) || Double.isInfinite(d)) throw new UsageException(name + " must be a number ≥ 0");
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " '" + s + "' is not a number");
        }
    }

    /** Resolves --start: an instant, "now", or "ends-now" (now − duration); "auto" picks by speed. */
    static Instant resolveStart(String start, Duration duration, double speed, Instant now) {
        String s = start.equals("auto") ? (speed == 1 ? "now" : "ends-now") : start;
        Instant t = switch (s) {
            case "now" -> now;
            case "ends-now" -> now.minus(duration);
            default -> {
                try {
                    yield Instant.parse(s);
                } catch (RuntimeException e) {
                    throw new UsageException("--start '" + start + "' is not an ISO-8601 instant, now or ends-now");
                }
            }
        };
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Reads a token file: "tenant/deviceId TOKEN" or "deviceId=TOKEN" per line. */
    static Map<String, String> readTokens(Path file, String tenant) {
        Map<String, String> m = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read --token-file " + file + ": " + e.getMessage());
        }
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] p = line.split("[\\s=,]+", 2);
            if (p.length != 2 || p[1].isBlank()) throw new UsageException(file + " line " + n + ": expected 'tenant/deviceId TOKEN'");
            String user = p[0].contains("/") ? p[0] : tenant + "/" + p[0];
            m.put(user, p[1].strip());
        }
        return m;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = parse(args);
        if (o.help()) {
            out.print(HELP);
            return 0;
        }
        if (o.contentType().equals("protobuf") && !o.mqtt5() && !o.dryRun()) {
            throw new UsageException("--content-type protobuf needs the MQTT 5 content-type property, and the Vert.x MQTT "
                    + "client speaks MQTT 3.1.1 only (without a content type the hub decodes JSON): add --mqtt 5");
        }
        if (o.export() != null && !o.dryRun()) throw new UsageException("--export only works with --dry-run");
        if (o.export() != null && !o.contentType().equals("json")) throw new UsageException("--export writes JSON lines: use --content-type json");
        Instant start = resolveStart(o.start(), o.duration(), o.speed(), Instant.now());
        Fleet fleet = Fleet.builder().seed(o.seed()).tenant(o.tenant()).vehicles(o.vehicles()).wearables(o.wearables())
                .farms(o.farms()).start(start).duration(o.duration()).region(o.region()[0], o.region()[1], o.region()[2])
                .zone(o.zone()).vehicleConfig(VehicleConfig.defaults().withCrashRateMultiplier(o.crashRate()).withEdgeEvents(o.edgeEvents())).build();
        if (o.scenes() != null) {
            try {
                return o.scenes().write(fleet, out, err);
            } catch (IOException e) {
                err.println("error: cannot write scenes to " + o.scenes().dir() + ": " + e.getMessage());
                return 1;
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        EnvelopeCodec codec = o.contentType().equals("protobuf") ? Codecs.protobuf() : Codecs.json();
        JsonLinesTruthWriter truthFile = o.truth() == null ? null : new JsonLinesTruthWriter(o.truth());
        TruthSink truth = truthFile == null ? TruthSink.NONE : truthFile;
        try {
            if (o.dryRun()) return dryRun(fleet, o, codec, truth, out);
            return publish(fleet, o, codec, truth, out, err);
        } finally {
            if (truthFile != null) truthFile.close();
        }
    }

    private static int dryRun(Fleet fleet, Options o, EnvelopeCodec codec, TruthSink truth, PrintStream out) {
        long messages = 0, valid = 0, points = 0, bytes = 0;
        try (OutputStream export = o.export() == null ? OutputStream.nullOutputStream()
                : new BufferedOutputStream(Files.newOutputStream(o.export()))) {
            for (DeviceStream s : fleet.streams(codec, o.faults(), truth)) {
                for (DeviceAction a = s.next(); a != null; a = s.next()) {
                    if (a instanceof DeviceAction.Publish p) {
                        messages++;
                        bytes += p.payload().length;
                        if (p.kind() == DeviceAction.Kind.VALID) {
                            valid++;
                            points += p.points();
                            export.write(p.payload());
                            export.write('\n');
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot write --export " + o.export() + ": " + e.getMessage());
        }
        out.printf("generated %d devices from %s to %s: %d messages (%d valid envelopes, %d points, %d bytes)%n",
                fleet.devices().size(), fleet.start(), fleet.end(), messages, valid, points, bytes);
        return 0;
    }

    private static int publish(Fleet fleet, Options o, EnvelopeCodec codec, TruthSink truth, PrintStream out, PrintStream err) {
        Map<String, String> tokens = o.tokenFile() == null ? Map.of() : readTokens(o.tokenFile(), o.tenant());
        Function<DeviceKey, String> creds = k -> {
            String t = tokens.get(k.tenant() + "/" + k.deviceId());
            return t != null ? t : o.token();
        };
        SimClock clock = Double.isInfinite(o.speed()) ? SimClock.asFastAsPossible(fleet.start())
                : SimClock.accelerated(fleet.start(), o.speed());
        Vertx vertx = Vertx.vertx();
        PublisherOptions popts = PublisherOptions.defaults().withCodec(codec).withTruth(truth)
                .withMaxInflightPerDevice(o.maxInflight()).withMqtt5(o.mqtt5());
        out.printf("publishing %d devices of tenant %s to %s:%d, simulated %s .. %s at speed %s, rate %s%n",
                fleet.devices().size(), fleet.tenant(), o.host(), o.port(), fleet.start(), fleet.end(),
                Double.isInfinite(o.speed()) ? "max" : o.speed(), o.rate());
        PublisherHandle h = FleetPublisher.start(vertx, fleet, o.host(), o.port(), creds, o.rate(), o.faults(), clock, popts);
        CountDownLatch done = new CountDownLatch(1);
        h.completion().onComplete(x -> done.countDown());
        Thread hook = new Thread(done::countDown, "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long startNanos = System.nanoTime();
        int code = 0;
        try {
            while (!done.await(o.statsEvery().toMillis(), TimeUnit.MILLISECONDS)) {
                PublisherStats st = h.stats();
                err.println(st);
                if (st.connected() == 0 && st.finished() == 0 && st.connectFailures() > 0
                        && System.nanoTime() - startNanos > TimeUnit.SECONDS.toNanos(30)) {
                    err.println("error: no device could connect to " + o.host() + ":" + o.port() + " within 30 s ("
                            + st.connectFailures() + " failed connects); check the broker address and the tokens");
                    code = 1;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            h.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            err.println("warning: stop did not finish cleanly: " + e);
        }
        PublisherStats st = h.stats();
        double secs = (System.nanoTime() - startNanos) / 1e9;
        out.printf("done in %.1f s: %s (%.0f msg/s, %.0f points/s)%n", secs, st, st.published() / secs, st.validPointsAcked() / secs);
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            err.println("warning: Vert.x did not close cleanly: " + e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already shutting down (Ctrl-C): nothing to remove
        }
        return code;
    }
}
