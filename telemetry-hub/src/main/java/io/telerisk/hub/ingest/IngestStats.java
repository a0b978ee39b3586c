package io.telerisk.hub.ingest;

import io.telerisk.model.codec.RejectReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the ingest pipeline, shared by its handlers and read by {@code GET /api/v1/stats/ingest} and the
 * Prometheus endpoint. Messages and points (samples) are counted separately.
 */
public final class IngestStats {
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder messagesStored = new LongAdder();
    private final LongAdder pointsStored = new LongAdder();
    private final LongAdder eventsStored = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder spooled = new LongAdder();
    private final LongAdder spoolReplayed = new LongAdder();
    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
    private final LongAdder connectionsRejected = new LongAdder();

    public IngestStats() {
        for (RejectReason r : RejectReason.values()) rejected.put(r, new LongAdder());
    }

    public void received() { messagesReceived.increment(); }
    public void stored(int messages, int points, int events) {
        messagesStored.add(messages);
        pointsStored.add(points);
        eventsStored.add(events);
    }
    public void duplicate() { duplicates.increment(); }
    public void spooled(int messages) { spooled.add(messages); }
    public void replayedFromSpool(int messages) { spoolReplayed.add(messages); }
    public void rejected(RejectReason reason) { rejected.get(reason).increment(); }
    /** An MQTT CONNECT refused (missing or wrong credentials, registry unavailable). */
    public void connectionRejected() { connectionsRejected.increment(); }
    /** CONNECTs refused since start. */
    public long connectionsRejected() { return connectionsRejected.sum(); }

    /** A consistent-enough copy for reporting. */
    public Snapshot snapshot() {
        Map<RejectReason, Long> r = new EnumMap<>(RejectReason.class);
        rejected.forEach((k, v) -> r.put(k, v.sum()));
        return new Snapshot(messagesReceived.sum(), messagesStored.sum(), pointsStored.sum(), eventsStored.sum(),
                duplicates.sum(), spooled.sum(), spoolReplayed.sum(), Map.copyOf(r));
    }

    /** Counter values at one moment. */
    public record Snapshot(long messagesReceived, long messagesStored, long pointsStored, long eventsStored,
                           long duplicates, long spooled, long spoolReplayed, Map<RejectReason, Long> rejected) {
        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
