package io.telerisk.hub.claims;

import io.telerisk.claims.classifier.BundledCrashModel;
import io.telerisk.claims.classifier.CrashFeatures;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A crash model that fails to load is tried again only after a growing pause, then loads once it can. */
class LazyCrashClassifierTest {
    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T00:00:00Z");

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    @Test
    void aFailedLoadIsRetriedOnlyAfterAPauseThatDoublesUpToItsCeiling() throws Exception {
        TestClock clock = new TestClock();
        AtomicInteger attempts = new AtomicInteger();
        boolean[] broken = {true};
        LazyCrashClassifier c = new LazyCrashClassifier("a test directory", BundledCrashModel.card(), () -> {
            attempts.incrementAndGet();
            if (broken[0]) throw new java.io.IOException("saved_model.pb is not a protocol buffer");
            return BundledCrashModel.load();
        }, clock);
        float[][] none = new float[0][];
        assertEquals(LazyCrashClassifier.State.NOT_LOADED, c.state());
        assertTrue(c.available());

        IllegalStateException first = assertThrows(IllegalStateException.class, () -> c.crashProbabilities(none));
        assertTrue(first.getMessage().contains("not a protocol buffer"), first.getMessage());
        assertEquals(1, attempts.get());
        assertEquals(LazyCrashClassifier.State.FAILED, c.state());
        assertFalse(c.available(), "no attempt during the pause");
        assertEquals(clock.instant().plus(LazyCrashClassifier.FIRST_RETRY), c.failure().retryAt());
        // a hundred queued crash events during the pause cost no load at all
        for (int i = 0; i < 100; i++) assertThrows(IllegalStateException.class, () -> c.crashProbabilities(none));
        assertEquals(1, attempts.get());

        clock.advance(LazyCrashClassifier.FIRST_RETRY);
        assertTrue(c.available());
        assertThrows(IllegalStateException.class, () -> c.crashProbabilities(none));
        assertEquals(2, attempts.get());
        assertEquals(2, c.failure().consecutive());
        assertEquals(clock.instant().plus(LazyCrashClassifier.FIRST_RETRY.multipliedBy(2)), c.failure().retryAt(), "the pause doubles");
        assertEquals(2, c.loadFailures());
        assertEquals(LazyCrashClassifier.MAX_RETRY, LazyCrashClassifier.pause(30), "and stops growing at its ceiling");
        assertEquals(LazyCrashClassifier.FIRST_RETRY.multipliedBy(4), LazyCrashClassifier.pause(3));

        broken[0] = false; // the operator fixed the directory: the next attempt after the pause loads it
        clock.advance(LazyCrashClassifier.FIRST_RETRY.multipliedBy(2));
        double[] p = c.crashProbabilities(new float[][]{new float[CrashFeatures.NAMES.size()]});
        assertEquals(1, p.length);
        assertEquals(3, attempts.get());
        assertEquals(LazyCrashClassifier.State.LOADED, c.state());
        assertNull(c.failure());
        assertTrue(c.available());
        c.close();
    }
}
