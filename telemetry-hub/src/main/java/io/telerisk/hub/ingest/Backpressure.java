package io.telerisk.hub.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds memory: counts payload bytes received but not yet acknowledged, pauses every registered source above
 * the high mark and resumes them below half of it. Sources that register while paused start paused.
 */
public final class Backpressure {
    private final long highBytes;
    private final long lowBytes;
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final Set<Pausable> sources = ConcurrentHashMap.newKeySet();
    private final Object stateLock = new Object();
    private volatile boolean paused;
    private long pauses;

    public Backpressure(long maxInFlightBytes) {
        this.highBytes = maxInFlightBytes;
        this.lowBytes = maxInFlightBytes / 2;
    }

    public void register(Pausable source) {
        sources.add(source);
        if (paused) source.pause();
    }

    public void unregister(Pausable source) {
        sources.remove(source);
    }

    /** Bytes entered the pipeline. */
    public void acquire(long bytes) {
        long now = inFlightBytes.addAndGet(bytes);
        if (now > highBytes && !paused) {
            synchronized (stateLock) {
                if (!paused && inFlightBytes.get() > highBytes) {
                    paused = true;
                    pauses++;
                    sources.forEach(Pausable::pause);
                }
            }
        }
    }

    /** Bytes left the pipeline (acknowledged). */
    public void release(long bytes) {
        long now = inFlightBytes.addAndGet(-bytes);
        if (paused && now <= lowBytes) {
            synchronized (stateLock) {
                if (paused && inFlightBytes.get() <= lowBytes) {
                    paused = false;
                    sources.forEach(Pausable::resume);
                }
            }
        }
    }

    public long inFlightBytes() {
        return inFlightBytes.get();
    }

    public boolean isPaused() {
        return paused;
    }

    /** How often reading was paused since start. */
    public long pauses() {
        synchronized (stateLock) {
            return pauses;
        }
    }
}
