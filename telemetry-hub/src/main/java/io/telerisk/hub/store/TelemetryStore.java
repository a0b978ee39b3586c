package io.telerisk.hub.store;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.Envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where raw telemetry and device events live. Two adapters: InfluxDB and JDBC (H2, PostgreSQL).
 *
 * <p>Writes are idempotent: storing the same envelope twice stores each sample once (a sample's identity is
 * device and time). That is what makes at-least-once delivery end up exactly-once in storage.
 *
 * <p>Methods block; the hub calls them from worker threads, never from an event loop.
 */
public interface TelemetryStore extends AutoCloseable {

    /**
     * Durably stores the samples and events of these envelopes. Returns only once they are stored.
     *
     * @throws StoreUnavailableException when the backend cannot take the write now (the caller spools and retries)
     */
    void store(List<Envelope> envelopes) throws StoreUnavailableException;

    /** Raw samples of one device in [from, to), oldest first: at most {@code limit}, skipping the first {@code offset}. */
    List<StoredSample> raw(DeviceKey device, Instant from, Instant to, int offset, int limit);

    /** The first raw samples of one device in [from, to), oldest first, at most {@code limit}. */
    default List<StoredSample> raw(DeviceKey device, Instant from, Instant to, int limit) {
        return raw(device, from, to, 0, limit);
    }

    /** How many raw samples one device has in [from, to): what {@link #raw} pages through. */
    long rawCount(DeviceKey device, Instant from, Instant to);

    /** One numeric field of one device aggregated into buckets of {@code bucket} over [from, to). */
    List<SeriesPoint> downsampled(DeviceKey device, String field, Instant from, Instant to, Duration bucket,
                                  Aggregate aggregate);

    /** Events of one device in [from, to), oldest first: at most {@code limit}, skipping the first {@code offset}. */
    List<StoredEvent> events(DeviceKey device, Instant from, Instant to, int offset, int limit);

    /** The first events of one device in [from, to), oldest first, at most {@code limit}. */
    default List<StoredEvent> events(DeviceKey device, Instant from, Instant to, int limit) {
        return events(device, from, to, 0, limit);
    }

    /** How many events one device has in [from, to): what {@link #events} pages through. */
    long eventCount(DeviceKey device, Instant from, Instant to);

    /** A short name for logs and stats, e.g. {@code influxdb-v1} or {@code jdbc-h2}. */
    String describe();

    @Override
    void close();
}
