package io.telerisk.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Maps wall-clock time to simulated time. Data is generated for simulated time; a message is published once the
 * clock has passed the end of its window, so the clock sets the pace of simulated time, while the rate limiter
 * sets the pace of messages.
 */
public final class SimClock {
    private final Instant simStart;
    private final double speed;
    private final LongSupplier nanoTime;
    private volatile long wallStartNanos = Long.MIN_VALUE;

    private SimClock(Instant simStart, double speed, LongSupplier nanoTime) {
        this.simStart = Objects.requireNonNull(simStart, "simStart");
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0 (or use asFastAsPossible): " + speed);
        this.speed = speed;
        this.nanoTime = nanoTime;
    }

    /**
     * Simulated time starts at {@code simStart} when {@link #start()} is called and runs {@code speed} times
     * faster than the wall clock (1 = real time, 60 = one simulated minute per second).
     */
    public static SimClock accelerated(Instant simStart, double speed) {
        return new SimClock(simStart, speed, System::nanoTime);
    }

    /** Real time from {@code simStart}. */
    public static SimClock realTime(Instant simStart) {
        return accelerated(simStart, 1);
    }

    /** Simulated time is always "the end of time": only the rate limit and in-flight bound pace publishing. */
    public static SimClock asFastAsPossible(Instant simStart) {
        return new SimClock(simStart, Double.POSITIVE_INFINITY, System::nanoTime);
    }

    /** For tests: a clock driven by a supplied nanosecond counter. */
    public static SimClock withTicker(Instant simStart, double speed, LongSupplier nanoTime) {
        return new SimClock(simStart, speed, nanoTime);
    }

    /** Anchors simulated start to now; idempotent. */
    public synchronized SimClock start() {
        if (wallStartNanos == Long.MIN_VALUE) wallStartNanos = nanoTime.getAsLong();
        return this;
    }

    public boolean isAsFastAsPossible() {
        return Double.isInfinite(speed);
    }

    public double speed() {
        return speed;
    }

    public Instant simStart() {
        return simStart;
    }

    /** Current simulated time; {@link Instant#MAX} when running as fast as possible; simStart before start(). */
    public Instant now() {
        if (isAsFastAsPossible()) return Instant.MAX;
        long w = wallStartNanos;
        if (w == Long.MIN_VALUE) return simStart;
        double simNanos = (nanoTime.getAsLong() - w) * speed;
        return simStart.plusNanos((long) Math.min(simNanos, 1e18));
    }

    /** Wall time until simulated time reaches {@code simTime} (zero if already passed or as fast as possible). */
    public Duration wallUntil(Instant simTime) {
        if (isAsFastAsPossible()) return Duration.ZERO;
        Instant now = now();
        if (!simTime.isAfter(now)) return Duration.ZERO;
        return Duration.ofNanos((long) (Duration.between(now, simTime).toNanos() / speed));
    }
}
