package io.telerisk.hub.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How late each event loop runs a task scheduled on it: {@code telerisk_event_loop_lag_seconds{loop="N"}} (count,
 * sum, max). A loop busy with blocking work or a flood of messages runs the probe late, so the max is the alerting
 * signal for a blocked event loop (Vert.x itself only logs a warning after 2 s).
 */
public final class EventLoopLag implements AutoCloseable {
    private static final long PERIOD_MS = 500;
    private final List<ScheduledFuture<?>> probes = new ArrayList<>();

    /** Starts one probe per event loop of {@code group}, recording into {@code registry}. */
    public EventLoopLag(EventLoopGroup group, MeterRegistry registry) {
        int i = 0;
        for (EventExecutor loop : group) {
            Timer lag = Timer.builder("telerisk_event_loop_lag")
                    .description("delay between when a probe task was due on an event loop and when it ran")
                    .tag("loop", Integer.toString(i++)).register(registry);
            long[] due = {System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS)};
            probes.add(loop.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                lag.record(Math.max(0, now - due[0]), TimeUnit.NANOSECONDS);
                due[0] += TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
                // after a stall Netty runs the missed probes back to back: count the stall once, not once per missed run
                if (due[0] < now) due[0] = now + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
            }, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public void close() {
        probes.forEach(p -> p.cancel(false));
    }
}
