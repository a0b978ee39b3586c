package io.telerisk.agent.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BackoffTest {
    private static List<Long> delays(long seed, int n) {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(seed));
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(b.nextDelay().toMillis());
        return out;
    }

    @Test
    void ceilingDoublesFromBaseUntilTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(1));
        List<Long> ceilings = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ceilings.add(b.ceilingMillis());
            b.nextDelay();
        }
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L, 60000L), ceilings);
    }

    @Test
    void everyDelayLiesBetweenZeroAndItsCeilingWithFullJitter() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(7));
        for (int i = 0; i < 200; i++) {
            long ceiling = b.ceilingMillis();
            long d = b.nextDelay().toMillis();
            assertTrue(d >= 0 && d <= ceiling, d + " outside [0," + ceiling + "]");
        }
        assertEquals(200, b.attempts());
    }

    @Test
    void sameSeedGivesTheSameScheduleAndAnotherSeedSpreadsTheFleet() {
        assertEquals(delays(42, 10), delays(42, 10), "deterministic with a seeded random");
        assertNotEquals(delays(42, 10), delays(43, 10), "two devices do not reconnect in lockstep");
    }

    @Test
    void fullJitterAveragesHalfTheCeiling() {
        Backoff b = new Backoff(Duration.ofSeconds(64), Duration.ofSeconds(64), new Random(3));
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) sum += b.nextDelay().toMillis();
        assertEquals(32_000, sum / n, 800, "uniform over [0, cap]");
    }

    @Test
    void resetStartsAgainFromTheBase() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(5));
        for (int i = 0; i < 20; i++) b.nextDelay();
        assertEquals(300_000, b.ceilingMillis(), "large attempt counts stay at the cap without overflow");
        b.reset();
        assertEquals(1000, b.ceilingMillis());
        assertTrue(b.nextDelay().toMillis() <= 1000);
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
    }
}
