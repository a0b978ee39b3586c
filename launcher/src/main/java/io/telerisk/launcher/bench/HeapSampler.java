package io.telerisk.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Samples this JVM's heap twice a second: used heap right after the most recent GC (the live set, summed over the
 * heap pools' collection usage) and the peak used heap including garbage.
 */
final class HeapSampler implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxAfterGcBytes;
    private volatile long peakUsedBytes;

    HeapSampler() {
        thread = new Thread(this::run, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long afterGc = afterLastGcBytes();
            if (afterGc > maxAfterGcBytes) maxAfterGcBytes = afterGc;
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used > peakUsedBytes) peakUsedBytes = used;
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static long afterLastGcBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) sum += p.getCollectionUsage().getUsed();
        }
        return sum;
    }

    /** Forces a full collection and returns the used heap after it. */
    static long usedAfterFullGcBytes() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    long maxAfterGcBytes() {
        return maxAfterGcBytes;
    }

    long peakUsedBytes() {
        return peakUsedBytes;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
