package io.telerisk.launcher.bench;

import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/platform bench <name> [options]}: benchmarks against private servers (never the user's). Today:
 * {@code ingest} (see {@code docs/benchmarks-ingest.md}).
 */
public final class BenchCommand {
    private static final String USAGE = """
            usage: bin/platform bench <benchmark> [options]

            benchmarks:
              ingest   sustained MQTT -> hub -> InfluxDB points/s and latency against the raw broker rate,
                       and the hub's heap with 10,000 connected devices (bin/platform bench ingest --help)
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
        if (!"ingest".equals(args[0])) {
            System.err.println("bin/platform bench: unknown benchmark '" + args[0] + "'\n" + USAGE);
            return 2;
        }
        if (rest.length > 0 && List.of("--help", "-h").contains(rest[0])) {
            System.out.print(IngestBench.HELP);
            return 0;
        }
        IngestBench.Options options;
        try {
            options = IngestBench.Options.parse(rest);
        } catch (IllegalArgumentException e) {
            System.err.println("bin/platform bench ingest: " + e.getMessage() + "\n\n" + IngestBench.HELP);
            return 2;
        }
        try {
            new IngestBench(options).run();
            return 0;
        } catch (Exception e) {
            System.err.println("bin/platform bench ingest failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }
}
