package io.telerisk.hub.claims;

import io.telerisk.hub.ingest.AcceptedListener;
import io.telerisk.model.Envelope;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscribes claims to accepted envelopes: those carrying {@code crash_candidate} or {@code crash_dismissed} events
 * are handed to {@link ClaimsApi#onEnvelope} on the listener's own worker threads (the ingest writer thread only
 * filters and enqueues). Redelivery is harmless: the envelope's (device, sequence) is recorded and claim ids derive
 * from the candidate. A full queue or a failing database is counted and logged with the device and sequence (the
 * envelope itself is safe in the telemetry store). {@link #close} drains what is queued.
 */
public final class ClaimsListener implements AcceptedListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClaimsListener.class.getName());
    private final ClaimsApi claims;
    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final AtomicLong queued = new AtomicLong(), handled = new AtomicLong(), failed = new AtomicLong(), overflow = new AtomicLong();

    public ClaimsListener(ClaimsApi claims, Clock clock, int threads, int queueCapacity) {
        this.claims = Objects.requireNonNull(claims, "claims");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), r -> {
            Thread t = new Thread(r, "claims-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Two workers, 10,000 envelopes queued at most. */
    public ClaimsListener(ClaimsApi claims, Clock clock) {
        this(claims, clock, 2, 10_000);
    }

    /** Counters since start. */
    public record Stats(long queued, long handled, long failed, long overflow) {
    }

    public Stats stats() {
        return new Stats(queued.get(), handled.get(), failed.get(), overflow.get());
    }

    @Override
    public void accepted(Envelope envelope) {
        if (!ClaimsApi.relevant(envelope)) return;
        var receivedAt = clock.instant();
        try {
            workers.execute(() -> {
                try {
                    claims.onEnvelope(envelope, receivedAt);
                    handled.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    LOG.log(System.Logger.Level.ERROR, "claims could not handle crash events of " + envelope.key() + " #"
                            + envelope.sequence() + ": " + e.getMessage(), e);
                }
            });
            queued.incrementAndGet();
        } catch (RejectedExecutionException e) {
            overflow.incrementAndGet();
            LOG.log(System.Logger.Level.ERROR, "claims queue full or closed: crash events of " + envelope.key() + " #"
                    + envelope.sequence() + " not handled (stored in telemetry; redeliver to retry)");
        }
    }

    /** Warms the claims path on a worker (see {@link ClaimsApi#warmUp}); crash events queue behind it meanwhile. */
    public void warmUp() {
        workers.execute(() -> {
            try {
                LOG.log(System.Logger.Level.INFO, "claims path warmed up in " + claims.warmUp(200).toMillis() + " ms");
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "claims warm-up failed (claims still work, the first may be slow): " + e.getMessage(), e);
            }
        });
    }

    /** Waits (up to a minute) until everything queued so far has been handled. For tests and orderly shutdown. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (workers.getQueue().isEmpty() && workers.getActiveCount() == 0 && handled.get() + failed.get() >= queued.get()) return true;
            Thread.sleep(10);
        }
        return false;
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(60, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
