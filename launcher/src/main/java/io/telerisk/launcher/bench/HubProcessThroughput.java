package io.telerisk.launcher.bench;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.testkit.InfluxServer;
import io.telerisk.testkit.MosquittoBroker;
import io.telerisk.testkit.PostgresDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A throughput scenario with {@code --hubs N}: the raw reference runs as without it, then N hub processes on one
 * {@code $share} group of the scenario's broker, a fresh PostgreSQL database as their system of record (dropped
 * after) and the scenario's own InfluxDB database (issue #11's production topology). Reported: stored messages and
 * points per second summed over the hubs, CPU per point of each hub process and of all of them together, and the
 * zero-loss check against InfluxDB. The bench JVM only polls the hubs' {@code /metrics}, so no heap or latency figure
 * is reported for the hubs.
 */
final class HubProcessThroughput {
    private final IngestBench.Options o;
    private final LoadDriver driver;

    HubProcessThroughput(IngestBench.Options o) {
        this.o = o;
        this.driver = new LoadDriver(o);
    }

    IngestBench.Row run(InfluxServer influx, Path work, String name, int pointsPerMessage, LoadDriver.Load load) throws Exception {
        String label = name + " x" + o.hubs();
        String tenant = "bench-" + name;
        String db = IngestBench.DB + "_" + name.replace('-', '_') + "_hubs" + o.hubs();
        influx.createDatabase(db);
        try (MosquittoBroker broker = MosquittoBroker.start(); PostgresDatabase pg = PostgresDatabase.create()) {
            Instant firstSample = Instant.now().minus(Duration.ofDays(2));
            RawReferenceRuns.Result raw = new RawReferenceRuns(o, driver).measure(name, broker, pointsPerMessage, load, tenant, firstSample);

            System.out.printf(Locale.ROOT, "[%s] %d hub processes: %d devices -> mosquitto -> hubs ($share) -> influxd, PostgreSQL %s, %d s%n",
                    label, o.hubs(), load.devices(), pg.name(), o.seconds());
            registerBackdated(pg, tenant, load.devices(), firstSample);
            Path dir = Files.createDirectories(work.resolve(name + "-hubs" + o.hubs()));
            try (HubProcessGroup hubs = HubProcessGroup.start(o.hubs(), dir, broker.uri(), "bench-" + name, "bench-hub-" + name, pg,
                    influx.url(), db)) {
                java.util.function.LongSupplier storedSoFar = storedSoFar(hubs);
                LoadDriver.Run r = driver.drive(broker.port(), pointsPerMessage, load, tenant, firstSample, storedSoFar,
                        hubs.addTo(new ProcessCpu().add("mosquitto", broker.pid()).add("influxd", influx.pid())));
                long drainStart = System.nanoTime();
                boolean all = LoadDriver.awaitCount(storedSoFar, r.acked(), Duration.ofSeconds(30));
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                long stored = storedSoFar.getAsLong();
                StringBuilder perHub = new StringBuilder();
                for (HubProcessGroup.HubProcess h : hubs.hubs()) {
                    perHub.append(h.name()).append(' ').append(hubs.metric(h, "telerisk_ingest_messages_stored")).append(", ");
                }
                long inInflux = IngestBench.influxCount(influx, db, tenant);
                long expected = r.acked() * pointsPerMessage;
                long lost = all ? 0 : r.acked() - stored;
                String note = "messages stored per hub: " + perHub + "in InfluxDB " + inInflux + " of " + expected + " points; duplicates "
                        + hubs.sum("telerisk_ingest_duplicates") + ", spooled " + hubs.sum("telerisk_ingest_spooled")
                        + String.format(Locale.ROOT, "; backlog drained %.1f s after the publishers stopped", drainSeconds)
                        + "; raw runs lost " + raw.lost() + "; " + raw.note();
                System.out.printf(Locale.ROOT, "[%s] hubs: median %.0f msg/s, acked %d, stored %d (%s)%n", label, r.medianPerS(), r.acked(), stored, note);
                return new IngestBench.Row(label, raw.msgPerS(), raw.msgPerS() * pointsPerMessage, raw.latency().quantileMillis(0.5),
                        raw.latency().quantileMillis(0.99), r.medianPerS(), r.medianPerS() * pointsPerMessage, -1, -1, -1, -1,
                        lost + Math.max(0, expected - inInflux), hubs.sum("telerisk_ingest_rejected"), inInflux, expected, note, r.cpuPerPoint());
            }
        }
    }

    /** Messages stored by all hubs; while a hub does not answer its /metrics, the last complete count. */
    private static java.util.function.LongSupplier storedSoFar(HubProcessGroup hubs) {
        long[] last = {0};
        return () -> {
            long now = hubs.sum("telerisk_ingest_messages_stored");
            if (now >= 0) last[0] = now;
            return last[0];
        };
    }

    /** As without --hubs, registered before the first sample (the hub refuses data older than a registration). */
    private static void registerBackdated(PostgresDatabase pg, String tenant, int devices, Instant firstSample) {
        try (SystemOfRecord sor = SystemOfRecord.open(pg.jdbcUrl(), pg.user(), pg.password(), 2)) {
            IngestBench.registerBackdated(sor.dataSource(), tenant, devices, firstSample);
        }
    }
}
