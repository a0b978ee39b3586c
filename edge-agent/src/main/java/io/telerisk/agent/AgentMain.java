package io.telerisk.agent;

import io.telerisk.agent.mqtt.DeviceCredentials;
import io.telerisk.agent.mqtt.TlsSocketFactories;
import io.telerisk.agent.nmea.NmeaFix;
import io.telerisk.agent.nmea.NmeaReader;
import io.telerisk.agent.nmea.NmeaRejectReason;
import io.telerisk.agent.queue.QueueStats;
import io.telerisk.model.DeviceType;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.codec.Codecs;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the edge agent.
 * <ul>
 *   <li>{@code --nmea FILE --print}: decode an NMEA capture or a serial device without connecting; one JSON line
 *       per fix on stdout, rejected sentences with line number and reason on stderr.</li>
 *   <li>Agent mode: {@code --broker URI --tenant T --device D [--token ...] --queue-dir DIR} with input from
 *       {@code --nmea FILE} or {@code --simulate SECONDS}.</li>
 * </ul>
 * Exit codes: 0 done, 1 runtime failure (file missing, TLS files unreadable or not what they should be), 2 bad
 * command line, 3 messages left undelivered at exit (kept in the queue; the last connection error is printed).
 */
public final class AgentMain {
    static final String USAGE = """
            usage: agent --nmea FILE --print
                   agent --broker URI --tenant T --device D --queue-dir DIR [options] (--nmea FILE | --simulate SECONDS)

            Check a GPS receiver (no network):
              --nmea FILE            NMEA 0183 capture or serial device (e.g. /dev/ttyUSB0; set the baud rate first:
                                     stty -F /dev/ttyUSB0 9600 raw), '-' for stdin
              --print                print one JSON line per fix to stdout, rejected sentences to stderr
              --date YYYY-MM-DD      date for GGA-only receivers before the first RMC or ZDA (default: none, such fixes are dropped)
              --gps-week-floor YYYY-MM-DD  RMC/ZDA dates before this are GPS week-rollover dates and move forward by
                                     1024 weeks, as often as stays out of the future (default 2026-01-01; 1980-01-06: off)

            Run the agent:
              --broker URI           tcp://host:1883 or ssl://host:8883
              --tenant T --device D  device identity (topic v1/T/TYPE/D/...)
              --type TYPE            vehicle (default), wearable or farm-sensor
              --token TOKEN          per-device token; username is T/D    (or --token-file FILE)
              --cafile FILE          CA certificate(s), PEM, or a PKCS#12/JKS truststore (--truststore-password)
              --keystore FILE        PKCS#12 client certificate for X.509 device auth (--keystore-password)
              --queue-dir DIR        durable queue directory (survives crashes and reboots)
              --max-queue-mb N       disk bound of the queue, at least 1 (default 256); when full the oldest raw
                                     telemetry goes first, 1/16 of the bound at a time, logged and counted
              --content-type json|protobuf   wire format (default json)
              --replay-rate N        backlog replay after an outage, messages/s (default 20)
              --reconnect-max SECONDS  longest wait between reconnect attempts (default 60): after an outage of any
                                     length the agent is back within this long of the broker's return; raise it for
                                     fleets so large that their reconnects would overload the broker
              --batch N              fixes per telemetry envelope (default 10)
              --simulate SECONDS     drive a synthetic 1 Hz circuit instead of reading NMEA
              --linger SECONDS       after the input ends, wait this long for the queue to drain (default 30)
              --help                 this text
            """;

