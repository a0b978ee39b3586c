package io.telerisk.hub.work;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Threads that take one kind of item from the {@link WorkQueue} and handle it. They poll the queue (items enqueued
 * by other hubs, retries, items left by a hub that died) and are woken at once by {@link #wake()} when this hub
 * enqueues, so an urgent item does not wait for the poll.
 */
public final class WorkWorkers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WorkWorkers.class.getName());

    private final WorkQueue queue;
    private final String kind;
    private final WorkQueue.Handler handler;
    private final Duration poll;
    private final BooleanSupplier ready;
    private final Semaphore signal = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong handled = new AtomicLong(), failed = new AtomicLong();
    private volatile boolean running = true;

    /**
     * Starts {@code count} threads named after the kind.
     *
     * @param poll how often an idle thread looks for work that was not announced to it
     */
    public WorkWorkers(WorkQueue queue, String kind, int count, Duration poll, WorkQueue.Handler handler) {
        this(queue, kind, count, poll, () -> true, handler);
    }

    /**
     * As above, taking items only while {@code ready} says so: a hub that cannot handle this kind for now (its crash
     * model failed to load) leaves the items to the queue, for other hubs or for later, instead of failing each one.
     */
    public WorkWorkers(WorkQueue queue, String kind, int count, Duration poll, BooleanSupplier ready, WorkQueue.Handler handler) {
        this.ready = Objects.requireNonNull(ready, "ready");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.poll = Objects.requireNonNull(poll, "poll");
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::loop, kind + "-worker-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
        }
    }

    /** Starts the threads. */
    public WorkWorkers start() {
        threads.forEach(Thread::start);
        return this;
    }

    /** Tells the workers there is new work (after an enqueue). */
    public void wake() {
        signal.release(threads.size());
    }

    /** Items handled by this hub's workers since start. */
    public long handled() {
        return handled.get();
    }

    /** Handler failures on this hub since start (each is retried later). */
    public long failed() {
        return failed.get();
    }

    private void loop() {
        while (running) {
            boolean worked = false;
            busy.incrementAndGet();
            try {
                // not ready: take nothing and wait for the poll, the items stay due for any hub
                var o = ready.getAsBoolean() ? queue.runNext(kind, handler) : java.util.Optional.<WorkQueue.Outcome>empty();
                if (o.isPresent()) {
                    worked = true;
                    if (o.get().failure() == null) {
                        handled.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        LOG.log(System.Logger.Level.ERROR, kind + " item " + o.get().item().key() + " failed (attempt "
                                + (o.get().item().attempts() + 1) + ", retried later): " + o.get().failure().getMessage(), o.get().failure());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot take " + kind + " work from the system of record: " + e.getMessage());
            } finally {
                busy.decrementAndGet();
            }
            if (!worked) {
                try {
                    signal.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Waits until no item of this kind is due (on any hub; failed ones wait for their retry) and none of these
     * threads is busy.
     *
     * @return false on timeout
     */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (busy.get() == 0 && queue.due(kind) == 0 && busy.get() == 0) return true;
            } catch (SQLException e) {
                // the database is away: not idle
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Stops the threads after the item each is handling; queued items stay for any hub. */
    @Override
    public void close() {
        running = false;
        signal.release(threads.size());
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
