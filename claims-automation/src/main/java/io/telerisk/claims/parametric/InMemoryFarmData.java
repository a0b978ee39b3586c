package io.telerisk.claims.parametric;

import io.telerisk.model.summary.FarmDay;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Thread-safe in-memory {@link FarmDaySource} and {@link NdviAnomalySource}. */
public final class InMemoryFarmData implements FarmDaySource, NdviAnomalySource {
    private final List<FarmDay> days = new CopyOnWriteArrayList<>();
    private final Map<String, NavigableMap<LocalDate, Double>> ndvi = new ConcurrentHashMap<>();

    public void add(FarmDay d) {
        days.add(d);
    }

    public void addNdviAnomaly(String fieldId, LocalDate sceneDate, double zScore) {
        ndvi.computeIfAbsent(fieldId, k -> new ConcurrentSkipListMap<>()).put(sceneDate, zScore);
    }

    @Override
    public List<FarmDay> days(String tenant, String deviceId, LocalDate from, LocalDate toInclusive) {
        return days.stream().filter(d -> d.tenant().equals(tenant) && d.deviceId().equals(deviceId)
                && !d.day().isBefore(from) && !d.day().isAfter(toInclusive)).toList();
    }

    @Override
    public OptionalDouble anomaly(String fieldId, LocalDate asOf) {
        NavigableMap<LocalDate, Double> m = ndvi.get(fieldId);
        if (m == null) return OptionalDouble.empty();
        Map.Entry<LocalDate, Double> e = m.floorEntry(asOf);
        return e == null ? OptionalDouble.empty() : OptionalDouble.of(e.getValue());
    }
}
