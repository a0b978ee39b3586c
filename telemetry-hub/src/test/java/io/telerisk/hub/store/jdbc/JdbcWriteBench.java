package io.telerisk.hub.store.jdbc;

import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.testkit.PostgresDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Write throughput of {@link JdbcTelemetryStore}: {@code store()} calls of 20,000 accelerometer points (100 per
 * envelope, 1000 vehicles) from one caller into an H2 file database or a fresh PostgreSQL database.
 *
 * <pre>java ... JdbcWriteBench [h2|pg] [millionPoints=0.5]</pre>
 */
public final class JdbcWriteBench {
    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "h2";
        long total = (long) ((args.length > 1 ? Double.parseDouble(args[1]) : 0.5) * 1_000_000);
        PostgresDatabase pg = null;
        String url;
        String user = "sa";
        String password = "";
        if (backend.equals("pg")) {
            pg = PostgresDatabase.create();
            // the driver folds a batch into multi-row INSERTs: several times faster on PostgreSQL
            url = pg.jdbcUrl() + "?reWriteBatchedInserts=true";
            user = pg.user();
            password = pg.password();
        } else {
            Path dir = Files.createTempDirectory("jdbc-bench");
            url = "jdbc:h2:file:" + dir.resolve("bench") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }
        try (SystemOfRecord sor = SystemOfRecord.open(url, user, password, 2);
             TelemetryStore store = new JdbcTelemetryStore(sor.dataSource(), sor.dialect(), 5000, RetentionPolicies.defaults(),
                     Clock.systemUTC(), null)) {
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            long seq = 0;
            long stored = 0;
            long start = 0;
            int calls = (int) (total / 20_000);
            for (int c = 0; c < calls; c++) {
                List<Envelope> call = new ArrayList<>();
                for (int e = 0; e < 200; e++) {
                    int device = (c * 200 + e) % 1000;
                    long base = (long) (c * 200 + e) / 1000 * 100;
                    List<Sample> s = new ArrayList<>(100);
                    for (int i = 0; i < 100; i++) {
                        s.add(VehicleSample.acceleration(t0.plusMillis(10 * (base + i)), new Acceleration(0.1 * i, -0.3, 9.81)));
                    }
                    call.add(Envelope.telemetry("bench", "car-" + device, DeviceType.VEHICLE, ++seq, s.get(0).time(), s));
                }
                if (c == calls / 10) start = System.nanoTime();
                store.store(call);
                if (c >= calls / 10) stored += 20_000;
            }
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: stored %,d points in %.2f s: %,.0f points/s%n", store.describe(), stored, s, stored / s);
        } finally {
            if (pg != null) pg.close();
        }
    }
}
