package io.telerisk.hub.summary;

import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.StoreReadException;
import io.telerisk.hub.store.StoredEvent;
import io.telerisk.hub.store.StoredSample;
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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns stored envelopes into summaries in the system of record: vehicle daily usage and trips, wearable days and
 * farm days, per device and local day of the tenant's zone.
 *
 * <p><b>Correct under duplicates and out-of-order delivery by construction.</b> A summary is a pure function of
 * the device's samples and events of that day (plus 12 h either side for trips crossing midnight), so the
 * summariser never accumulates increments: it keeps the device's recent samples in a map keyed by sample time
 * (a duplicate lands on the same key, a late one in its place), marks the local days an envelope touches as dirty,
 * and on each flush recomputes every dirty day from that map and upserts the result. When a day's range is not
 * in memory (a replay after an outage, a hub restart, eviction) the range is loaded from the telemetry store
 * first: the ingest pipeline announces an envelope only once it is stored, so store plus announcements since the
 * load are complete. Days whose raw data is past the tenant's raw retention are not recomputed.
 *
 * <p><b>Threading.</b> {@link #accepted} is thread-safe and never blocks: it queues the envelope (or, when the
 * queue is full, only notes the device and days to reload from the store). One worker thread ({@link #start})
 * applies queued envelopes and flushes every interval; all state is confined to it. Tests call {@link #flush()}
 * directly instead of starting the worker.
 */
public final class Summarizer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Summarizer.class.getName());
    private static final Duration TRIP_MARGIN = Duration.ofHours(12);
    private static final Duration KEEP = Duration.ofDays(3);
    private static final int PAGE = 50_000;

    private final TelemetryStore store;
    private final JdbcSummaryRepository repo;
    private final RetentionPolicies policies;
    private final VehicleDayCalculator vehicles;
    private final Clock clock;
    private final BlockingQueue<Envelope> queue;
    private final Set<Overflow> overflow = ConcurrentHashMap.newKeySet();
    private final Map<DeviceKey, DeviceState> devices = new HashMap<>();
    private final Object lock = new Object();
    private final Stats stats = new Stats();
    private volatile Thread worker;
    private volatile boolean running;

    private record Overflow(DeviceKey device, LocalDate day) {
    }

    /** Counters for logs and the stats endpoint. */
    public static final class Stats {
        final LongAdder envelopes = new LongAdder();
        final LongAdder daysComputed = new LongAdder();
        final LongAdder storeLoads = new LongAdder();
        final LongAdder overflowed = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder pastRetention = new LongAdder();

        public long envelopes() { return envelopes.sum(); }
        public long daysComputed() { return daysComputed.sum(); }
        /** Day ranges read back from the telemetry store (replays, restarts). */
        public long storeLoads() { return storeLoads.sum(); }
        /** Envelopes not queued because the queue was full (their days are reloaded from the store). */
        public long overflowed() { return overflowed.sum(); }
        /** Flushes that failed on the store or the system of record (retried next flush). */
        public long failures() { return failures.sum(); }
        /** Dirty days skipped because their raw data is past retention. */
        public long pastRetention() { return pastRetention.sum(); }
    }

    /**
     * @param store    where raw data is reloaded from
     * @param repo     where summaries go
     * @param policies tenant zones and raw retention
     * @param limits   speed limits for speeding and urban distance
     */
    public Summarizer(TelemetryStore store, JdbcSummaryRepository repo, RetentionPolicies policies, SpeedLimits limits,
                      Clock clock, int queueCapacity) {
        this.store = store;
        this.repo = repo;
        this.policies = policies;
        this.vehicles = new VehicleDayCalculator(limits);
        this.clock = clock;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
    }

    /** Announces a stored envelope. Thread-safe, never blocks; wire it as the ingest pipeline's accepted-listener. */
    public void accepted(Envelope envelope) {
        if (queue.offer(envelope)) return;
        stats.overflowed.increment();
        ZoneId zone = policies.zone(envelope.tenant());
        for (Sample s : envelope.samples()) overflow.add(new Overflow(envelope.key(), day(s.time(), zone)));
        for (DeviceEvent e : envelope.events()) overflow.add(new Overflow(envelope.key(), day(e.time(), zone)));
    }

    /** Starts the worker thread, flushing every {@code interval}. */
    public void start(Duration interval) {
        running = true;
        Thread t = new Thread(() -> run(interval), "summarizer");
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    private void run(Duration interval) {
        long next = System.nanoTime() + interval.toNanos();
        while (running) {
            try {
                Envelope e = queue.poll(Math.max(1, next - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e != null) {
                    synchronized (lock) {
                        apply(e);
                    }
                }
                if (System.nanoTime() >= next) {
                    flush();
                    next = System.nanoTime() + interval.toNanos();
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException re) {
                stats.failures.increment();
            }
        }
    }

    /** Counters. */
    public Stats stats() {
        return stats;
    }

    /**
     * Applies everything queued and recomputes every dirty day now. Failures (store or system of record down) keep
     * the days dirty for the next flush.
     *
     * @return days recomputed
     */
    public int flush() {
        synchronized (lock) {
            for (Envelope e; (e = queue.poll()) != null; ) apply(e);
            for (Iterator<Overflow> it = overflow.iterator(); it.hasNext(); ) {
                Overflow o = it.next();
                it.remove();
                DeviceState st = state(o.device());
                st.loaded.clear(); // memory missed these samples: reload every range from the store
                st.dirty.add(o.day());
            }
            int done = 0;
            for (DeviceState st : devices.values()) {
                for (Iterator<LocalDate> it = st.dirty.iterator(); it.hasNext(); ) {
                    LocalDate day = it.next();
                    try {
                        if (recompute(st, day)) done++;
                        it.remove();
                    } catch (StoreReadException | SummaryUnavailableException e) {
                        // a database is down: keep the day dirty and try again next flush
                        stats.failures.increment();
                        LOG.log(System.Logger.Level.WARNING, "summaries postponed: " + e.getMessage());
                        return done;
                    } catch (RuntimeException e) {
                        // something in this day's data cannot be summarised: drop the day rather than block the others
                        it.remove();
                        stats.failures.increment();
                        LOG.log(System.Logger.Level.ERROR, "cannot summarise " + st.key + " on " + day + ": " + e, e);
                    }
                }
            }
            evict();
            stats.daysComputed.add(done);
            return done;
        }
    }

    private DeviceState state(DeviceKey key) {
        return devices.computeIfAbsent(key, k -> new DeviceState(k, policies.zone(k.tenant())));
    }

    private void apply(Envelope e) {
        stats.envelopes.increment();
        DeviceState st = state(e.key());
        st.touched = clock.instant();
        for (Sample s : e.samples()) {
            if (s instanceof VehicleSample v && !VehicleDayCalculator.isMotion(v)) continue;
            Map.Entry<Instant, Sample> previous = st.samples.lowerEntry(s.time());
            st.samples.put(s.time(), s);
            LocalDate d = day(s.time(), st.zone);
            st.dirty.add(d);
            // a segment crossing midnight counts for the day of its midpoint: the earlier day changes too
            if (previous != null) {
                LocalDate pd = day(previous.getKey(), st.zone);
                if (!pd.equals(d)) st.dirty.add(pd);
            }
        }
        for (DeviceEvent ev : e.events()) {
            st.events.put(new EventKey(ev.time(), ev.type()), ev);
            st.dirty.add(day(ev.time(), st.zone));
        }
    }

    private boolean recompute(DeviceState st, LocalDate day) {
        DeviceKey key = st.key;
        Instant dayStart = day.atStartOfDay(st.zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(st.zone).toInstant();
        if (dayEnd.isBefore(clock.instant().minus(policies.of(key.tenant()).raw()))) {
            stats.pastRetention.increment();
            return false;
        }
        boolean vehicle = key.type() == DeviceType.VEHICLE;
        Instant from = vehicle ? dayStart.minus(TRIP_MARGIN) : dayStart;
        Instant to = vehicle ? dayEnd.plus(TRIP_MARGIN) : dayEnd;
        if (!st.covered(from, to)) load(st, from, to);
        switch (key.type()) {
            case VEHICLE -> {
                List<VehicleSample> points = new ArrayList<>();
                for (Sample s : st.samples.subMap(from, true, to, false).values()) points.add((VehicleSample) s);
                List<DeviceEvent> events = new ArrayList<>(st.events.subMap(new EventKey(from, ""), true,
                        new EventKey(to, ""), false).values());
                VehicleDayCalculator.Result r = vehicles.compute(key.tenant(), key.deviceId(), day, st.zone, points, events);
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
                for (Sample s : st.samples.subMap(from, true, to, false).values()) samples.add((WearableSample) s);
                if (samples.isEmpty()) return false;
                repo.save(WearableDayCalculator.compute(key.tenant(), key.deviceId(), day, samples));
            }
            case FARM_SENSOR -> {
                List<FarmSample> samples = new ArrayList<>();
                for (Sample s : st.samples.subMap(from, true, to, false).values()) samples.add((FarmSample) s);
                if (samples.isEmpty()) return false;
                repo.save(FarmDayCalculator.compute(key.tenant(), key.deviceId(), day, samples));
            }
        }
        return true;
    }

    /** Reads [from, to) of the device back from the store into memory. */
    private void load(DeviceState st, Instant from, Instant to) {
        stats.storeLoads.increment();
        Instant cursor = from;
        while (true) {
            List<StoredSample> page = store.raw(st.key, cursor, to, PAGE);
            for (StoredSample s : page) {
                if (s.sample() instanceof VehicleSample v && !VehicleDayCalculator.isMotion(v)) continue;
                st.samples.putIfAbsent(s.sample().time(), s.sample());
            }
            if (page.size() < PAGE) break;
            cursor = page.get(page.size() - 1).sample().time().plusNanos(1);
        }
        cursor = from;
        while (true) {
            List<StoredEvent> page = store.events(st.key, cursor, to, PAGE);
            for (StoredEvent e : page) st.events.putIfAbsent(new EventKey(e.event().time(), e.event().type()), e.event());
            if (page.size() < PAGE) break;
            cursor = page.get(page.size() - 1).event().time().plusNanos(1);
        }
        st.addLoaded(from, to);
    }

    /** Drops samples more than {@link #KEEP} older than a device's newest, and devices idle for a day. */
    private void evict() {
        Instant now = clock.instant();
        for (Iterator<DeviceState> it = devices.values().iterator(); it.hasNext(); ) {
            DeviceState st = it.next();
            if (st.dirty.isEmpty() && st.touched.isBefore(now.minus(Duration.ofDays(1)))) {
                it.remove();
                continue;
            }
            if (st.samples.isEmpty()) continue;
            Instant horizon = st.samples.lastKey().minus(KEEP);
            st.samples.headMap(horizon, false).clear();
            st.events.headMap(new EventKey(horizon, ""), false).clear();
            st.clipLoaded(horizon);
        }
    }

    private static LocalDate day(Instant t, ZoneId zone) {
        return LocalDate.ofInstant(t, zone);
    }

    @Override
    public void close() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    private record EventKey(Instant time, String type) implements Comparable<EventKey> {
        @Override
        public int compareTo(EventKey o) {
            int c = time.compareTo(o.time);
            return c != 0 ? c : type.compareTo(o.type);
        }
    }

    /** Per-device state, confined to the worker. */
    private static final class DeviceState {
        final DeviceKey key;
        final ZoneId zone;
        final NavigableMap<Instant, Sample> samples = new TreeMap<>();
        final NavigableMap<EventKey, DeviceEvent> events = new TreeMap<>();
        final Set<LocalDate> dirty = new TreeSet<>();
        /** Time ranges known complete in memory (loaded from the store; later data arrives by announcement). */
        final List<Instant[]> loaded = new ArrayList<>();
        Instant touched = Instant.EPOCH;

        DeviceState(DeviceKey key, ZoneId zone) {
            this.key = key;
            this.zone = zone;
        }

        boolean covered(Instant from, Instant to) {
            for (Instant[] r : loaded) if (!r[0].isAfter(from) && !r[1].isBefore(to)) return true;
            return false;
        }

        void addLoaded(Instant from, Instant to) {
            Instant f = from, t = to;
            for (Iterator<Instant[]> it = loaded.iterator(); it.hasNext(); ) {
                Instant[] r = it.next();
                if (!r[1].isBefore(f) && !r[0].isAfter(t)) {
                    if (r[0].isBefore(f)) f = r[0];
                    if (r[1].isAfter(t)) t = r[1];
                    it.remove();
                }
            }
            loaded.add(new Instant[]{f, t});
        }

        void clipLoaded(Instant horizon) {
            for (Iterator<Instant[]> it = loaded.iterator(); it.hasNext(); ) {
                Instant[] r = it.next();
                if (!r[1].isAfter(horizon)) it.remove();
                else if (r[0].isBefore(horizon)) r[0] = horizon;
            }
        }
    }
}