    private static final Set<String> FLAGS = Set.of("--print", "--help");
    private static final Set<String> OPTIONS = Set.of("--nmea", "--date", "--gps-week-floor", "--broker", "--tenant", "--device", "--type",
            "--token", "--token-file", "--cafile", "--truststore-password", "--keystore", "--keystore-password",
            "--queue-dir", "--max-queue-mb", "--content-type", "--replay-rate", "--reconnect-max", "--batch", "--simulate", "--linger");

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (FLAGS.contains(a)) {
                o.put(a, "true");
            } else if (OPTIONS.contains(a)) {
                if (i + 1 >= args.length) return usage(err, "option " + a + " needs a value");
                o.put(a, args[++i]);
            } else {
                return usage(err, "unknown argument '" + a + "'");
            }
        }
        if (o.containsKey("--help") || args.length == 0) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            if (o.containsKey("--print")) {
                if (!o.containsKey("--nmea")) return usage(err, "--print needs --nmea FILE");
                return printNmea(o, out, err);
            }
            return runAgent(o, out, err);
        } catch (io.telerisk.agent.mqtt.TlsSocketFactories.TlsSetupException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.println("run with --help for usage");
        return 2;
    }

    private static InputStream open(String path) throws IOException {
        return "-".equals(path) ? System.in : Files.newInputStream(Path.of(path));
    }

    private static io.telerisk.agent.nmea.GpsWeekRollover rollover(Map<String, String> o) {
        String d = o.get("--gps-week-floor");
        if (d == null) return io.telerisk.agent.nmea.GpsWeekRollover.standard();
        try {
            return new io.telerisk.agent.nmea.GpsWeekRollover(LocalDate.parse(d), java.time.Clock.systemUTC());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--gps-week-floor '" + d + "' is not YYYY-MM-DD");
        }
    }

    private static LocalDate date(Map<String, String> o) {
        String d = o.get("--date");
        try {
            return d == null ? null : LocalDate.parse(d);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--date '" + d + "' is not YYYY-MM-DD");
        }
    }

    private static int printNmea(Map<String, String> o, PrintStream out, PrintStream err) throws IOException {
        NmeaReader reader = new NmeaReader(date(o), rollover(o), new NmeaReader.Listener() {
            @Override
            public void onFix(NmeaFix fix) {
                out.println(fix.toJson());
            }

            @Override
            public void onRejected(long lineNumber, NmeaRejectReason reason, String detail, String line) {
                err.println("line " + lineNumber + ": " + reason + ": " + detail + ": " + line);
            }
        });
        try (InputStream in = open(o.get("--nmea"))) {
            reader.readAll(in);
        }
        out.flush();
        err.println("summary: lines=" + reader.lines() + " fixes=" + reader.fixes() + " rejected=" + reader.rejectedByReason());
        return 0;
    }

    private static int runAgent(Map<String, String> o, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        for (String required : List.of("--broker", "--tenant", "--device", "--queue-dir")) {
            if (!o.containsKey(required)) throw new IllegalArgumentException("agent mode needs " + required + " (or use --nmea FILE --print)");
        }
        if (o.containsKey("--nmea") == o.containsKey("--simulate")) throw new IllegalArgumentException("give exactly one input: --nmea FILE or --simulate SECONDS");
        DeviceType type = DeviceType.fromWire(o.getOrDefault("--type", "vehicle"));
        if (o.containsKey("--nmea") && type != DeviceType.VEHICLE) throw new IllegalArgumentException("NMEA input is for vehicles");
        if (o.containsKey("--simulate") && type != DeviceType.VEHICLE) throw new IllegalArgumentException("--simulate drives a vehicle");
        String tenant = o.get("--tenant"), device = o.get("--device");
        AgentConfig.Builder b = AgentConfig.builder(tenant, device, type).broker(o.get("--broker"));
        String token = o.get("--token");
        if (o.containsKey("--token-file")) token = Files.readString(Path.of(o.get("--token-file")), StandardCharsets.UTF_8).strip();
        if (token != null) b.credentials(DeviceCredentials.token(tenant, device, token));
        Path keystore = o.containsKey("--keystore") ? Path.of(o.get("--keystore")) : null;
        char[] ksPass = o.containsKey("--keystore-password") ? o.get("--keystore-password").toCharArray() : null;
        if (keystore != null && token == null) b.credentials(new DeviceCredentials.ClientCertificate(keystore, ksPass));
        if (o.containsKey("--cafile") || keystore != null) {
            Path ca = o.containsKey("--cafile") ? Path.of(o.get("--cafile")) : null;
            char[] tsPass = o.containsKey("--truststore-password") ? o.get("--truststore-password").toCharArray() : null;
            b.tls(TlsSocketFactories.create(ca, tsPass, keystore, ksPass));
        }
        String ct = o.getOrDefault("--content-type", "json");
        switch (ct) {
            case "json" -> b.codec(Codecs.json());
            case "protobuf" -> b.codec(Codecs.protobuf());
            default -> throw new IllegalArgumentException("--content-type must be json or protobuf, not '" + ct + "'");
        }
        Path queueDir = Path.of(o.get("--queue-dir"));
        long maxMb = positive(o, "--max-queue-mb", 256);
        // segments of at most a quarter of the bound, so a small bound (down to 1 MB) still holds several of them
        b.queue(io.telerisk.agent.queue.QueueConfig.defaults(queueDir).withSegmentBytes(Math.min(4L << 20, (maxMb << 20) / 4))
                .withMaxBytes(maxMb << 20, (maxMb << 20) * 5 / 4));
        b.replayRate(positive(o, "--replay-rate", 20), 20);
        b.backoff(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(positive(o, "--reconnect-max", 60)));
        int batch = (int) positive(o, "--batch", 10);
        long linger = positive(o, "--linger", 30);

        try (Agent agent = Agent.start(b.build())) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(agent))); // Ctrl-C: say offline, keep the queue
            agent.onCommand(c -> {
                // the command-line agent has no handlers: it says so, so the hub does not wait for an effect
                out.println("command " + c.id() + " " + c.name() + " " + c.args() + ": not supported here");
                agent.acknowledgeCommand(c, "not_supported");
            });
            agent.onDetectedEvent(e -> out.println("event " + e.type() + " at " + e.time() + " " + e.measures()));
            List<Sample> pending = new ArrayList<>();
            if (o.containsKey("--nmea")) {
                NmeaReader reader = new NmeaReader(date(o), rollover(o), new NmeaReader.Listener() {
                    @Override
                    public void onFix(NmeaFix fix) {
                        pending.add(fix.toVehicleSample());
                        if (pending.size() >= batch) {
                            agent.submitSamples(pending);
                            pending.clear();
                        }
                    }

                    @Override
                    public void onRejected(long lineNumber, NmeaRejectReason reason, String detail, String line) {
                        err.println("line " + lineNumber + ": " + reason + ": " + detail);
                    }
                });
                try (InputStream in = open(o.get("--nmea"))) {
                    reader.readAll(in);
                }
            } else {
                simulate(agent, positive(o, "--simulate", 60), batch, pending);
            }
            if (!pending.isEmpty()) agent.submitSamples(pending);
            long end = System.nanoTime() + Duration.ofSeconds(linger).toNanos();
            while (agent.queueStats().pendingMessages() > 0 && System.nanoTime() < end) Thread.sleep(100);
            QueueStats q = agent.queueStats();
            out.println("done: next sequence " + q.nextSequence() + ", pending " + q.pendingMessages() + ", acked " + q.acked()
                    + ", dropped raw " + q.droppedRawMessages() + "; link " + agent.linkStats());
            if (q.pendingMessages() > 0) {
                // kept on disk for the next run, but this run did not deliver them: say so and why
                err.println("error: " + q.pendingMessages() + " messages not delivered (kept in the queue); last error: "
                        + agent.linkStats().lastError());
                return 3;
            }
        }
        return 0;
    }

    /** A 1 Hz drive around a 500 m circle at 14 m/s, in real time. */
    private static void simulate(Agent agent, long seconds, int batch, List<Sample> pending) throws InterruptedException {
        double r = 500, v = 14, lat0 = 48.137, lon0 = 11.575;
        for (long i = 0; i < seconds; i++) {
            double ang = v * i / r;
            double lat = lat0 + (r * Math.sin(ang)) / 111_320.0;
            double lon = lon0 + (r * (1 - Math.cos(ang))) / (111_320.0 * Math.cos(Math.toRadians(lat0)));
            double heading = (Math.toDegrees(ang) % 360 + 360) % 360;
            pending.add(new VehicleSample(Instant.now().atOffset(ZoneOffset.UTC).toInstant(), GnssFix.of(lat, lon), v, heading, null, null, true));
            if (pending.size() >= batch) {
                agent.submitSamples(pending);
                pending.clear();
            }
            Thread.sleep(1000);
        }
    }

    private static void closeQuietly(Agent agent) {
        try {
            agent.close();
        } catch (IOException ignored) {
            // exiting anyway
        }
    }

    private static long positive(Map<String, String> o, String key, long dflt) {
        String v = o.get(key);
        if (v == null) return dflt;
        try {
            long n = Long.parseLong(v);
            if (n <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a positive integer, not '" + v + "'");
        }
    }
}
