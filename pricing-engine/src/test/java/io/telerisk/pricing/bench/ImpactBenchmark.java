package io.telerisk.pricing.bench;

import io.telerisk.pricing.impact.ImpactAnalysis;
import io.telerisk.pricing.impact.ImpactReport;
import io.telerisk.pricing.impact.PolicySource;
import io.telerisk.pricing.rating.CompiledPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Impact analysis of a 20-factor draft against the active plan over one million policies on 2 threads. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class ImpactBenchmark {
    CompiledPlan active, draft;
    PolicySource portfolio;

    @Setup
    public void setup() {
        active = BenchData.plan20(1, 1.0);
        draft = BenchData.plan20(2, 1.04);
        portfolio = PolicySource.of(BenchData.portfolio(1_000_000, 7));
    }

    @Benchmark
    public ImpactReport impactOneMillionPolicies() {
        return ImpactAnalysis.run(draft, active, portfolio, 2);
    }
}
