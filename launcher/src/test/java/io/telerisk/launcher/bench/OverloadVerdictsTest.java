package io.telerisk.launcher.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PASS/FAIL lines of {@code bench ingest --scenarios overload}: each property of issue #12 against its bound. */
class OverloadVerdictsTest {
    private static final long MB = 1 << 20;

    @Test
    void everyPropertyWithinItsBoundPasses() {
        List<String> v = OverloadBench.verdicts("overload-share-100", 200 * MB, 1024 * MB, 30 * MB, 1024 * MB, 100, 20, 0, 1_000_000,
                12.0, 230, 250);
        assertEquals(5, v.size());
        assertTrue(v.stream().allMatch(l -> l.startsWith("PASS ")), String.join("\n", v));
    }

    @Test
    void eachPropertyOverItsBoundFailsOnItsOwnLine() {
        List<String> v = OverloadBench.verdicts("overload-builtin-single", 800 * MB, 1024 * MB, 1024 * MB, 1024 * MB, 101, 5, 1, 1_000_000,
                12.0, 150, 250);
        assertEquals(List.of("FAIL", "FAIL", "FAIL", "FAIL", "FAIL"), v.stream().map(l -> l.substring(0, 4)).toList(), String.join("\n", v));
        assertTrue(v.get(2).contains("longest 101 ms <= 100 ms"), v.get(2));
        assertTrue(v.get(3).contains("1 of 1000000 acknowledged points not stored"), v.get(3));
    }

    @Test
    void aBacklogGoneAtOnceCountsAsRecovered() {
        List<String> v = OverloadBench.verdicts("overload-builtin-100", 0, 1024 * MB, 0, 1024 * MB, 0, 0, 0, 10, 0.1, Double.NaN, 70);
        assertTrue(v.get(4).startsWith("PASS") && v.get(4).contains("backlog gone in 0.1 s"), v.get(4));
    }
}
