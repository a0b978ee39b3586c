package io.telerisk.hub.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-minute ingest counts of this hub over the last hour, for operators: messages received, stored, rejected and
 * duplicates per UTC minute, in a ring of {@value #MINUTES} buckets in memory (not shared between hubs, not kept across
 * restarts). A bucket is reused when its minute comes round again an hour later; a count that races that reset by a
 * few nanoseconds at the minute boundary may land in the new minute, which is fine for a rate.
 */
public final class IngestRates {
    /** How many minutes the ring keeps, the current one included. */
    public static final int MINUTES = 60;

    private final Clock clock;
    private final Bucket[] ring = new Bucket[MINUTES];

    public IngestRates(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < MINUTES; i++) ring[i] = new Bucket();
    }

    /** One minute's counts. */
    public record Minute(Instant start, long received, long stored, long rejected, long duplicates) {
    }

    void received() {
        current().received.increment();
    }

    void stored(int messages) {
        current().stored.add(messages);
    }

    void rejected() {
        current().rejected.increment();
    }

    void duplicate() {
        current().duplicates.increment();
    }

    /** The last {@value #MINUTES} minutes, oldest first, ending with the current (partial) minute; zeros where nothing came. */
    public List<Minute> lastHour() {
        long now = epochMinute();
        List<Minute> out = new ArrayList<>(MINUTES);
        for (long m = now - MINUTES + 1; m <= now; m++) {
            Bucket b = ring[slot(m)];
            Instant start = Instant.ofEpochSecond(m * 60);
            if (b.minute == m) out.add(new Minute(start, b.received.sum(), b.stored.sum(), b.rejected.sum(), b.duplicates.sum()));
            else out.add(new Minute(start, 0, 0, 0, 0));
        }
        return out;
    }

    private Bucket current() {
        long m = epochMinute();
        Bucket b = ring[slot(m)];
        if (b.minute != m) {
            synchronized (b) {
                if (b.minute != m) {
                    b.received.reset();
                    b.stored.reset();
                    b.rejected.reset();
                    b.duplicates.reset();
                    b.minute = m;
                }
            }
        }
        return b;
    }

    private long epochMinute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }

    private static int slot(long minute) {
        return (int) Math.floorMod(minute, (long) MINUTES);
    }

    private static final class Bucket {
        volatile long minute = Long.MIN_VALUE;
        final LongAdder received = new LongAdder();
        final LongAdder stored = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder duplicates = new LongAdder();
    }
}
