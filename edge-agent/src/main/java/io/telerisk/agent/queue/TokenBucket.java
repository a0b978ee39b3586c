package io.telerisk.agent.queue;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens per second, at most {@code burst} saved up. Bounds the backlog
 * replay rate. Time comes from an injected nanosecond clock so tests are deterministic. Not thread-safe.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastNanos;

    /**
     * @param ratePerSecond tokens added per second (&gt; 0)
     * @param burst         bucket capacity (&ge; 1); the bucket starts empty so a reconnect does not burst
     * @param nanoClock     monotonic nanoseconds, e.g. {@code System::nanoTime}
     */
    public TokenBucket(double ratePerSecond, int burst, LongSupplier nanoClock) {
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException("ratePerSecond must be positive: " + ratePerSecond);
        if (burst < 1) throw new IllegalArgumentException("burst must be at least 1: " + burst);
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.lastNanos = nanoClock.getAsLong();
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastNanos) * ratePerNano);
        lastNanos = now;
    }

    /** Takes a token if one is available. */
    public boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Nanoseconds until the next token (0 if one is available). */
    public long nanosUntilToken() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
    }
}
