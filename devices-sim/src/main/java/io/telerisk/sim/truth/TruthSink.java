package io.telerisk.sim.truth;

/** Where ground-truth records go. Implementations are thread-safe. */
public interface TruthSink {
    void record(TruthRecord r);

    /** Discards everything. */
    TruthSink NONE = r -> { };
}
