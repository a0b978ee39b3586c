package io.telerisk.hub.summary;

import io.telerisk.hub.store.StoredEvent;
import io.telerisk.hub.store.StoredSample;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One device's samples and events read back from the telemetry store to recompute its marked days, for one range
 * at a time. The summariser reads a device's neighbouring marked days in one range (a vehicle's day and the day
 * before it share 36 of their 48 hours), so each is not read twice. Not thread-safe: one summariser pass.
 */
final class StoredDays {
    /** Trips may cross midnight: a vehicle day's summary needs this much data either side of it. */
    static final Duration TRIP_MARGIN = Duration.ofHours(12);
    private static final int PAGE = 50_000;

    private final DeviceKey key;
    private final ZoneId zone;
    private final NavigableMap<Instant, Sample> samples = new TreeMap<>();
    private final NavigableMap<EventKey, DeviceEvent> events = new TreeMap<>();
    private Instant heldFrom;
    private Instant heldTo;

    StoredDays(DeviceKey key, ZoneId zone) {
        this.key = key;
        this.zone = zone;
    }

    DeviceKey key() {
        return key;
    }

    ZoneId zone() {
        return zone;
    }

    /** Where the data one day's summary needs begins: 12 h before the day for vehicles. */
    Instant needFrom(LocalDate day) {
        Instant start = day.atStartOfDay(zone).toInstant();
        return key.type() == DeviceType.VEHICLE ? start.minus(TRIP_MARGIN) : start;
    }

    /** Where the data one day's summary needs ends (exclusive): 12 h after the day for vehicles. */
    Instant needTo(LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        return key.type() == DeviceType.VEHICLE ? end.plus(TRIP_MARGIN) : end;
    }

    /** Whether [from, to) was read. */
    boolean holds(Instant from, Instant to) {
        return heldFrom != null && !from.isBefore(heldFrom) && !to.isAfter(heldTo);
    }

    /** Forgets what was held and reads [from, to) from the store (paged; stationary vehicle samples left out). */
    void read(TelemetryStore store, Instant from, Instant to) {
        samples.clear();
        events.clear();
        heldFrom = null;
        Instant cursor = from;
        while (true) {
            List<StoredSample> page = store.raw(key, cursor, to, PAGE);
            for (StoredSample s : page) {
                if (s.sample() instanceof VehicleSample v && !VehicleDayCalculator.isMotion(v)) continue;
                samples.putIfAbsent(s.sample().time(), s.sample());
            }
            if (page.size() < PAGE) break;
            cursor = page.get(page.size() - 1).sample().time().plusNanos(1);
        }
        cursor = from;
        while (true) {
            List<StoredEvent> page = store.events(key, cursor, to, PAGE);
            for (StoredEvent e : page) events.putIfAbsent(new EventKey(e.event().time(), e.event().type()), e.event());
            if (page.size() < PAGE) break;
            cursor = page.get(page.size() - 1).event().time().plusNanos(1);
        }
        heldFrom = from;
        heldTo = to;
    }

    /** Samples held in [from, to), oldest first. */
    Collection<Sample> samples(Instant from, Instant to) {
        return samples.subMap(from, true, to, false).values();
    }

    /** Events held in [from, to), oldest first. */
    Collection<DeviceEvent> events(Instant from, Instant to) {
        return events.subMap(new EventKey(from, ""), true, new EventKey(to, ""), false).values();
    }

    private record EventKey(Instant time, String type) implements Comparable<EventKey> {
        @Override
        public int compareTo(EventKey o) {
            int c = time.compareTo(o.time);
            return c != 0 ? c : type.compareTo(o.type);
        }
    }
}
