package io.telerisk.hub.ingest;

import io.telerisk.model.codec.RejectReason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-minute ring: counts land in their UTC minute, the hour slides, a reused bucket starts from zero. */
class IngestRatesTest {
    /** A clock the test moves. */
    private static final class Hand extends Clock {
        Instant now;

        Hand(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void countsLandInTheirMinuteAndTheHourSlidesWithoutCarryingOldCounts() {
        Hand clock = new Hand(Instant.parse("2026-03-01T08:00:10Z"));
        IngestStats stats = new IngestStats(clock);
        stats.received();
        stats.received();
        stats.stored(2, 100, 0);
        clock.now = Instant.parse("2026-03-01T08:01:59Z");
        stats.received();
        stats.rejected(RejectReason.MALFORMED);
        stats.duplicate();

        List<IngestRates.Minute> hour = stats.rates().lastHour();
        assertEquals(IngestRates.MINUTES, hour.size());
        IngestRates.Minute last = hour.get(hour.size() - 1), before = hour.get(hour.size() - 2);
        assertEquals(Instant.parse("2026-03-01T08:01:00Z"), last.start(), "the current minute closes the list");
        assertEquals(new IngestRates.Minute(Instant.parse("2026-03-01T08:00:00Z"), 2, 2, 0, 0), before);
        assertEquals(new IngestRates.Minute(Instant.parse("2026-03-01T08:01:00Z"), 1, 0, 1, 1), last);
        assertEquals(Instant.parse("2026-03-01T07:02:00Z"), hour.get(0).start(), "60 minutes, oldest first");

        // an hour later the 08:00 bucket is reused for 09:00: its old counts are gone, 08:01 is still in the window
        clock.now = Instant.parse("2026-03-01T09:00:30Z");
        stats.received();
        hour = stats.rates().lastHour();
        assertEquals(new IngestRates.Minute(Instant.parse("2026-03-01T09:00:00Z"), 1, 0, 0, 0), hour.get(hour.size() - 1));
        assertEquals(new IngestRates.Minute(Instant.parse("2026-03-01T08:01:00Z"), 1, 0, 1, 1), hour.get(0));
        // and two hours of silence leave only zeros
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertEquals(0, stats.rates().lastHour().stream().mapToLong(m -> m.received() + m.stored() + m.rejected() + m.duplicates()).sum());
    }
}
