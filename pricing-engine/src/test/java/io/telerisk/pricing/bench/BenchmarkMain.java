package io.telerisk.pricing.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * Runs the pricing benchmarks (never part of the test suite). Arguments: optional regex of benchmarks (default all
 * pricing benchmarks) and optional JSON result file.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {}

    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 ? args[0] : "io\\.telerisk\\.pricing\\.bench\\..*Benchmark";
        OptionsBuilder b = new OptionsBuilder();
        b.include(include);
        if (args.length > 1) {
            b.resultFormat(ResultFormatType.JSON);
            b.result(args[1]);
        }
        Options o = b.build();
        new Runner(o).run();
    }
}
