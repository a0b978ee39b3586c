package io.telerisk.launcher.spool;

import io.telerisk.hub.SpoolRecovery;
import io.telerisk.hub.config.ConfigException;
import io.telerisk.hub.config.ConfigSource;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.config.HubConfigLoader;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * {@code bin/platform spool replay --dir DATA_DIR [--config FILE] [--timeout 10m]}: stores what a hub that will not
 * return left in its disk spool, exactly once, with the configuration of the hubs of its group (their system of
 * record and telemetry store; {@link SpoolRecovery}). Exit codes: 0 drained, 1 not drained (store unavailable until
 * the timeout, or the spool is locked by a running hub), 2 bad arguments or configuration.
 */
public final class SpoolCommand {
    private SpoolCommand() {
    }

    /** Parsed command line. */
    record Args(Path dir, Path config, Duration timeout) {
    }

    static Args parse(String[] argv) {
        if (argv.length == 0 || !argv[0].equals("replay")) throw new IllegalArgumentException("expected 'replay' (see --help)");
        Path dir = null;
        Path config = null;
        Duration timeout = Duration.ofMinutes(10);
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            switch (a) {
                case "--dir" -> dir = Path.of(value(argv, ++i, a));
                case "--config" -> config = Path.of(value(argv, ++i, a));
                case "--timeout" -> timeout = duration(value(argv, ++i, a));
                default -> throw new IllegalArgumentException("unknown argument '" + a + "' (see --help)");
            }
        }
        if (dir == null) throw new IllegalArgumentException("--dir DATA_DIR is required: the data directory of the hub whose spool to replay");
        if (!Files.isDirectory(dir.resolve("spool"))) throw new IllegalArgumentException("no spool in " + dir + " (expected " + dir.resolve("spool") + ")");
        if (config != null && !Files.isReadable(config)) throw new IllegalArgumentException("configuration file " + config + " is not readable");
        return new Args(dir, config, timeout);
    }

    private static Duration duration(String s) {
        try {
            String t = s.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            if (t.endsWith("s")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            if (t.endsWith("h")) return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            return Duration.parse(s);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("--timeout expects e.g. 30s, 10m or 1h, not '" + s + "'");
        }
    }

    private static String value(String[] argv, int i, String flag) {
        if (i >= argv.length) throw new IllegalArgumentException(flag + " needs a value");
        return argv[i];
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: bin/platform spool replay --dir DATA_DIR [--config FILE] [--timeout 10m]

                Stores what a hub that will not return left in its disk spool (DATA_DIR/spool), exactly once: the
                spool's head moves durably as chunks are stored, and a spool still open by a running hub is refused.
                --config is the configuration of the hubs of the same group (their system of record and telemetry
                store; TELERISK_* variables apply as for the hub). No MQTT source is started. Summary marks, crash
                candidates and loan requests of the replayed envelopes go to the system of record as on any hub.
                Exit 0 when drained; 1 when the store stayed unavailable until the timeout (run it again later).""");
    }

    public static void main(String[] argv) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")
                || java.util.Arrays.asList(argv).contains("--help")) {
            usage(System.out);
            return;
        }
        Args args;
        HubConfig config;
        try {
            args = parse(argv);
            config = HubConfigLoader.load(ConfigSource.fromProcess(args.config()));
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("bin/platform spool: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            SpoolRecovery.Result r = SpoolRecovery.replay(config, args.dir(), args.timeout());
            System.out.println("spool of " + args.dir() + ": " + r.envelopes() + " envelopes stored"
                    + (r.drained() ? ", spool empty" : ", NOT drained (store unavailable?) - run again"));
            System.exit(r.drained() ? 0 : 1);
        } catch (Exception e) {
            System.err.println("bin/platform spool: replay failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
