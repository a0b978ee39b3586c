package io.telerisk.hub.retention;

import io.telerisk.hub.store.jdbc.JdbcTelemetryStore;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPlanTest {
    private static final Instant NOW = Instant.parse("2026-03-31T10:20:00Z");
    private static final RetentionPolicy P = RetentionPolicy.DEFAULT; // raw 30 days: cutoff 2026-03-01T10:20

    @Test
    void recentRangesAreReadRaw() {
        List<ReadPlan.Segment> plan = ReadPlan.plan(P, NOW, Instant.parse("2026-03-20T00:00:00Z"), NOW, Duration.ofHours(1));
        assertEquals(List.of(new ReadPlan.Segment(null, Instant.parse("2026-03-20T00:00:00Z"), NOW)), plan);
    }

    @Test
    void oldRangesUseRollupsUpToTheFirstBucketBoundaryAfterTheCutoff() {
        // 2 h buckets: the first boundary after the 10:20 cutoff is 12:00
        Instant from = Instant.parse("2026-02-01T00:00:00Z");
        assertEquals(List.of(new ReadPlan.Segment(Resolution.HOURLY, from, Instant.parse("2026-03-01T12:00:00Z")),
                        new ReadPlan.Segment(null, Instant.parse("2026-03-01T12:00:00Z"), NOW)),
                ReadPlan.plan(P, NOW, from, NOW, Duration.ofHours(2)));
        assertEquals(List.of(new ReadPlan.Segment(Resolution.DAILY, from, Instant.parse("2026-03-02T00:00:00Z")),
                        new ReadPlan.Segment(null, Instant.parse("2026-03-02T00:00:00Z"), NOW)),
                ReadPlan.plan(P, NOW, from, NOW, Duration.ofDays(1)));
    }

    @Test
    void subHourBucketsHaveNoRollupAndReadRawWhateverIsLeft() {
        Instant from = Instant.parse("2026-02-01T00:00:00Z");
        assertEquals(List.of(new ReadPlan.Segment(null, from, NOW)), ReadPlan.plan(P, NOW, from, NOW, Duration.ofMinutes(15)));
    }

    @Test
    void policiesRejectInconsistentDurations() {
        ZoneId utc = ZoneId.of("UTC");
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(Duration.ofDays(1), Duration.ofDays(10), Duration.ofDays(20), utc));
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(Duration.ofDays(30), Duration.ofDays(10), Duration.ofDays(400), utc));
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(Duration.ofDays(30), Duration.ofDays(400), Duration.ofDays(100), utc));
    }

    @Test
    void aStoreThatIsDownIsReportedNotThrown() {
        SystemOfRecord sor = SystemOfRecord.open("jdbc:h2:mem:ret-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "sa", "", 2);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        JdbcTelemetryStore store = new JdbcTelemetryStore(sor.dataSource(), sor.dialect(), 10, RetentionPolicies.defaults(), clock, sor);
        store.close();
        RetentionJob.Report r = new RetentionJob(store, RetentionPolicies.defaults(), clock).runOnce();
        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).contains("unavailable"), r.failures().toString());
    }
}
