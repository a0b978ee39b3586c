import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.hub.store.influx.InfluxTelemetryStore;
import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.hub.summary.JdbcSummaryRepository;
import io.telerisk.hub.summary.SpeedLimits;
import io.telerisk.hub.summary.Summarizer;
import io.telerisk.model.*;
import java.lang.management.ManagementFactory;
import java.time.*;
import java.util.*;

/** Usage: java -Xmx1g -cp "$HUB_HOME/launcher/target/lib/*" SummaryPass.java INFLUX_URL DEVICES POINTS ROUNDS load|noload INFLUXD_PID_FILE
 *  ("load" first writes the points into database summarypass; "noload" reuses them).
 *  One summariser pass over D vehicles x P one-second samples (today from 05:00 UTC, as the rig's data: the day and
 *  the day before are marked) in InfluxDB: CPU of the pass (this thread) and store reads, ROUNDS times. */
public class SummaryPass {
    static long ticks(java.nio.file.Path stat) throws java.io.IOException {
        String[] f = java.nio.file.Files.readString(stat).substring(java.nio.file.Files.readString(stat).lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    public static void main(String[] a) throws Exception {
        String url = a[0]; int devices = Integer.parseInt(a[1]), points = Integer.parseInt(a[2]), rounds = Integer.parseInt(a[3]);
        boolean load = a.length > 4 && a[4].equals("load");
        Clock clock = Clock.systemUTC();
        Instant start = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(5));
        try (SystemOfRecord sor = SystemOfRecord.open("jdbc:h2:mem:pass;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 4);
             InfluxTelemetryStore store = InfluxTelemetryStore.open(StorageConfig.influxV1(url, "summarypass", "", ""), RetentionPolicies.defaults(), clock)) {
            List<Envelope> first = new ArrayList<>();
            List<Envelope> batch = new ArrayList<>();
            for (int d = 1; d <= devices; d++) {
                String id = String.format("veh-%05d", d);
                for (int i = 0; i < points; i++) {
                    Instant t = start.plusSeconds(i).plusMillis(d);
                    Envelope e = Envelope.telemetry("peer", id, DeviceType.VEHICLE, i + 1, t,
                            List.of(new VehicleSample(t, new GnssFix(48.0, 11.0 + i * 0.0002, 12.5, 0.9, 9), 15.0, 90.0, null, 1234.5, true)));
                    if (i == 0) first.add(e);
                    if (load) { batch.add(e); if (batch.size() == 5000) { store.store(batch); batch = new ArrayList<>(); } }
                }
            }
            if (!batch.isEmpty()) store.store(batch);
            Summarizer s = new Summarizer(store, new JdbcSummaryRepository(sor.dataSource(), clock), RetentionPolicies.defaults(),
                    SpeedLimits.defaults(), clock, 100_000);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            java.nio.file.Path influxd = java.nio.file.Path.of("/proc", java.nio.file.Files.readString(java.nio.file.Path.of(a[5])).trim(), "stat");
            for (int r = 1; r <= rounds; r++) {
                first.forEach(s::accepted);
                s.batchStored();
                long loads0 = s.stats().storeLoads(), c0 = os.getProcessCpuTime(), i0 = ticks(influxd), w0 = System.nanoTime();
                int done = s.flush();
                long c1 = os.getProcessCpuTime(), i1 = ticks(influxd), w1 = System.nanoTime();
                System.out.printf("round %d: %d days summarised, %d store reads, JVM CPU %.2f s, influxd CPU %.2f s, wall %.2f s%n", r, done,
                        s.stats().storeLoads() - loads0, (c1 - c0) / 1e9, (i1 - i0) / 100.0, (w1 - w0) / 1e9);
            }
        }
    }
}
