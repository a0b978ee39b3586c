package io.telerisk.hub.ingest;

import io.telerisk.model.DeviceKey;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which sequences each device has had accepted: per device a bitmap of the last {@code window}
 * sequences below its highest one, and at most {@code maxDevices} devices (least recently seen forgotten first).
 *
 * <p>Memory is bounded at about {@code maxDevices * (window / 8 + 100)} bytes. What is forgotten (a device
 * evicted, a sequence below its window, everything after a restart) is accepted again; the store's idempotency
 * keeps it stored once, only the duplicates counter undercounts. Thread-safe.
 */
public final class Deduplicator {
    private final int window;
    private final int mask;
    private final Map<DeviceKey, Window> devices;

    public Deduplicator(int window, int maxDevices) {
        this.window = Integer.highestOneBit(Math.max(64, window)); // power of two: index by mask
        this.mask = this.window - 1;
        this.devices = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<DeviceKey, Window> eldest) {
                return size() > maxDevices;
            }
        };
    }

    /** True the first time this (device, sequence) is seen within the window; false for a duplicate. */
    public synchronized boolean firstTime(DeviceKey device, long sequence) {
        Window w = devices.get(device);
        if (w == null) {
            w = new Window(new long[window / 64]);
            devices.put(device, w);
            w.high = sequence;
            w.set(sequence, mask);
            return true;
        }
        if (sequence > w.high) {
            long gap = sequence - w.high;
            if (gap >= window) {
                java.util.Arrays.fill(w.bits, 0L);
            } else {
                for (long s = w.high + 1; s < sequence; s++) w.clear(s, mask);
            }
            w.high = sequence;
            w.set(sequence, mask);
            return true;
        }
        if (sequence <= w.high - window) return true; // below the window: unknown, the store decides
        if (w.get(sequence, mask)) return false;
        w.set(sequence, mask);
        return true;
    }

    /** Devices currently remembered. */
    public synchronized int devices() {
        return devices.size();
    }

    private static final class Window {
        final long[] bits;
        long high;

        Window(long[] bits) {
            this.bits = bits;
        }

        boolean get(long seq, int mask) {
            int i = (int) (seq & mask);
            return (bits[i >>> 6] & (1L << (i & 63))) != 0;
        }

        void set(long seq, int mask) {
            int i = (int) (seq & mask);
            bits[i >>> 6] |= 1L << (i & 63);
        }

        void clear(long seq, int mask) {
            int i = (int) (seq & mask);
            bits[i >>> 6] &= ~(1L << (i & 63));
        }
    }
}
