package io.telerisk.launcher.bench;

import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/platform bench <name> [options]}: benchmarks against private servers (never the user's). Today:
 * {@code ingest} (see {@code docs/benchmarks-ingest.md}) and {@code claims} (see {@code docs/benchmarks-claims.md}).
 */
public final class BenchCommand {
    private static final String USAGE = """
            usage: bin/platform bench <benchmark> [options]

            benchmarks:
              ingest   sustained MQTT -> hub -> InfluxDB points/s and latency against the raw broker rate,
                       and the hub's heap with 10,000 connected devices (bin/platform bench ingest --help)
              claims   device crash -> claim created p50/p99 over MQTT with 10,000 msg/s of background telemetry
                       (bin/platform bench claims --help)
            """;

    private BenchCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a benchmark and returns the process exit code (0 done, 2 usage error, 1 failure). */
    static int run(String[] args) {
        if (args.length == 0 || List.of("--help", "-h", "help").contains(args[0])) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        String name = args[0];
        String help = switch (name) {
            case "ingest" -> IngestBench.HELP;
            case "claims" -> ClaimsBench.HELP;
            default -> null;
        };
        if (help == null) {
            System.err.println("bin/platform bench: unknown benchmark '" + name + "'\n" + USAGE);
            return 2;
        }
        if (rest.length > 0 && List.of("--help", "-h").contains(rest[0])) {
            System.out.print(help);
            return 0;
        }
        Bench bench;
        try {
            bench = "ingest".equals(name) ? new IngestBench(IngestBench.Options.parse(rest))::run : new ClaimsBench(ClaimsBench.Options.parse(rest))::run;
        } catch (IllegalArgumentException e) {
            System.err.println("bin/platform bench " + name + ": " + e.getMessage() + "\n\n" + help);
            return 2;
        }
        try {
            bench.run();
            return 0;
        } catch (Exception e) {
            System.err.println("bin/platform bench " + name + " failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** One benchmark run, options already parsed. */
    private interface Bench {
        void run() throws Exception;
    }
}
