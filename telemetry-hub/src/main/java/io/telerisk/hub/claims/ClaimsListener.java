package io.telerisk.hub.claims;

import io.telerisk.hub.ingest.AcceptedListener;
import io.telerisk.hub.work.QueuedEnvelopes;
import io.telerisk.hub.work.WorkQueue;
import io.telerisk.hub.work.WorkWorkers;
import io.telerisk.model.Envelope;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscribes claims to accepted envelopes: those carrying {@code crash_candidate} or {@code crash_dismissed} events
 * go into the durable {@link WorkQueue} (kind {@value #KIND}, key device and sequence, the envelope as JSON) on the
 * ingest writer thread, and this hub's workers (or any other hub's) hand them to {@link ClaimsApi#onEnvelope}. So a
 * crash candidate is judged once whichever hub stored it, also when that hub dies before judging it; a redelivered
 * envelope (same device and sequence) is not queued again. The envelope's own time of arrival at this hub is kept
 * as the item's received time. While the crash model's load has failed and its pause before the next attempt runs
 * ({@link ClaimsApi#canJudgeCrashes()}), this hub's workers take no item, so the events wait for another hub or for
 * the next attempt and are listed as PENDING. An item that fails is retried later (see {@link WorkQueue}); one that cannot be
 * queued (system of record down) is counted and logged with the device and sequence (the envelope itself is safe in
 * the telemetry store).
 */
public final class ClaimsListener implements AcceptedListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClaimsListener.class.getName());
    /** The work-queue kind of crash events. */
    public static final String KIND = "crash-events";
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ClaimsApi claims;
    private final WorkQueue queue;
    private final Clock clock;
    private final WorkWorkers workers;
    private final AtomicLong queued = new AtomicLong(), overflow = new AtomicLong();

    /** Two workers. */
    public ClaimsListener(ClaimsApi claims, WorkQueue queue, Clock clock) {
        this.claims = Objects.requireNonNull(claims, "claims");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workers = new WorkWorkers(queue, KIND, 2, POLL, claims::canJudgeCrashes, item -> claims.onEnvelope(QueuedEnvelopes.decode(item), item.receivedAt()));
    }

    /**
     * Counters since start: envelopes queued by this hub, handled and failed by its workers (failures are retried),
     * and envelopes that could not be queued at first (the ingest retries them from its spool).
     */
    public record Stats(long queued, long handled, long failed, long overflow) {
    }

    public Stats stats() {
        return new Stats(queued.get(), workers.handled(), workers.failed(), overflow.get());
    }

    @Override
    public void accepted(Envelope envelope) {
        if (!ClaimsApi.relevant(envelope)) return;
        String key = envelope.key() + "#" + envelope.sequence();
        try {
            if (queue.enqueue(KIND, key, QueuedEnvelopes.encode(envelope), clock.instant())) queued.incrementAndGet();
            workers.wake();
        } catch (SQLException | RuntimeException e) {
            overflow.incrementAndGet();
            // the ingest keeps the envelope in its spool and tells us again; the item key makes that idempotent
            throw new io.telerisk.hub.ingest.FollowUpUnavailableException("cannot queue crash events of " + key + " ("
                    + e.getMessage() + "); retried from the spool", e);
        }
    }

    /** Warms the claims path (see {@link ClaimsApi#warmUp}), then starts the workers: crash events queue meanwhile. */
    public void warmUp() {
        Thread t = new Thread(() -> {
            try {
                LOG.log(System.Logger.Level.INFO, "claims path warmed up in " + claims.warmUp(200).toMillis() + " ms");
            } catch (RuntimeException e) {
                if (!claims.canJudgeCrashes()) {
                    // the classifier logged why, with the cause; the workers take no crash event until its next attempt
                    LOG.log(System.Logger.Level.WARNING, "claims warm-up stopped: the crash model is not loaded; crash events wait in the queue");
                } else {
                    LOG.log(System.Logger.Level.WARNING, "claims warm-up failed (claims still work, the first may be slow): " + e.getMessage(), e);
                }
            } finally {
                start();
            }
        }, "claims-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

    /** Starts the workers (idempotent); {@link #warmUp()} does after warming up. */
    public ClaimsListener start() {
        if (started.compareAndSet(false, true)) workers.start();
        return this;
    }

    /** Waits until no crash item is due (on any hub) and this hub's workers are idle. For tests and orderly shutdown. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        start();
        return workers.awaitIdle(timeoutMillis);
    }

    /** Stops the workers after their current item; what is still queued waits for any hub. */
    @Override
    public void close() {
        workers.close();
    }
}
