package io.telerisk.hub.summary;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.EventTypes;
import io.telerisk.model.RoadClass;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The road class a vehicle reported ({@link EventTypes#ROAD_CLASS} events), looked up per driven segment. A report
 * holds from its time until the next report, within one trip: a trip uses reports made during it or at most
 * {@link #LEAD} before its first sample (the agent reports at trip start, the hub's trip starts at the first moving
 * sample); a class from an earlier trip is never carried over. Reports with a class the hub does not know are ignored.
 */
final class RoadClassReports {
    /** How long before a trip's first sample a report still belongs to that trip. */
    static final Duration LEAD = Duration.ofSeconds(300);

    private final List<Instant> times = new ArrayList<>();
    private final List<RoadClass> classes = new ArrayList<>();

    /** @param events the device's events, time-ordered (others than road_class are skipped) */
    RoadClassReports(Collection<DeviceEvent> events) {
        for (DeviceEvent e : events) {
            if (!EventTypes.ROAD_CLASS.equals(e.type())) continue;
            Optional<RoadClass> c = RoadClass.parse(e.labels().get(RoadClass.LABEL));
            if (c.isEmpty()) continue;
            times.add(e.time());
            classes.add(c.get());
        }
    }

    /** The class in force at {@code t} in a trip that started at {@code tripStart}, or empty when none was reported. */
    Optional<RoadClass> at(Instant t, Instant tripStart) {
        Instant earliest = tripStart.minus(LEAD);
        for (int i = times.size() - 1; i >= 0; i--) {
            Instant r = times.get(i);
            if (r.isAfter(t)) continue;
            return r.isBefore(earliest) ? Optional.empty() : Optional.of(classes.get(i));
        }
        return Optional.empty();
    }
}
