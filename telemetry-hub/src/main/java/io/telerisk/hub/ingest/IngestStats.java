package io.telerisk.hub.ingest;

import io.telerisk.model.codec.RejectReason;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the ingest pipeline, shared by its handlers and read by {@code GET /api/v1/stats/ingest} and the
 * Prometheus endpoint. Messages and points (samples) are counted separately. Per-minute counts of the last hour
 * ({@link #rates()}) are read by {@code GET /api/v1/stats/ingest/rates}.
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
    private final Map<MqttRefusal, LongAdder> refusals = new EnumMap<>(MqttRefusal.class);
    private final IngestRates rates;

    public IngestStats() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock the per-minute rates are bucketed by */
    public IngestStats(Clock clock) {
        this.rates = new IngestRates(clock);
        for (RejectReason r : RejectReason.values()) rejected.put(r, new LongAdder());
        for (MqttRefusal r : MqttRefusal.values()) refusals.put(r, new LongAdder());
    }

    public void received() {
        messagesReceived.increment();
        rates.received();
    }
    public void stored(int messages, int points, int events) {
        messagesStored.add(messages);
        rates.stored(messages);
        pointsStored.add(points);
        eventsStored.add(events);
    }
    public void duplicate() {
        duplicates.increment();
        rates.duplicate();
    }
    public void spooled(int messages) { spooled.add(messages); }
    public void replayedFromSpool(int messages) { spoolReplayed.add(messages); }
    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
        rates.rejected();
    }
    /** An MQTT CONNECT refused (missing or wrong credentials, registry unavailable). */
    public void connectionRejected() { connectionsRejected.increment(); }
    /** CONNECTs refused since start. */
    public long connectionsRejected() { return connectionsRejected.sum(); }

    /** A packet refused or a connection ended by the built-in endpoint, for this reason. */
    public void refused(MqttRefusal reason) { refusals.get(reason).increment(); }
    /** Packets refused or connections ended for this reason since start. */
    public long refusals(MqttRefusal reason) { return refusals.get(reason).sum(); }

    /** Per-minute counts of the last hour on this hub. */
    public IngestRates rates() {
        return rates;
    }

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
