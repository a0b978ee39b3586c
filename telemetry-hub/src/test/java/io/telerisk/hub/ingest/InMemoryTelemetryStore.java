package io.telerisk.hub.ingest;

import io.telerisk.hub.store.Aggregate;
import io.telerisk.hub.store.SeriesPoint;
import io.telerisk.hub.store.StoreUnavailableException;
import io.telerisk.hub.store.StoredEvent;
import io.telerisk.hub.store.StoredSample;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.Envelope;
import io.telerisk.model.Sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double of OUR TelemetryStore port (not of a database server): idempotent by (device, sample time) like the
 * real adapters, counts how often each (device, sequence) was written, and can be switched down or made to block.
 */
public final class InMemoryTelemetryStore implements TelemetryStore {
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> writesPerSequence = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean down;
    /** Sequences the store refuses as data (StoreRejectedException for any batch containing one). */
    private final java.util.Set<Long> refusedSequences = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch gate;
    /** Which store calls the gate holds (any envelope of the call matching): all by default. */
    private volatile java.util.function.Predicate<Envelope> gated = e -> true;

    @Override
    public void store(List<Envelope> envelopes) throws StoreUnavailableException {
        calls.incrementAndGet();
        if (down) throw new StoreUnavailableException("test store is down", null);
        CountDownLatch g = gate;
        if (g != null && envelopes.stream().anyMatch(gated)) {
            try {
                if (!g.await(60, TimeUnit.SECONDS)) throw new StoreUnavailableException("gate never opened", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted", e);
            }
        }
        for (Envelope e : envelopes)
            if (refusedSequences.contains(e.sequence()))
                throw new io.telerisk.hub.store.StoreRejectedException("sequence " + e.sequence() + " cannot be stored", null);
        for (Envelope e : envelopes) {
            writesPerSequence.computeIfAbsent(e.key() + "#" + e.sequence(), k -> new AtomicInteger()).incrementAndGet();
            for (Sample s : e.samples()) samples.put(e.key() + "@" + s.time(), s);
        }
    }

    public void refuse(long sequence) {
        refusedSequences.add(sequence);
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    /** Store calls block until {@link #release()}. */
    public void block() {
        block(e -> true);
    }

    /** Store calls holding an envelope that matches block until {@link #release()}; others go through. */
    public void block(java.util.function.Predicate<Envelope> which) {
        gated = which;
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) g.countDown();
    }

    public int calls() {
        return calls.get();
    }

    /** Distinct samples held (the store's idempotency: same device and time is one sample). */
    public int sampleCount() {
        return samples.size();
    }

    /** Distinct (device, sequence) envelopes written at least once. */
    public int envelopeCount() {
        return writesPerSequence.size();
    }

    public int writesOf(DeviceKey device, long sequence) {
        AtomicInteger n = writesPerSequence.get(device + "#" + sequence);
        return n == null ? 0 : n.get();
    }

    /** Writes per (device, sequence), e.g. to find envelopes written twice. */
    public Map<String, Integer> writes() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        writesPerSequence.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** Waits until this many distinct envelopes are stored; false on timeout. */
    public boolean awaitEnvelopes(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (envelopeCount() < n) {
            if (System.nanoTime() > end) return false;
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public List<StoredSample> raw(DeviceKey device, Instant from, Instant to, int offset, int limit) {
        List<StoredSample> out = new ArrayList<>();
        samples.forEach((k, s) -> {
            if (k.startsWith(device + "@") && !s.time().isBefore(from) && s.time().isBefore(to)) out.add(new StoredSample(0, s));
        });
        out.sort(java.util.Comparator.comparing(s -> s.sample().time()));
        return out.subList(Math.min(offset, out.size()), (int) Math.min(out.size(), (long) offset + limit));
    }

    @Override
    public long rawCount(DeviceKey device, Instant from, Instant to) {
        return raw(device, from, to, 0, Integer.MAX_VALUE).size();
    }

    @Override
    public long eventCount(DeviceKey device, Instant from, Instant to) {
        return 0;
    }

    @Override
    public List<SeriesPoint> downsampled(DeviceKey device, String field, Instant from, Instant to, Duration bucket, Aggregate aggregate) {
        throw new UnsupportedOperationException("not needed by ingest tests");
    }

    @Override
    public List<StoredEvent> events(DeviceKey device, Instant from, Instant to, int offset, int limit) {
        return List.of();
    }

    @Override
    public String describe() {
        return "in-memory-test";
    }

    @Override
    public void close() {
    }
}
