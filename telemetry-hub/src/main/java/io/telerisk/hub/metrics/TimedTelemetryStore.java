package io.telerisk.hub.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.telerisk.hub.store.Aggregate;
import io.telerisk.hub.store.SeriesPoint;
import io.telerisk.hub.store.StoreUnavailableException;
import io.telerisk.hub.store.StoredEvent;
import io.telerisk.hub.store.StoredSample;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.Envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A {@link TelemetryStore} decorator that times each call, tagged by operation and outcome. */
public final class TimedTelemetryStore implements TelemetryStore {
    private final TelemetryStore delegate;
    private final MeterRegistry registry;

    TimedTelemetryStore(TelemetryStore delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    /** The undecorated store. */
    public TelemetryStore delegate() {
        return delegate;
    }

    private void record(String op, long start, boolean ok) {
        Timer.builder("telerisk_store_seconds").description("telemetry store call latency")
                .tag("op", op).tag("backend", delegate.describe()).tag("outcome", ok ? "ok" : "error")
                .publishPercentileHistogram(false).register(registry).record(Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public void store(List<Envelope> envelopes) throws StoreUnavailableException {
        long t = System.nanoTime();
        boolean ok = false;
        try {
            delegate.store(envelopes);
            ok = true;
        } finally {
            record("store", t, ok);
        }
    }

    /** A read of the delegate, timed as {@code op}. */
    private <T> T timed(String op, java.util.function.Supplier<T> read) {
        long t = System.nanoTime();
        boolean ok = false;
        try {
            T r = read.get();
            ok = true;
            return r;
        } finally {
            record(op, t, ok);
        }
    }

    @Override
    public List<StoredSample> raw(DeviceKey device, Instant from, Instant to, int offset, int limit) {
        return timed("raw", () -> delegate.raw(device, from, to, offset, limit));
    }

    @Override
    public List<SeriesPoint> downsampled(DeviceKey device, String field, Instant from, Instant to, Duration bucket, Aggregate aggregate) {
        return timed("downsampled", () -> delegate.downsampled(device, field, from, to, bucket, aggregate));
    }

    @Override
    public List<StoredEvent> events(DeviceKey device, Instant from, Instant to, int offset, int limit) {
        return timed("events", () -> delegate.events(device, from, to, offset, limit));
    }

    @Override
    public long rawCount(DeviceKey device, Instant from, Instant to) {
        return timed("raw_count", () -> delegate.rawCount(device, from, to));
    }

    @Override
    public long eventCount(DeviceKey device, Instant from, Instant to) {
        return timed("event_count", () -> delegate.eventCount(device, from, to));
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
