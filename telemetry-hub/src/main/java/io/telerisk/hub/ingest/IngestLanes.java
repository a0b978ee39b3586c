package io.telerisk.hub.ingest;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;

import java.util.Set;

/**
 * Two batch writers: one for telemetry, batched for throughput, and an urgent lane for the few envelopes a person
 * is waiting on (a crash candidate, its dismissal, a farmer's loan request). The urgent lane has its own writer
 * thread, store call and spool, and writes at once, so a crash is never queued behind seconds of telemetry when
 * the store is slow; it shares backpressure, counters and listeners with the telemetry lane.
 *
 * <p>Routing is by content, so a redelivered copy takes its original's lane, and each lane acknowledges in order:
 * a duplicate is still never acknowledged before its original is durable. Rejections and presence messages take
 * the telemetry lane. Envelopes of one device may reach the store in a different order across the two lanes;
 * nothing depends on that order (the store is keyed by time and sequence, summaries recompute whole days).
 */
final class IngestLanes implements AutoCloseable {
    /** Event types that take the urgent lane. */
    static final Set<String> URGENT_EVENTS = Set.of(EventTypes.CRASH_CANDIDATE, EventTypes.CRASH_DISMISSED,
            EventTypes.LOAN_REQUEST);

    private final BatchWriter telemetry;
    private final BatchWriter urgent;

    IngestLanes(BatchWriter telemetry, BatchWriter urgent) {
        this.telemetry = telemetry;
        this.urgent = urgent;
    }

    /** Whether an envelope carries an event someone is waiting on. */
    static boolean urgent(Envelope e) {
        if (e == null) return false;
        for (DeviceEvent ev : e.events()) if (URGENT_EVENTS.contains(ev.type())) return true;
        return false;
    }

    void start() {
        telemetry.start();
        urgent.start();
    }

    void submit(Pending p) {
        (p.rejection == null && urgent(p.envelope) ? urgent : telemetry).submit(p);
    }

    boolean storeAvailable() {
        return telemetry.storeAvailable() && urgent.storeAvailable();
    }

    long spoolBytes() {
        return telemetry.spoolBytes() + urgent.spoolBytes();
    }

    @Override
    public void close() {
        urgent.close();
        telemetry.close();
    }
}
