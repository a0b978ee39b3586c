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

    @Override
    public List<StoredSample> raw(DeviceKey device, Instant from, Instant to, int limit) {
        long t = System.nanoTime();
        boolean ok = false;
        try {
            List<StoredSample> r = delegate.raw(device, from, to, limit);
            ok = true;
            return r;
        } finally {
            record("raw", t, ok);
        }
    }

    @Override
    public List<SeriesPoint> downsampled(DeviceKey device, String field, Instant from, Instant to, Duration bucket, Aggregate aggregate) {
        long t = System.nanoTime();
        boolean ok = false;
        try {
            List<SeriesPoint> r = delegate.downsampled(device, field, from, to, bucket, aggregate);
            ok = true;
            return r;
        } finally {
            record("downsampled", t, ok);
        }
    }

    @Override
    public List<StoredEvent> events(DeviceKey device, Instant from, Instant to, int limit) {
        long t = System.nanoTime();
        boolean ok = false;
        try {
            List<StoredEvent> r = delegate.events(device, from, to, limit);
            ok = true;
            return r;
        } finally {
            record("events", t, ok);
        }
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
