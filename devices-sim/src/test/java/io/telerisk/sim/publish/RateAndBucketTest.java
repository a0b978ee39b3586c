package io.telerisk.sim.publish;

import io.telerisk.sim.SimClock;
import io.telerisk.sim.truth.TruthRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateAndBucketTest {
    @Test
    void parsesRatesInMessagesOrPoints() {
        assertEquals(Rate.messagesPerSecond(500), Rate.parse("500"));
        assertEquals(Rate.messagesPerSecond(500), Rate.parse("500msg/s"));
        assertEquals(Rate.pointsPerSecond(20000), Rate.parse("20000pts/s"));
        assertEquals(Rate.Unit.UNLIMITED, Rate.parse("max").unit());
        assertEquals(250, Rate.parse("1000").share(4).perSecond());
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("-5"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("5 bananas/s"));
        assertThrows(IllegalArgumentException.class, () -> Rate.parse("fast"));
    }

    @Test
    void tokenBucketPacesAtItsRateAndLetsBigRequestsThroughWhenFull() {
        long t = 0;
        TokenBucket b = new TokenBucket(100, 10, t);
        int granted = 0;
        for (int i = 0; i < 20; i++) if (b.tryTake(1)) granted++;
        assertEquals(10, granted, "starts with one burst");
        t += 1_000_000_000L; // one second later: 100 more tokens, capped at 10
        b.refill(t);
        assertEquals(10, b.tokens(), 1e-9);
        granted = 0;
        for (int s = 0; s < 1000; s++) { // one simulated second in 1 ms ticks
            t += 1_000_000L;
            b.refill(t);
            while (b.tryTake(1)) granted++;
        }
        assertEquals(110, granted, 1, "burst + 100/s");
        assertFalse(b.tryTake(50), "not while the bucket is empty");
        t += 1_000_000_000L;
        b.refill(t);
        assertTrue(b.tryTake(50), "a request above capacity passes when the bucket is full");
        assertTrue(b.tokens() < 0);
        assertFalse(b.tryTake(1));
    }

    @Test
    void simClockRunsAcceleratedFromItsStart() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        SimClock c = SimClock.withTicker(start, 60, nanos::get);
        assertEquals(start, c.now(), "stands still until started");
        c.start();
        nanos.addAndGet(2_000_000_000L);
        assertEquals(start.plusSeconds(120), c.now());
        assertEquals(java.time.Duration.ofSeconds(1), c.wallUntil(start.plusSeconds(180)));
        assertEquals(Instant.MAX, SimClock.asFastAsPossible(start).now());
        assertThrows(IllegalArgumentException.class, () -> SimClock.accelerated(start, 0));
    }

    @Test
    void truthRecordsAreOneLineOfJsonWithEscapes() {
        TruthRecord r = TruthRecord.of("fault", new DeviceKey("t\\1", DeviceType.VEHICLE, "a\"b"))
                .put("note", "line1\nline2\u0001").num("x", 1.23456789, 3).put("nan", Double.NaN)
                .put("list", List.of(1, "two")).put("flag", true);
        assertEquals("{\"type\":\"fault\",\"tenant\":\"t\\\\1\",\"deviceType\":\"vehicle\",\"deviceId\":\"a\\\"b\","
                + "\"note\":\"line1\\nline2\\u0001\",\"x\":1.235,\"nan\":null,\"list\":[1,\"two\"],\"flag\":true}", r.toJson());
    }
}
