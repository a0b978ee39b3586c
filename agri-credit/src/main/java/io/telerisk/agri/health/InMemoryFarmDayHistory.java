package io.telerisk.agri.health;

import io.telerisk.model.summary.FarmDay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link FarmDayHistory} in memory; a later day for the same device and date replaces the earlier one. */
public final class InMemoryFarmDayHistory implements FarmDayHistory {
    private final Map<String, TreeMap<LocalDate, FarmDay>> days = new ConcurrentHashMap<>();

    public synchronized void add(FarmDay d) {
        days.computeIfAbsent(d.tenant() + "/" + d.deviceId(), k -> new TreeMap<>()).put(d.day(), d);
    }

    @Override
    public synchronized List<FarmDay> between(String tenant, String deviceId, LocalDate from, LocalDate toExclusive) {
        TreeMap<LocalDate, FarmDay> m = days.get(tenant + "/" + deviceId);
        if (m == null || !from.isBefore(toExclusive)) return List.of();
        return new ArrayList<>(m.subMap(from, true, toExclusive, false).values());
    }
}
