package io.telerisk.hub.ingest;

import io.telerisk.hub.spool.DiskSpool;
import io.telerisk.hub.spool.SpoolFullException;
import io.telerisk.hub.store.StoreRejectedException;
import io.telerisk.hub.store.StoreUnavailableException;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.Envelope;
import io.telerisk.model.codec.Decoded;
import io.telerisk.model.codec.RejectReason;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The durable end of the pipeline. Messages from every connection are collected into one open batch; a batch is
 * sealed at {@code batchMaxPoints} or after {@code batchMaxDelay}. One writer thread takes batches in order and
 * for each: appends its dead letters, stores its envelopes (or, when the store is down, slow or still being
 * caught up, appends them to the disk spool with one fsync), then acknowledges every message of the batch,
 * grouped per connection. Duplicates ride along as acknowledgement-only entries, so a duplicate is never
 * acknowledged before the batch holding its original is durable.
 *
 * <p>While the spool holds anything, new batches are appended behind it and replayed in order, so the store
 * sees every device's data in arrival order. A full spool blocks the writer; acknowledgements stop, in-flight
 * bytes grow, and {@link Backpressure} pauses the sources: nothing is dropped and memory stays bounded.
 */
final class BatchWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());

    private final IngestConfig cfg;
    private final TelemetryStore store;
    private final DiskSpool spool;
    private final DeadLetterStore deadLetters;
    private final IngestStats stats;
    private final CodecRegistry codecs;
    private final Listeners listeners;
    private final Backpressure backpressure;
    private final ExecutorService storeExecutor;
    private final Thread writer;
    private final long delayNanos;
    private final long replayRetryNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private ArrayList<Pending> open = new ArrayList<>();
    private long openSinceNanos;
    private int openWeight;
    private final ArrayDeque<ArrayList<Pending>> sealed = new ArrayDeque<>();

    private volatile boolean running = true;
    private volatile boolean storeAvailable = true;
    private volatile long spoolBytes;
    private long nextReplayNanos;

    /**
     * @param lane       names the threads ({@code ingest-writer-<lane>}) and log lines
     * @param batchDelay how long an open batch may wait for more messages (zero: write whatever is there at once)
     */
    BatchWriter(String lane, Duration batchDelay, IngestConfig cfg, TelemetryStore store, DiskSpool spool,
                DeadLetterStore deadLetters, IngestStats stats, CodecRegistry codecs, Listeners listeners,
                Backpressure backpressure) {
        this.cfg = cfg;
        this.store = store;
        this.spool = spool;
        this.deadLetters = deadLetters;
        this.stats = stats;
        this.codecs = codecs;
        this.listeners = listeners;
        this.backpressure = backpressure;
        this.delayNanos = batchDelay.toNanos();
        this.replayRetryNanos = cfg.replayRetry().toNanos();
        this.spoolBytes = spool.sizeBytes();
        this.storeExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-store-" + lane);
            t.setDaemon(true);
            return t;
        });
        this.writer = new Thread(this::run, "ingest-writer-" + lane);
        this.writer.setDaemon(true);
        this.nextReplayNanos = System.nanoTime();
    }

    void start() {
        writer.start();
    }

    /** Hands a message to the writer. Never blocks on I/O; called from any thread. */
    void submit(Pending p) {
        backpressure.acquire(p.bytes());
        lock.lock();
        try {
            if (!running) {
                // shutting down: not acknowledged, so the client or broker delivers it again
                backpressure.release(p.bytes());
                return;
            }
            boolean signal = false;
            if (open.isEmpty()) {
                openSinceNanos = System.nanoTime();
                signal = true;
            }
            open.add(p);
            openWeight += Math.max(1, p.points());
            if (openWeight >= cfg.batchMaxPoints()) {
                sealed.add(open);
                open = new ArrayList<>();
                openWeight = 0;
                signal = true;
            }
            if (signal) ready.signal();
        } finally {
            lock.unlock();
        }
    }

    boolean storeAvailable() {
        return storeAvailable;
    }

    long spoolBytes() {
        return spoolBytes;
    }

    private void run() {
        while (true) {
            // stopping, and close() gave up waiting: leave the rest unacknowledged (their sources deliver them again)
            if (!running && Thread.currentThread().isInterrupted()) break;
            ArrayList<Pending> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                break;
            }
            if (batch != null) {
                process(batch);
            } else if (!running) {
                break;
            }
            replayIfDue();
        }
    }

    /** The next batch to write, or null when a replay is due or the writer is stopping with nothing left. */
    private ArrayList<Pending> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (!sealed.isEmpty()) return sealed.poll();
                long now = System.nanoTime();
                long wait;
                if (!open.isEmpty()) {
                    long due = openSinceNanos + delayNanos;
                    if (due - now <= 0 || !running) {
                        ArrayList<Pending> b = open;
                        open = new ArrayList<>();
                        openWeight = 0;
                        return b;
                    }
                    wait = due - now;
                } else {
                    if (!running) return null;
                    wait = TimeUnit.MILLISECONDS.toNanos(100);
                }
                if (!spool.isEmpty()) {
                    long untilReplay = nextReplayNanos - now;
                    if (untilReplay <= 0) return null;
                    wait = Math.min(wait, untilReplay);
                }
                ready.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    private void process(List<Pending> batch) {
        List<DeadLetter> dead = new ArrayList<>();
        List<Envelope> envelopes = new ArrayList<>(batch.size());
        List<Pending> storing = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.deadLetter != null) dead.add(p.deadLetter);
            else if (p.storesSomething()) {
                envelopes.add(p.envelope);
                storing.add(p);
            }
        }
        if (!dead.isEmpty()) appendDeadLetters(dead);
        boolean durable = true;
        if (!envelopes.isEmpty()) {
            Outcome o = spool.isEmpty() && storeAvailable ? tryStore(envelopes) : Outcome.UNAVAILABLE;
            if (o == Outcome.STORED) {
                countStored(envelopes);
                // stored, but a follow-up (summary marks, queued work) is not durable: keep the batch in the spool
                if (!listeners.notifyAll(envelopes)) durable = spoolAll(storing);
            } else if (o == Outcome.REJECTED) {
                List<Pending> rest = storeOneByOne(storing);
                if (!rest.isEmpty()) durable = spoolAll(rest);
            } else {
                durable = spoolAll(storing);
            }
        }
        for (Pending p : batch)
            if (p.status != null && p.rejection == null) listeners.notifyStatus(p.topic.deviceKey(), p.status, p.message.session());
        if (durable) acknowledge(batch);
        long bytes = 0;
        for (Pending p : batch) bytes += p.bytes();
        backpressure.release(bytes);
    }

    private void appendDeadLetters(List<DeadLetter> dead) {
        try {
            deadLetters.append(dead);
        } catch (IOException | RuntimeException e) {
            // a broken dead-letter store must not stop ingestion; the rejection is still counted
            LOG.log(Level.SEVERE, "could not record " + dead.size() + " dead letters", e);
        }
    }

    private enum Outcome { STORED, UNAVAILABLE, REJECTED }

    private String lastRejection = "";

    private Outcome tryStore(List<Envelope> envelopes) {
        Future<?> f = storeExecutor.submit(() -> {
            store.store(envelopes);
            return null;
        });
        try {
            f.get(cfg.storeTimeout().toNanos(), TimeUnit.NANOSECONDS);
            if (!storeAvailable) LOG.info("telemetry store " + store.describe() + " is available again");
            storeAvailable = true;
            return Outcome.STORED;
        } catch (TimeoutException e) {
            // the call goes on in the background; writes are idempotent, so spooling the same data is safe
            markUnavailable("slower than " + cfg.storeTimeout().toMillis() + " ms", null);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof StoreRejectedException) {
                // the data itself is refused: retrying cannot help; the caller isolates the offending envelopes
                lastRejection = c.getMessage() == null ? c.toString() : c.getMessage();
                return Outcome.REJECTED;
            }
            markUnavailable(c instanceof StoreUnavailableException ? c.getMessage() : "failed: " + c, c instanceof StoreUnavailableException ? null : c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            markUnavailable("interrupted", null);
        }
        return Outcome.UNAVAILABLE;
    }

    /**
     * After the store refused a batch: stores its envelopes one at a time, dead-letters the refused ones (as
     * OUT_OF_RANGE, with the store's reason). Returns those to spool: not attempted because the store became
     * unavailable, or stored but with a follow-up a listener could not make durable.
     */
    private List<Pending> storeOneByOne(List<Pending> storing) {
        List<Pending> toSpool = new ArrayList<>();
        for (int i = 0; i < storing.size(); i++) {
            Pending p = storing.get(i);
            List<Envelope> one = List.of(p.envelope);
            Outcome o = tryStore(one);
            if (o == Outcome.STORED) {
                countStored(one);
                if (!listeners.notifyAll(one)) toSpool.add(p); // its follow-up is retried from the spool
            } else if (o == Outcome.REJECTED) {
                p.rejection = new Decoded.Rejected(RejectReason.OUT_OF_RANGE, "the telemetry store refused it: " + lastRejection);
                p.deadLetter = DeadLetter.of(p.receivedAt, RejectReason.OUT_OF_RANGE, p.rejection.detail(), p.message.topic(),
                        p.message.source(), p.contentType, p.message.payload());
                stats.rejected(RejectReason.OUT_OF_RANGE);
                appendDeadLetters(List.of(p.deadLetter));
            } else {
                toSpool.addAll(storing.subList(i, storing.size()));
                return toSpool;
            }
        }
        return toSpool;
    }

    private void markUnavailable(String why, Throwable t) {
        if (storeAvailable) LOG.log(Level.WARNING, "telemetry store " + store.describe() + " unavailable (" + why + "); spooling to " + spool.dir(), t);
        storeAvailable = false;
        nextReplayNanos = System.nanoTime() + replayRetryNanos;
    }

    /** Appends to the spool, waiting (not acknowledging, so sources pause) while it is full. False only when stopping. */
    private boolean spoolAll(List<Pending> storing) {
        List<byte[]> records = new ArrayList<>(storing.size());
        for (Pending p : storing)
            records.add(new SpoolRecord(p.message.topic(), p.contentType, p.message.source(), p.receivedAt, p.message.payload()).encode());
        boolean warned = false;
        while (true) {
            try {
                spool.append(records);
                spoolBytes = spool.sizeBytes();
                stats.spooled(records.size());
                return true;
            } catch (SpoolFullException | IOException e) {
                if (!running) return false; // stopping: the spool may already be closed; nothing is acknowledged
                if (!warned) LOG.warning("cannot spool " + records.size() + " messages (" + e.getMessage() + "); holding acknowledgements until it drains");
                warned = true;
            }
            if (!running) return false;
            nextReplayNanos = System.nanoTime();
            replayIfDue();
            if (spool.sizeBytes() + 64 * 1024 > spool.maxBytes() || !storeAvailable) {
                try {
                    Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(replayRetryNanos)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private void replayIfDue() {
        if (spool.isEmpty() || System.nanoTime() - nextReplayNanos < 0) return;
        DiskSpool.Chunk chunk;
        try {
            chunk = spool.read(Math.max(cfg.batchMaxPoints(), 1000), Math.max(cfg.maxInFlightBytes() / 4, 1024 * 1024));
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot read the spool " + spool.dir(), e);
            nextReplayNanos = System.nanoTime() + replayRetryNanos;
            return;
        }
        List<Envelope> envelopes = new ArrayList<>(chunk.records().size());
        List<SpoolRecord> sources = new ArrayList<>(chunk.records().size());
        List<DeadLetter> dead = new ArrayList<>();
        for (byte[] bytes : chunk.records()) {
            SpoolRecord[] src = new SpoolRecord[1];
            Envelope e = decodeSpooled(bytes, dead, src);
            if (e != null) {
                envelopes.add(e);
                sources.add(src[0]);
            }
        }
        Outcome o = envelopes.isEmpty() ? Outcome.STORED : tryStore(envelopes);
        if (o == Outcome.REJECTED) {
            // isolate what the store refuses, so one bad record cannot block the spool forever
            List<Envelope> stored = new ArrayList<>();
            for (int i = 0; i < envelopes.size() && o != Outcome.UNAVAILABLE; i++) {
                Outcome one = tryStore(List.of(envelopes.get(i)));
                if (one == Outcome.STORED) {
                    stored.add(envelopes.get(i));
                } else if (one == Outcome.REJECTED) {
                    SpoolRecord r = sources.get(i);
                    dead.add(DeadLetter.of(r.receivedAt(), RejectReason.OUT_OF_RANGE, "on replay, the telemetry store refused it: " + lastRejection,
                            r.topic(), r.source(), r.contentType(), r.payload()));
                } else {
                    o = Outcome.UNAVAILABLE;
                }
            }
            if (o != Outcome.UNAVAILABLE) o = Outcome.STORED;
            envelopes = stored;
        }
        if (o == Outcome.STORED && !listeners.notifyAll(envelopes)) {
            // stored again (idempotent), but a follow-up is still not durable: keep the chunk and try later
            nextReplayNanos = System.nanoTime() + replayRetryNanos;
            return;
        }
        if (o == Outcome.STORED) {
            try {
                spool.commit(chunk);
            } catch (IOException e) {
                // the head did not move: the chunk is replayed again later, harmless as the store is idempotent
                LOG.log(Level.SEVERE, "cannot move the spool head in " + spool.dir(), e);
            }
            spoolBytes = spool.sizeBytes();
            // counted only now: a replay that fails is retried and would count its rejections again
            if (!dead.isEmpty()) appendDeadLetters(dead);
            for (DeadLetter d : dead) stats.rejected(d.reason());
            stats.replayedFromSpool(envelopes.size());
            countStored(envelopes);
            nextReplayNanos = System.nanoTime();
            if (spool.isEmpty()) LOG.info("spool drained into " + store.describe());
        } else {
            nextReplayNanos = System.nanoTime() + replayRetryNanos;
        }
    }

    private Envelope decodeSpooled(byte[] bytes, List<DeadLetter> dead, SpoolRecord[] source) {
        SpoolRecord r;
        try {
            r = SpoolRecord.decode(bytes);
        } catch (IllegalArgumentException e) {
            dead.add(DeadLetter.of(java.time.Instant.now(), RejectReason.MALFORMED, "unreadable spool record: " + e.getMessage(), "", "spool", null, bytes));
            return null;
        }
        source[0] = r;
        var codec = codecs.select(r.contentType());
        Decoded d = codec.isPresent() ? codec.get().decode(r.payload())
                : Decoded.rejected(RejectReason.UNSUPPORTED_CONTENT_TYPE, "no codec for spooled content type " + r.contentType());
        if (d instanceof Decoded.Ok ok) return ok.envelope();
        var rej = (Decoded.Rejected) d;
        dead.add(DeadLetter.of(r.receivedAt(), rej.reason(), "on replay: " + rej.detail(), r.topic(), r.source(), r.contentType(), r.payload()));
        return null;
    }

    private void countStored(List<Envelope> envelopes) {
        for (Envelope e : envelopes) stats.stored(e.tenant(), 1, e.samples().size(), e.events().size());
    }

    private void acknowledge(List<Pending> batch) {
        Map<AckTarget, AckGroup> groups = new IdentityHashMap<>();
        for (Pending p : batch) {
            if (!p.message.needsAck()) continue;
            groups.computeIfAbsent(p.message.ackTarget(), t -> new AckGroup())
                    .add(p.message.messageId(), p.rejection == null ? null : p.rejection.reason());
        }
        groups.forEach((target, g) -> {
            try {
                target.acknowledge(g.ids, g.reasons, g.n);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "acknowledging " + g.n + " messages failed", e);
            }
        });
    }

    private static final class AckGroup {
        int[] ids = new int[16];
        RejectReason[] reasons = new RejectReason[16];
        int n;

        void add(int id, RejectReason reason) {
            if (n == ids.length) {
                ids = java.util.Arrays.copyOf(ids, n * 2);
                reasons = java.util.Arrays.copyOf(reasons, n * 2);
            }
            ids[n] = id;
            reasons[n++] = reason;
        }
    }

    /** Writes what is already batched, then stops. Unacknowledged messages are redelivered by their sources. */
    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) writer.interrupt();
        storeExecutor.shutdown();
        try {
            spool.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the spool", e);
        }
    }
}
