package io.telerisk.model.bench;

import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.model.testdata.RandomEnvelopes;
import io.telerisk.model.validation.EnvelopeValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Encode and decode rates and sizes of both envelope encodings on (a) a 1-sample vehicle message and (b) a
 * 100-sample 100 Hz accelerometer batch; also decode + validate, the hub's per-message path. Single-threaded.
 * Not a test (surefire only runs *Test classes). Run with {@link #main}; see docs/benchmarks-codec.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 7, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class CodecBenchmark {
    @Param({"vehicle1", "accel100"})
    public String message;
    @Param({"json", "protobuf"})
    public String encoding;

    private Envelope envelope;
    private EnvelopeCodec codec;
    private byte[] payload;
    private final EnvelopeValidator validator = new EnvelopeValidator();
    private Instant now;

    @Setup
    public void setUp() {
        envelope = envelope(message);
        codec = codec(encoding);
        payload = codec.encode(envelope);
        now = envelope.sentAt().plusSeconds(1);
        if (!(codec.decode(payload) instanceof Decoded.Ok)) throw new IllegalStateException("benchmark payload does not decode");
        if (!(validator.validate(envelope, now) instanceof Decoded.Ok)) throw new IllegalStateException("benchmark payload invalid");
    }

    static Envelope envelope(String message) {
        return message.equals("vehicle1") ? RandomEnvelopes.vehicleSingle(42) : RandomEnvelopes.accelerometerBatch(42);
    }

    static EnvelopeCodec codec(String encoding) {
        return encoding.equals("json") ? Codecs.json() : Codecs.protobuf();
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(envelope);
    }

    @Benchmark
    public Decoded decode() {
        return codec.decode(payload);
    }

    @Benchmark
    public Decoded decodeAndValidate() {
        return validator.validate(codec.decode(payload), now, null);
    }

    /**
     * Runs the benchmarks and prints a Markdown summary: medians of the measurement iterations, and ratios; then the
     * median CPU time per operation of the benchmark thread, which the other processes on a shared machine do not
     * distort as much as wall-clock throughput. {@code --cpu-only} skips JMH.
     */
    public static void main(String[] args) throws RunnerException {
        if (!List.of(args).contains("--cpu-only")) jmh();
        cpuTimes();
    }

    private static void jmh() throws RunnerException {
        Options opt = new OptionsBuilder().include(CodecBenchmark.class.getName() + "\\.").build();
        Collection<RunResult> results = new Runner(opt).run();
        Map<String, Double> median = new HashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String name = bench.substring(bench.lastIndexOf('.') + 1);
            median.put(name + "/" + r.getParams().getParam("message") + "/" + r.getParams().getParam("encoding"),
                    r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        System.out.println();
        System.out.println("| message | encoding | bytes | bytes/sample | encode msg/s | decode msg/s | decode+validate msg/s | decode samples/s |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (String m : new String[]{"vehicle1", "accel100"}) {
            Envelope e = envelope(m);
            for (String enc : new String[]{"json", "protobuf"}) {
                int bytes = codec(enc).encode(e).length;
                double dec = median.getOrDefault("decode/" + m + "/" + enc, Double.NaN);
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %,.0f | %,.0f | %,.0f | %,.0f |%n", m, enc, bytes,
                        bytes / (double) e.samples().size(), median.getOrDefault("encode/" + m + "/" + enc, Double.NaN), dec,
                        median.getOrDefault("decodeAndValidate/" + m + "/" + enc, Double.NaN), dec * e.samples().size());
            }
        }
        System.out.println();
        System.out.println("| message | size protobuf/JSON | encode rate protobuf/JSON | decode rate protobuf/JSON | decode+validate protobuf/JSON |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String m : new String[]{"vehicle1", "accel100"}) {
            Envelope e = envelope(m);
            double size = codec("protobuf").encode(e).length / (double) codec("json").encode(e).length;
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.2f | %.2f | %.2f |%n", m, size,
                    ratio(median, "encode", m), ratio(median, "decode", m), ratio(median, "decodeAndValidate", m));
        }
    }

    /** Median thread CPU time per operation over 9 rounds, after a long warm-up in this JVM. */
    private static void cpuTimes() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        EnvelopeValidator validator = new EnvelopeValidator();
        System.out.println();
        System.out.println("| message | encoding | encode µs CPU | decode µs CPU | decode+validate µs CPU | decode ns CPU/sample | decode+validate msgs/s per core |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (String m : new String[]{"vehicle1", "accel100"}) {
            Envelope e = envelope(m);
            Instant now = e.sentAt().plusSeconds(1);
            int n = m.equals("vehicle1") ? 200_000 : 4_000;
            for (String enc : new String[]{"json", "protobuf"}) {
                EnvelopeCodec c = codec(enc);
                byte[] p = c.encode(e);
                Runnable[] ops = {() -> c.encode(e), () -> c.decode(p), () -> validator.validate(c.decode(p), now, null)};
                double[] med = new double[ops.length];
                for (int o = 0; o < ops.length; o++) {
                    for (int w = 0; w < 5 * n; w++) ops[o].run();
                    double[] rounds = new double[9];
                    for (int r = 0; r < rounds.length; r++) {
                        long t0 = mx.getCurrentThreadCpuTime();
                        for (int i = 0; i < n; i++) ops[o].run();
                        rounds[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n;
                    }
                    Arrays.sort(rounds);
                    med[o] = rounds[rounds.length / 2];
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.0f | %,.0f |%n", m, enc, med[0], med[1], med[2],
                        med[1] * 1000 / e.samples().size(), 1e6 / med[2]);
            }
        }
    }

    private static double ratio(Map<String, Double> median, String bench, String message) {
        return median.getOrDefault(bench + "/" + message + "/protobuf", Double.NaN)
                / median.getOrDefault(bench + "/" + message + "/json", Double.NaN);
    }
}
