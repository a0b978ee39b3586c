package io.telerisk.hub.registry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys recently looked up and not found (unknown usernames, unknown devices), remembered for a short time so a flood
 * of made-up names does not become a flood of queries, and never more than {@code max} of them: made-up names are
 * free for an attacker, memory is not (issue #12). Beyond the bound, expired entries are swept (at most once per
 * quarter of the time to live) and, if still full, a miss is simply not remembered: the next look-up queries again.
 */
final class RecentMisses<K> {
    private final ConcurrentHashMap<K, Long> seenAt = new ConcurrentHashMap<>();
    private final int max;
    private final long ttlNanos;
    private volatile long lastSweepNanos = System.nanoTime();

    RecentMisses(int max, long ttlNanos) {
        if (max < 1) throw new IllegalArgumentException("max must be >= 1");
        this.max = max;
        this.ttlNanos = ttlNanos;
    }

    /** Whether {@code key} was missing less than the time to live ago. */
    boolean contains(K key, long nowNanos) {
        Long at = seenAt.get(key);
        if (at == null) return false;
        if (nowNanos - at > ttlNanos) {
            seenAt.remove(key, at);
            return false;
        }
        return true;
    }

    /** Remembers that {@code key} is missing, unless the bound is reached by misses that have not expired yet. */
    void remember(K key, long nowNanos) {
        if (seenAt.size() >= max) sweep(nowNanos);
        if (seenAt.size() < max) seenAt.put(key, nowNanos);
    }

    void forget(K key) {
        seenAt.remove(key);
    }

    void clear() {
        seenAt.clear();
    }

    int size() {
        return seenAt.size();
    }

    private void sweep(long nowNanos) {
        if (nowNanos - lastSweepNanos < ttlNanos / 4) return;
        lastSweepNanos = nowNanos;
        seenAt.values().removeIf(at -> nowNanos - at > ttlNanos);
    }
}
