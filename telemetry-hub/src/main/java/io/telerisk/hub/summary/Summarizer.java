package io.telerisk.hub.summary;

import io.telerisk.hub.ingest.AcceptedListener;
import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.StoreReadException;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.FarmSample;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;
import io.telerisk.model.summary.Trip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Turns stored envelopes into summaries in the system of record: vehicle daily usage and trips, wearable days and
 * farm days, per device and local day of the tenant's zone. Correct with several hubs on one shared subscription,
 * where each hub sees only a share of every device's messages (docs/topology.md).
 *
 * <p><b>Mark, then recompute from the store.</b> A summary is a pure function of the device's samples and events of
 * that day (plus 12 h either side for trips crossing midnight), so it is never accumulated from what one hub saw:
 * every hub marks the device-days its stored envelopes touch in the system of record ({@link DirtyDays}; a vehicle
 * sample within 12 h after local midnight marks the previous day too, as a trip may cross midnight), and the hub
 * elected to summarise ({@link #leadWhen}; PostgreSQL advisory lock, or always with H2) recomputes every marked day
 * from the telemetry store and upserts the result. Marks are written on the ingest writer thread at the end of each
 * stored batch ({@link #batchStored}), before the batch is acknowledged, so a hub that dies leaves no stored data
 * unmarked.
 *
 * <p><b>Removing a mark without losing one.</b> A mark bumps the row's generation and stamps it with the database's
 * time. A hub does not write the same mark again within {@value #MARK_TTL_SECONDS} s of its last write (most batches
 * touch days already marked); so the summariser removes a recomputed day only if its generation is unchanged and it
 * was last marked more than {@value #QUIET_SECONDS} s before the summariser read it: any envelope stored later was
 * either marked again (new generation) or stored before that read, hence in the recomputation. A day still
 * receiving data is recomputed at most every {@link #recomputeActiveDaysEvery spacing} (the hub uses ten summary
 * intervals), and once more when it goes quiet: recomputing re-reads the whole day from the store, so doing it every
 * interval for every active device made the summariser's work grow with devices × data per day. Days whose raw data
 * is past the tenant's raw retention are not recomputed (their mark is removed).
 *
 * <p><b>Threading.</b> {@link #accepted} and {@link #batchStored} run on ingest writer threads and are thread-safe;
 * one worker thread ({@link #start}) recomputes every interval. Tests call {@link #flush()} directly.
 */
public final class Summarizer implements AcceptedListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Summarizer.class.getName());
    /**
     * A hub writes the same mark at most this often. Every active device-day costs one row update per this period on
     * the ingest writer thread, before acknowledgements: at 5 s, 1,000 devices were most of the writer's work.
     */
    static final long MARK_TTL_SECONDS = 30;
    /** A recomputed day keeps its mark until it has been quiet this long (three mark periods). */
    static final long QUIET_SECONDS = 90;
    private static final int DAYS_PER_PASS = 10_000;
    /** At most this many of a device's neighbouring days are read from the store at once (bounds the memory). */
    static final int DAYS_PER_READ = 7;

    private final TelemetryStore store;
    private final JdbcSummaryRepository repo;
    private final DirtyDays dirty;
    private final RetentionPolicies policies;
    private final VehicleDayCalculator vehicles;
    private final Clock clock;
    private final int pendingBound;
    private final Set<DirtyDays.Day> pending = ConcurrentHashMap.newKeySet();
    /** When this hub last wrote each mark (System.nanoTime before the write). */
    private final Map<DirtyDays.Day, Long> markedAt = new ConcurrentHashMap<>();
    /** When this hub last recomputed a day that was still receiving data (System.nanoTime); a cache, for spacing. */
    private final Map<DirtyDays.Day, Long> computedAt = new ConcurrentHashMap<>();
    private volatile long activeSpacingNanos;
    private final Object markLock = new Object();
    private final Object lock = new Object();
    private final SummaryStats stats = new SummaryStats();
    private volatile BooleanSupplier leading = () -> true;
    private volatile Thread worker;
    private volatile boolean running;
    /** Set by {@link #close}: a pass stops at this System.nanoTime; the days it did not reach stay marked. */
    private volatile long closeBy = Long.MAX_VALUE;
    /** How long a stopping hub goes on recomputing (marks are in the system of record: the rest waits for a pass). */
    private volatile Duration closeBudget = Duration.ofSeconds(10);


    /**
     * @param store        where raw data is read from
     * @param repo         where summaries go (its database also holds the marks)
     * @param policies     tenant zones and raw retention
     * @param limits       speed limits for speeding and urban distance
     * @param pendingBound unwritten marks held before a writer thread writes them at once
     */
    public Summarizer(TelemetryStore store, JdbcSummaryRepository repo, RetentionPolicies policies, SpeedLimits limits,
                      Clock clock, int pendingBound) {
        this.store = store;
        this.repo = repo;
        this.dirty = new DirtyDays(repo.dataSource());
        this.policies = policies;
        this.vehicles = new VehicleDayCalculator(limits);
        this.clock = clock;
        this.pendingBound = Math.max(1, pendingBound);
    }

    /**
     * Recomputes only while {@code leader} says this hub is the one elected to summarise (the hub passes a
     * PostgreSQL advisory lock; the default is always, for one hub).
     */
    public Summarizer leadWhen(BooleanSupplier leader) {
        this.leading = java.util.Objects.requireNonNull(leader, "leader");
        return this;
    }

    /**
     * Recomputes a day that is still receiving data (marked less than {@value #QUIET_SECONDS} s before the read) at
     * most this often; it is recomputed again as soon as it goes quiet. Zero (the default) recomputes every marked day
     * on every flush.
     */
    public Summarizer recomputeActiveDaysEvery(Duration spacing) {
        if (spacing.isNegative()) throw new IllegalArgumentException("spacing must not be negative: " + spacing);
        this.activeSpacingNanos = spacing.toNanos();
        return this;
    }

    /** Notes the device-days of a stored envelope. Thread-safe, cheap; the marks are written by {@link #batchStored}. */
    @Override
    public void accepted(Envelope envelope) {
        stats.envelopes.increment();
        DeviceKey key = envelope.key();
        ZoneId zone = policies.zone(key.tenant());
        boolean vehicle = key.type() == DeviceType.VEHICLE;
        long now = System.nanoTime();
        for (Sample s : envelope.samples()) {
            if (s instanceof VehicleSample v && !VehicleDayCalculator.isMotion(v)) continue;
            note(key, s.time(), zone, vehicle, now);
        }
        for (DeviceEvent e : envelope.events()) note(key, e.time(), zone, vehicle, now);
        if (pending.size() >= pendingBound) {
            stats.overflowed.increment();
            batchStored();
        }
    }

    private void note(DeviceKey key, Instant t, ZoneId zone, boolean vehicle, long nowNanos) {
        LocalDate d = day(t, zone);
        notePending(new DirtyDays.Day(key, d), nowNanos);
        // a trip or segment crossing midnight changes the previous day too
        if (vehicle && t.isBefore(d.atStartOfDay(zone).toInstant().plus(StoredDays.TRIP_MARGIN))) notePending(new DirtyDays.Day(key, d.minusDays(1)), nowNanos);
    }

    private void notePending(DirtyDays.Day d, long nowNanos) {
        Long last = markedAt.get(d);
        if (last != null && nowNanos - last < TimeUnit.SECONDS.toNanos(MARK_TTL_SECONDS)) return;
        pending.add(d);
    }

    /**
     * Writes the marks noted so far (end of an ingest batch, before it is acknowledged). A failure keeps them for the
     * next call and throws {@link io.telerisk.hub.ingest.FollowUpUnavailableException}, so the ingest spools the batch
     * rather than acknowledge it with its days unmarked.
     */
    @Override
    public void batchStored() {
        synchronized (markLock) {
            if (pending.isEmpty()) return;
            List<DirtyDays.Day> days = new ArrayList<>(pending);
            long before = System.nanoTime();
            try {
                dirty.mark(days);
            } catch (SummaryUnavailableException e) {
                stats.failures.increment();
                // the ingest keeps the batch in its spool (before acknowledging it) and tells us again
                throw new io.telerisk.hub.ingest.FollowUpUnavailableException("summary marks postponed: " + e.getMessage(), e);
            }
            pending.removeAll(days);
            for (DirtyDays.Day d : days) markedAt.put(d, before);
        }
    }

    private volatile java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);

    /** Starts the worker thread, recomputing every {@code interval}. */
    public void start(Duration interval) {
        running = true;
        stop = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> run(interval), "summarizer");
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    private void run(Duration interval) {
        java.util.concurrent.CountDownLatch stopped = stop;
        while (running) {
            try {
                if (stopped.await(Math.max(1, interval.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS)) return;
                flush();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException re) {
                stats.failures.increment();
                LOG.log(System.Logger.Level.WARNING, "summaries failed: " + re.getMessage(), re);
            }
        }
    }

    /** Counters. */
    public SummaryStats stats() {
        return stats;
    }

    /**
     * Writes pending marks and, on the elected hub, recomputes every marked day from the store now. Failures (store or
     * system of record down) keep the days marked for the next flush.
     *
     * @return days recomputed
     */
    public int flush() {
        try {
            batchStored();
        } catch (io.telerisk.hub.ingest.FollowUpUnavailableException e) {
            // kept pending for the next call; the marked days may still be recomputed
        }
        long stale = System.nanoTime() - TimeUnit.SECONDS.toNanos(MARK_TTL_SECONDS);
        markedAt.values().removeIf(t -> t - stale < 0);
        long spacing = activeSpacingNanos;
        long now = System.nanoTime();
        computedAt.values().removeIf(t -> now - t >= spacing);
        if (!leading.getAsBoolean()) return 0;
        synchronized (lock) {
            int done = 0;
            List<DirtyDays.Marked> marked;
            try {
                marked = dirty.read(DAYS_PER_PASS);
            } catch (SummaryUnavailableException e) {
                stats.failures.increment();
                LOG.log(System.Logger.Level.WARNING, "summaries postponed: " + e.getMessage());
                return 0;
            }
            List<DirtyDays.Marked> due = new ArrayList<>();
            for (DirtyDays.Marked m : marked) {
                boolean quiet = m.markedAt().isBefore(m.readAt().minusSeconds(QUIET_SECONDS));
                if (!quiet && spacing > 0) {
                    Long last = computedAt.get(m.day());
                    if (last != null && now - last < spacing) continue; // still receiving: next time, or once quiet
                    computedAt.put(m.day(), now);
                }
                due.add(m);
            }
            // A device's marked days, oldest first, so neighbouring days (a vehicle's day and the one before it,
            // marked for trips crossing midnight) are recomputed from one read of the store instead of one each.
            Map<DeviceKey, List<DirtyDays.Marked>> byDevice = new LinkedHashMap<>();
            for (DirtyDays.Marked m : due) byDevice.computeIfAbsent(m.day().device(), k -> new ArrayList<>()).add(m);
            int reached = 0;
            devices:
            for (List<DirtyDays.Marked> days : byDevice.values()) {
                days.sort(Comparator.comparing(m -> m.day().day()));
                DeviceKey key = days.get(0).day().device();
                if (System.nanoTime() - closeBy > 0) {
                    LOG.log(System.Logger.Level.INFO, "stopping: " + (due.size() - reached) + " marked days left marked for"
                            + " the next pass (this hub's next start, or another hub)");
                    break;
                }
                reached += days.size();
                StoredDays held = new StoredDays(key, policies.zone(key.tenant()));
                for (DirtyDays.Marked m : days) {
                    try {
                        if (recompute(held, m.day().day(), days)) done++;
                    } catch (StoreReadException | SummaryUnavailableException e) {
                        // a database is down: the day stays marked, try again next flush
                        stats.failures.increment();
                        LOG.log(System.Logger.Level.WARNING, "summaries postponed: " + e.getMessage());
                        break devices;
                    } catch (RuntimeException e) {
                        // something in this day's data cannot be summarised: log it and let the mark go, not block the others
                        stats.failures.increment();
                        LOG.log(System.Logger.Level.ERROR, "cannot summarise " + DirtyDays.describe(m.day()) + ": " + e, e);
                    }
                    try {
                        dirty.clear(m, m.readAt().minusSeconds(QUIET_SECONDS));
                    } catch (SummaryUnavailableException e) {
                        stats.failures.increment();
                        break devices;
                    }
                }
            }
            stats.daysComputed.add(done);
            return done;
        }
    }

    /**
     * Recomputes one day of the device, first reading what the day needs from the store if {@code held} does not
     * hold it yet: then in one read with the next of {@code deviceDays} (the device's days of this pass, oldest
     * first) whose ranges overlap or touch it, at most {@value #DAYS_PER_READ} days.
     */
    private boolean recompute(StoredDays held, LocalDate day, List<DirtyDays.Marked> deviceDays) {
        DeviceKey key = held.key();
        ZoneId zone = held.zone();
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        if (dayEnd.isBefore(clock.instant().minus(policies.of(key.tenant()).raw()))) {
            stats.pastRetention.increment();
            return false;
        }
        Instant from = held.needFrom(day);
        Instant to = held.needTo(day);
        if (!held.holds(from, to)) {
            Instant until = to;
            int span = 1;
            for (DirtyDays.Marked next : deviceDays) {
                LocalDate d = next.day().day();
                if (!d.isAfter(day)) continue;
                if (span >= DAYS_PER_READ || held.needFrom(d).isAfter(until)) break;
                until = held.needTo(d);
                span++;
            }
            stats.storeLoads.increment();
            held.read(store, from, until);
        }
        switch (key.type()) {
            case VEHICLE -> {
                // a day marked only because the next one's samples could end a trip that began on it
                if (held.samples(dayStart, dayEnd).isEmpty() && held.events(dayStart, dayEnd).isEmpty()) return false;
                List<VehicleSample> points = new ArrayList<>();
                for (Sample s : held.samples(from, to)) points.add((VehicleSample) s);
                List<DeviceEvent> events = new ArrayList<>(held.events(from, to));
                VehicleDayCalculator.Result r = vehicles.compute(key.tenant(), key.deviceId(), day, zone, points, events);
                List<Trip> today = new ArrayList<>();
                List<Trip> continuing = new ArrayList<>();
                for (Trip t : r.trips()) {
                    if (!t.start().isBefore(dayStart) && t.start().isBefore(dayEnd)) today.add(t);
                    else if (t.start().isBefore(dayStart) && !t.end().isBefore(dayStart)) continuing.add(t);
                }
                repo.save(r.usage());
                repo.replaceTrips(key.tenant(), key.deviceId(), day, today, day.minusDays(1), continuing);
            }
            case WEARABLE -> {
                List<WearableSample> samples = new ArrayList<>();
                for (Sample s : held.samples(from, to)) samples.add((WearableSample) s);
                if (samples.isEmpty()) return false;
                repo.save(WearableDayCalculator.compute(key.tenant(), key.deviceId(), day, samples));
            }
            case FARM_SENSOR -> {
                List<FarmSample> samples = new ArrayList<>();
                for (Sample s : held.samples(from, to)) samples.add((FarmSample) s);
                if (samples.isEmpty()) return false;
                repo.save(FarmDayCalculator.compute(key.tenant(), key.deviceId(), day, samples));
            }
        }
        return true;
    }

    private static LocalDate day(Instant t, ZoneId zone) {
        return LocalDate.ofInstant(t, zone);
    }

    /** How long {@link #close} goes on recomputing marked days (10 s by default); the rest stay marked. */
    Summarizer closeBudget(Duration budget) {
        closeBudget = budget;
        return this;
    }

    @Override
    public void close() {
        // a large backlog's marked days could take many minutes to recompute (issue #12's overload bench: 9.3 M points
        // re-read at stop); they are marked in the system of record, so stopping mid-pass loses nothing
        closeBy = System.nanoTime() + closeBudget.toNanos();
        running = false;
        Thread t = worker;
        if (t != null) {
            // signalled, never interrupted: an interrupt during a write closes H2's file channel (NIO's
            // ClosedByInterruptException), which killed the embedded database under the hub's last writes
            stop.countDown();
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }
}
