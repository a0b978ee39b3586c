package io.telerisk.hub.summary;

import java.util.concurrent.atomic.LongAdder;

/** The summariser's counters, for logs and the stats endpoint. */
public final class SummaryStats {
    final LongAdder envelopes = new LongAdder();
    final LongAdder daysComputed = new LongAdder();
    final LongAdder storeLoads = new LongAdder();
    final LongAdder overflowed = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder pastRetention = new LongAdder();

    public long envelopes() { return envelopes.sum(); }
    public long daysComputed() { return daysComputed.sum(); }
    /** Ranges read from the telemetry store: one per recomputed day, or one for a device's neighbouring days. */
    public long storeLoads() { return storeLoads.sum(); }
    /** Times the bound on unwritten marks made a writer thread write them before the end of its batch. */
    public long overflowed() { return overflowed.sum(); }
    /** Mark writes or recomputations that failed on the store or the system of record (retried). */
    public long failures() { return failures.sum(); }
    /** Dirty days skipped because their raw data is past retention. */
    public long pastRetention() { return pastRetention.sum(); }
}
