package io.telerisk.agri.ndvi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link NdviSeriesStore} in memory, for tests, the demo and single-process use. Thread-safe. */
public final class InMemoryNdviSeriesStore implements NdviSeriesStore {
    private final Map<String, TreeMap<String, NdviPoint>> byField = new HashMap<>();

    private static String key(Instant t, String sceneId) {
        return String.format("%020d|%09d|%s", t.getEpochSecond(), t.getNano(), sceneId);
    }

    @Override
    public synchronized void appendAll(List<NdviPoint> points) {
        for (NdviPoint p : List.copyOf(points)) {
            byField.computeIfAbsent(p.tenant() + "/" + p.fieldId(), k -> new TreeMap<>()).put(key(p.acquired(), p.sceneId()), p);
        }
    }

    @Override
    public synchronized List<NdviPoint> series(String tenant, String fieldId, Instant from, Instant toExclusive) {
        TreeMap<String, NdviPoint> m = byField.get(tenant + "/" + fieldId);
        if (m == null) return List.of();
        List<NdviPoint> out = new ArrayList<>();
        for (NdviPoint p : m.values()) {
            if (!p.acquired().isBefore(from) && p.acquired().isBefore(toExclusive)) out.add(p);
        }
        return out;
    }
}
