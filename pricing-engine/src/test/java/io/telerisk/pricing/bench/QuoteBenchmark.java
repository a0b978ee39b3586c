package io.telerisk.pricing.bench;

import io.telerisk.pricing.rating.CompiledPlan;
import io.telerisk.pricing.rating.Quote;
import io.telerisk.pricing.rating.RatingInput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Quotes per second on one thread for the 20-factor plan: with the full explanation (what the API returns) and the
 * batch path without it (what impact analysis uses). Inputs cycle over 4096 distinct policies.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 7, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Threads(1)
public class QuoteBenchmark {
    CompiledPlan plan;
    RatingInput[] inputs;
    CompiledPlan.Outcome outcome;
    int i;

    @Setup
    public void setup() {
        plan = BenchData.plan20(1, 1.0);
        List<RatingInput> p = BenchData.portfolio(4096, 42);
        inputs = p.toArray(new RatingInput[0]);
        outcome = new CompiledPlan.Outcome();
    }

    @Benchmark
    public Quote quoteWithExplanation() {
        return plan.quote(inputs[i++ & 4095]);
    }

    @Benchmark
    public long quoteTotalOnly() {
        return plan.rateTotalMinor(inputs[i++ & 4095], outcome);
    }
}
