package io.telerisk.agent.mqtt;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a uniformly random time in
 * {@code [0, min(cap, base * 2^n)]}. Full jitter spreads a fleet that lost the broker at the same moment, so the
 * reconnects do not arrive in synchronised waves. Not thread-safe; the random source is injected so tests are
 * deterministic.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final Random random;
    private int attempt;

    /**
     * @param base   first ceiling (e.g. 1 s)
     * @param cap    largest ceiling (e.g. 5 min)
     * @param random jitter source; seed it in tests
     */
    public Backoff(Duration base, Duration cap, Random random) {
        if (base.isNegative() || base.isZero()) throw new IllegalArgumentException("base must be positive");
        if (cap.compareTo(base) < 0) throw new IllegalArgumentException("cap below base");
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    /** The ceiling for the current attempt, before jitter. */
    public long ceilingMillis() {
        // 2^attempt overflows past 62; the cap is reached long before that
        long c = attempt >= 40 ? capMillis : baseMillis << attempt;
        return c <= 0 || c > capMillis ? capMillis : c;
    }

    /** The delay before the next attempt; advances the attempt counter. */
    public Duration nextDelay() {
        long ceiling = ceilingMillis();
        attempt++;
        long d = (long) (random.nextDouble() * (ceiling + 1));
        return Duration.ofMillis(Math.min(d, ceiling));
    }

    /** Consecutive failures so far. */
    public int attempts() {
        return attempt;
    }

    /** Call after a successful connection. */
    public void reset() {
        attempt = 0;
    }
}
