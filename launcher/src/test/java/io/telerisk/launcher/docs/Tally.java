package io.telerisk.launcher.docs;

import io.telerisk.launcher.docs.DocExamples.Block;

import java.util.ArrayList;
import java.util.List;

/** What became of a doc's examples: how many were played, which failed (doc:line and why), which were skipped and why. */
final class Tally {
    final List<String> failures = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    int played;

    /** Counts {@code block} as played, or records its skip reason and answers false when it is marked skip. */
    boolean play(Block block) {
        if (block.skipReason().isPresent()) {
            skipped.add(block.where() + ": " + block.skipReason().get());
            return false;
        }
        played++;
        return true;
    }

    void add(Tally other) {
        failures.addAll(other.failures);
        skipped.addAll(other.skipped);
        played += other.played;
    }
}
