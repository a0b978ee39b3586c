package io.telerisk.sim.truth;

import java.util.ArrayList;
import java.util.List;

/** Keeps ground-truth records in memory (tests, in-process evaluation). */
public final class InMemoryTruth implements TruthSink {
    private final List<TruthRecord> records = new ArrayList<>();

    @Override
    public synchronized void record(TruthRecord r) {
        records.add(r);
    }

    public synchronized List<TruthRecord> records() {
        return List.copyOf(records);
    }

    /** Records of one type, in arrival order. */
    public synchronized List<TruthRecord> ofType(String type) {
        return records.stream().filter(r -> r.type().equals(type)).toList();
    }
}
