package io.telerisk.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link SimClock#replayThenLive}: fast through the past, then the present at 1x, never ahead of it. */
class ReplayThenLiveClockTest {
    private static final Instant REAL_START = Instant.parse("2026-06-08T12:00:00Z");

    @Test
    void replaysAtItsSpeedThenRunsInRealTimeFromTheCatchUp() {
        AtomicLong nanos = new AtomicLong(1_000);
        long[] realOffset = {0};
        // one day behind at 1,201x: catches up after 86,400 / 1,200 = 72 s of wall time
        SimClock c = SimClock.replayThenLive(REAL_START.minus(Duration.ofDays(1)), 1201, nanos::get,
                () -> REAL_START.plusNanos(realOffset[0])).start();
        nanos.addAndGet(Duration.ofSeconds(36).toNanos());
        assertEquals(REAL_START.minus(Duration.ofDays(1)).plusSeconds(36 * 1201), c.now(), "half way through the replay");
        assertNull(c.liveSince(), "still replaying");
        assertEquals(Duration.ofSeconds(36), c.wallUntil(REAL_START.plusSeconds(72)), "36 s to the catch-up, at 1,201x");
        assertEquals(Duration.ofSeconds(46), c.wallUntil(REAL_START.plusSeconds(82)), "then 10 s at 1x");

        nanos.addAndGet(Duration.ofSeconds(36).toNanos());
        Instant caughtUp = REAL_START.plusSeconds(72);
        assertEquals(caughtUp, c.now());
        assertEquals(caughtUp, c.liveSince());
        nanos.addAndGet(Duration.ofSeconds(600).toNanos());
        assertEquals(caughtUp.plusSeconds(600), c.now(), "10 wall minutes later the simulated time is 10 minutes later: the present");
        assertEquals(caughtUp, c.liveSince());
        assertEquals(Duration.ofSeconds(5), c.wallUntil(c.now().plusSeconds(5)));
    }

    @Test
    void aClockStartingInThePresentIsLiveAtOnce() {
        AtomicLong nanos = new AtomicLong();
        SimClock c = SimClock.replayThenLive(REAL_START, 60, nanos::get, () -> REAL_START).start();
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(REAL_START.plusSeconds(10), c.now());
        assertEquals(REAL_START, c.liveSince());
    }
}
