package io.telerisk.hub.summary;

import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.hub.store.Traces;
import io.telerisk.hub.store.influx.InfluxTelemetryStore;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.summary.DailyUsage;
import io.telerisk.testkit.InfluxServer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The summariser reloading a day from InfluxDB (telemetry) while writing summaries to H2 (system of record). */
class InfluxSummarizerTest {
    @Test
    void lateDataAfterRestartIsSummarisedFromInfluxData() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
        String tenant = "s" + UUID.randomUUID().toString().substring(0, 8);
        try (SystemOfRecord sor = SystemOfRecord.open("jdbc:h2:mem:isum-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2);
             TelemetryStore store = InfluxTelemetryStore.open(StorageConfig.influxV1(InfluxServer.shared().url(),
                     "summaries", "", ""), RetentionPolicies.defaults(), clock)) {
            JdbcSummaryRepository repo = new JdbcSummaryRepository(sor.dataSource(), clock);
            List<Envelope> drive = Traces.drive(tenant, "car-1", Instant.parse("2026-03-03T10:00:00Z"), 3600, 20, 48.0, 11.0, 1, 60);
            Envelope brake = Traces.event(tenant, "car-1", 500, EventTypes.HARSH_BRAKING, Instant.parse("2026-03-03T10:05:00Z"),
                    Map.of("peakDecelMps2", 6.0));
            store.store(drive.subList(0, 30));
            store.store(List.of(brake));
            // the hub restarted: the new summariser only hears about the second half
            Summarizer s = new Summarizer(store, repo, RetentionPolicies.defaults(), SpeedLimits.defaults(), clock, 1000);
            store.store(drive.subList(30, drive.size()));
            drive.subList(30, drive.size()).forEach(s::accepted);
            s.flush();
            DailyUsage d = repo.dailyUsage(tenant, "car-1", LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-04")).get(0);
            assertEquals(72.0, d.distanceKm(), 0.01);
            assertEquals(1, d.harshBrakes());
            assertEquals(1, d.trips());
        }
    }
}
