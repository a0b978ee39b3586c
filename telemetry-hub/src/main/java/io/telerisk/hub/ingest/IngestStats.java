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
 *
 * <p>The hub's counters are the platform's business; a tenant sees only its own, kept alongside in a child per
 * tenant ({@link #ofTenant}). A tenant's child is created by its first stored message (a registered device's, so
 * made-up tenant names in topics never create one), at most {@link #MAX_TENANTS} of them; rejected and duplicate
 * messages count for a tenant from then on. A tenant's message counts as received when its outcome is counted
 * (stored, duplicate or rejected), so for a tenant received = stored + duplicates + rejected always holds.
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
    private final Clock clock;
    /** Per-tenant children; null in a child. */
    private final Map<String, IngestStats> tenants;

    /** Most tenants counted apart on one hub. */
    public static final int MAX_TENANTS = 10_000;

    public IngestStats() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock the per-minute rates are bucketed by */
    public IngestStats(Clock clock) {
        this(clock, new java.util.concurrent.ConcurrentHashMap<>());
    }

    private IngestStats(Clock clock, Map<String, IngestStats> tenants) {
        this.clock = clock;
        this.rates = new IngestRates(clock);
        this.tenants = tenants;
        for (RejectReason r : RejectReason.values()) rejected.put(r, new LongAdder());
        for (MqttRefusal r : MqttRefusal.values()) refusals.put(r, new LongAdder());
    }

    /** The counters of one tenant on this hub, or null when it has stored nothing here yet (or this is a child). */
    public IngestStats ofTenant(String tenant) {
        return tenants == null || tenant == null ? null : tenants.get(tenant);
    }

    /** Counts stored messages for the hub and for their tenant (creating its counters, within {@link #MAX_TENANTS}). */
    public void stored(String tenant, int messages, int points, int events) {
        stored(messages, points, events);
        if (tenants == null) return;
        IngestStats t = tenants.get(tenant);
        if (t == null && tenants.size() < MAX_TENANTS) t = tenants.computeIfAbsent(tenant, k -> new IngestStats(clock, null));
        if (t != null) t.stored(messages, points, events);
    }

    public void received() {
        messagesReceived.increment();
        rates.received();
    }

    /** A tenant's child counts a message as received with its outcome (it never sees messages it cannot place). */
    private void receivedWithOutcome(int messages) {
        if (tenants != null) return;
        messagesReceived.add(messages);
        for (int i = 0; i < messages; i++) rates.received();
    }

    public void stored(int messages, int points, int events) {
        receivedWithOutcome(messages);
        messagesStored.add(messages);
        rates.stored(messages);
        pointsStored.add(points);
        eventsStored.add(events);
    }
    public void duplicate() {
        receivedWithOutcome(1);
        duplicates.increment();
        rates.duplicate();
    }
    public void spooled(int messages) { spooled.add(messages); }
    public void replayedFromSpool(int messages) { spoolReplayed.add(messages); }
    public void rejected(RejectReason reason) {
        receivedWithOutcome(1);
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
