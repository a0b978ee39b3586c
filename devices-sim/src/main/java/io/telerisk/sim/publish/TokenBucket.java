package io.telerisk.sim.publish;

/**
 * A token bucket: refills at {@code ratePerSecond}, holds at most {@code capacity}. A request larger than the
 * capacity is granted when the bucket is full and drives it negative, so big messages are paced, not starved.
 * Not thread-safe: each publisher shard owns one on its event loop.
 */
public final class TokenBucket {
    private final double ratePerSecond;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        if (!(ratePerSecond > 0) || !(capacity > 0)) throw new IllegalArgumentException("rate and capacity must be > 0");
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Adds the tokens earned since the last refill. */
    public void refill(long nowNanos) {
        long dt = nowNanos - lastNanos;
        if (dt > 0) {
            tokens = Math.min(capacity, tokens + dt * 1e-9 * ratePerSecond);
            lastNanos = nowNanos;
        }
    }

    /** Takes {@code n} tokens if available (or if the bucket is full and n exceeds the capacity). */
    public boolean tryTake(double n) {
        if (tokens >= n || tokens >= capacity) {
            tokens -= n;
            return true;
        }
        return false;
    }

    public double tokens() {
        return tokens;
    }
}
