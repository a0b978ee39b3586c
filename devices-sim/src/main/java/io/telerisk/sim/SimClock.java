package io.telerisk.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Maps wall-clock time to simulated time. Data is generated for simulated time; a message is published once the
 * clock has passed the end of its window, so the clock sets the pace of simulated time, while the rate limiter
 * sets the pace of messages.
 */
public final class SimClock {
    private final Instant simStart;
    private final double speed;
    private final LongSupplier nanoTime;
    /** The real clock when simulated time may not pass it (replay, then live); null when it runs on at its speed. */
    private final Supplier<Instant> realClock;
    private volatile long wallStartNanos = Long.MIN_VALUE;
    private volatile Instant realAtStart;

    private SimClock(Instant simStart, double speed, LongSupplier nanoTime, Supplier<Instant> realClock) {
        this.simStart = Objects.requireNonNull(simStart, "simStart");
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0 (or use asFastAsPossible): " + speed);
        if (realClock != null && Double.isInfinite(speed)) throw new IllegalArgumentException("a live clock needs a finite speed");
        this.speed = speed;
        this.nanoTime = nanoTime;
        this.realClock = realClock;
    }

    /**
     * Simulated time starts at {@code simStart} when {@link #start()} is called and runs {@code speed} times
     * faster than the wall clock (1 = real time, 60 = one simulated minute per second).
     */
    public static SimClock accelerated(Instant simStart, double speed) {
        return new SimClock(simStart, speed, System::nanoTime, null);
    }

    /**
     * Replays from {@code simStart} at {@code speed} until simulated time catches up with the real clock, then runs
     * in real time (1x) with it: simulated time never passes the present, so devices replaying the past go on
     * publishing live data once they reach it (the demo's fleet). {@link #liveSince()} says when it caught up.
     */
    public static SimClock replayThenLive(Instant simStart, double speed) {
        return new SimClock(simStart, speed, System::nanoTime, Instant::now);
    }

    /** For tests: {@link #replayThenLive} on a supplied nanosecond counter and real clock. */
    public static SimClock replayThenLive(Instant simStart, double speed, LongSupplier nanoTime, Supplier<Instant> realClock) {
        return new SimClock(simStart, speed, nanoTime, Objects.requireNonNull(realClock, "realClock"));
    }

    /** Real time from {@code simStart}. */
    public static SimClock realTime(Instant simStart) {
        return accelerated(simStart, 1);
    }

    /** Simulated time is always "the end of time": only the rate limit and in-flight bound pace publishing. */
    public static SimClock asFastAsPossible(Instant simStart) {
        return new SimClock(simStart, Double.POSITIVE_INFINITY, System::nanoTime, null);
    }

    /** For tests: a clock driven by a supplied nanosecond counter. */
    public static SimClock withTicker(Instant simStart, double speed, LongSupplier nanoTime) {
        return new SimClock(simStart, speed, nanoTime, null);
    }

    /** Anchors simulated start to now; idempotent. */
    public synchronized SimClock start() {
        if (wallStartNanos == Long.MIN_VALUE) {
            if (realClock != null) realAtStart = realClock.get();
            wallStartNanos = nanoTime.getAsLong();
        }
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
        long elapsed = nanoTime.getAsLong() - w;
        Instant replayed = simStart.plusNanos((long) Math.min(elapsed * speed, 1e18));
        if (realAtStart == null) return replayed;
        Instant real = realAtStart.plusNanos(elapsed);
        return replayed.isBefore(real) ? replayed : real;
    }

    /**
     * The simulated (and real) time at which a {@link #replayThenLive} clock caught up with the present, or null while
     * it is still replaying, before {@link #start()}, and for other clocks.
     */
    public Instant liveSince() {
        Instant real = realAtStart;
        if (real == null || wallStartNanos == Long.MIN_VALUE) return null;
        Instant caughtUp = catchUp(real);
        return now().isBefore(caughtUp) ? null : caughtUp;
    }

    private Instant catchUp(Instant real) {
        long behindNanos = Duration.between(simStart, real).toNanos();
        if (behindNanos <= 0 || speed <= 1) return behindNanos <= 0 ? simStart : Instant.MAX;
        // simStart + speed × t = real + t
        long t = (long) (behindNanos / (speed - 1));
        return real.plusNanos(t);
    }

    /** Wall time until simulated time reaches {@code simTime} (zero if already passed or as fast as possible). */
    public Duration wallUntil(Instant simTime) {
        if (isAsFastAsPossible()) return Duration.ZERO;
        Instant now = now();
        if (!simTime.isAfter(now)) return Duration.ZERO;
        Instant real = realAtStart;
        if (real != null) {
            // past the catch-up simulated time runs at 1x
            Instant caughtUp = catchUp(real);
            if (!now.isBefore(caughtUp)) return Duration.between(now, simTime);
            if (simTime.isAfter(caughtUp)) {
                return Duration.ofNanos((long) (Duration.between(now, caughtUp).toNanos() / speed)).plus(Duration.between(caughtUp, simTime));
            }
        }
        return Duration.ofNanos((long) (Duration.between(now, simTime).toNanos() / speed));
    }
}
