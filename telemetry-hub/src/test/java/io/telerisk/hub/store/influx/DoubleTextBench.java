package io.telerisk.hub.store.influx;

import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.io.NumberOutput;
import io.telerisk.hub.store.Traces;
import io.telerisk.model.Envelope;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Locale;

/**
 * CPU time per double of the two number conversions on the InfluxDB path, before and after session 8
 * (docs/benchmarks-ingest.md), alternated in one JVM: writing (JDK 17 {@code Double.toString} against Jackson's
 * Schubfach writer, which {@link LineProtocol} now uses) and reading query answers (JDK 17
 * {@code Double.parseDouble} against Jackson's fast parser, which {@link InfluxHttp} now enables); and, for scale,
 * CPU per line of {@link LineProtocol#appendSample} on the ingest bench's vehicle samples. Thread CPU time, so a
 * busy machine inflates the figures less than wall time; the ratios are the result.
 *
 * <pre>java -cp &lt;telemetry-hub test classpath&gt; io.telerisk.hub.store.influx.DoubleTextBench [rounds=7]</pre>
 */
public final class DoubleTextBench {
    private static final int N = 1_000_000;
    private static long sink;

    private DoubleTextBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        double[] values = new double[N];
        String[] texts = new String[N];
        for (int n = 0; n < N; n++) {
            values[n] = 48.2 + (n % 1000) * 1e-5 + (n % 3 == 0 ? 0 : (n % 97) * 1e-9); // the bench's latitudes, and noisier ones
            texts[n] = Double.toString(values[n]);
        }
        Instant t = Instant.parse("2026-12-05T00:00:00Z");
        Sample[] samples = new Sample[1000];
        for (int n = 0; n < samples.length; n++) {
            samples[n] = new VehicleSample(t.plusMillis(n), GnssFix.of(48.2 + n * 1e-5, 16.37), 12.5 + (n % 7), 90.0, null, null, true);
        }
        Envelope e = Traces.vehicle("bench-batched", "bench-1", 1, samples);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        StringBuilder sb = new StringBuilder(256 * 1000);
        for (int round = 0; round < rounds; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (double v : values) {
                sb.setLength(0);
                sb.append(v);
                sink += sb.length();
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (double v : values) {
                sb.setLength(0);
                sb.append(NumberOutput.toString(v, true));
                sink += sb.length();
            }
            long t2 = mx.getCurrentThreadCpuTime();
            double jdk = 0, fast = 0;
            for (String s : texts) jdk += Double.parseDouble(s);
            long t3 = mx.getCurrentThreadCpuTime();
            for (String s : texts) fast += NumberInput.parseDouble(s, true);
            long t4 = mx.getCurrentThreadCpuTime();
            if (jdk != fast) throw new AssertionError("the parsers disagree");
            for (int k = 0; k < N / samples.length; k++) {
                sb.setLength(0);
                for (Sample s : samples) LineProtocol.appendSample(sb, e, s);
                sink += sb.length();
            }
            long t5 = mx.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "round %d: format JDK %.1f ns, Schubfach %.1f ns (%.2fx); parse JDK %.1f ns, fast %.1f ns (%.2fx);"
                            + " LineProtocol.appendSample %.0f ns per line%n", round,
                    (t1 - t0) / (double) N, (t2 - t1) / (double) N, (t2 - t1) / (double) (t1 - t0),
                    (t3 - t2) / (double) N, (t4 - t3) / (double) N, (t4 - t3) / (double) (t3 - t2), (t5 - t4) / (double) N);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
