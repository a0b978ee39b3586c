package io.telerisk.launcher.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Publish-to-stored latencies in 1 ms buckets up to 60 s (the last bucket holds everything slower); lock-free, so
 * recording from the hub's writer thread or a Paho callback costs an increment.
 */
final class LatencyHistogram {
    private static final int BUCKETS = 60_001;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void recordMillis(long ms) {
        counts.incrementAndGet((int) Math.max(0, Math.min(BUCKETS - 1, ms)));
    }

    long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) n += counts.get(i);
        return n;
    }

    /** The q-quantile in ms (q in (0, 1]); -1 when empty. */
    long quantileMillis(double q) {
        long total = count();
        if (total == 0) return -1;
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) return i;
        }
        return BUCKETS - 1;
    }
}
