package io.telerisk.hub.store.influx;

import io.telerisk.hub.retention.RetentionPolicies;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.hub.store.TelemetryStore;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.testkit.InfluxServer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Write throughput of {@link InfluxTelemetryStore} into a private InfluxDB 1.x (v1 mode), as the ingest writer
 * uses it: {@code store()} calls of {@code callPoints} points each from {@code threads} callers, each call durable
 * on return. Points are accelerometer samples (3 fields + seq) or GNSS samples (11 fields + seq) of 1000 vehicles,
 * 100 samples per envelope.
 *
 * <pre>java ... InfluxWriteBench [millionPoints=2] [shape=accel|gnss] [callPoints=20000] [threads=1] [batchSize=10000]</pre>
 * Prints points/s; the first 10 % of the points are a warm-up and not counted.
 */
public final class InfluxWriteBench {
    public static void main(String[] args) throws Exception {
        double millions = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        String shape = args.length > 1 ? args[1] : "accel";
        int callPoints = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int batchSize = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;
        long total = (long) (millions * 1_000_000);
        int perEnvelope = 100;
        int envelopesPerCall = Math.max(1, callPoints / perEnvelope);
        long calls = total / (envelopesPerCall * (long) perEnvelope);
        long warmup = Math.max(1, calls / 10);

        try (InfluxServer influx = InfluxServer.start();
             TelemetryStore store = InfluxTelemetryStore.open(StorageConfig.influxV1(influx.url(), "bench", "", "")
                     .withBatchSize(batchSize), RetentionPolicies.defaults(), Clock.systemUTC())) {
            List<List<Envelope>> work = new ArrayList<>();
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            long seq = 0;
            // build the calls up front so the measurement is the store, not the generator
            for (long c = 0; c < calls; c++) {
                List<Envelope> call = new ArrayList<>(envelopesPerCall);
                for (int e = 0; e < envelopesPerCall; e++) {
                    int device = (int) ((c * envelopesPerCall + e) % 1000);
                    long base = (c * envelopesPerCall + e) / 1000 * perEnvelope;
                    List<Sample> samples = new ArrayList<>(perEnvelope);
                    for (int i = 0; i < perEnvelope; i++) {
                        Instant t = t0.plusMillis(10 * (base + i));
                        samples.add("gnss".equals(shape)
                                ? new VehicleSample(t, new GnssFix(48 + i * 1e-5, 11 + device * 1e-4, 500.5, 0.9, 10),
                                13.9 + i * 0.01, 90.5, null, 10_000.25 + i, true)
                                : VehicleSample.acceleration(t, new Acceleration(0.12 * i, -0.31, 9.81 + i * 1e-3)));
                    }
                    call.add(Envelope.telemetry("bench", "car-" + device, DeviceType.VEHICLE, ++seq, samples.get(0).time(), samples));
                }
                work.add(call);
            }
            System.out.printf("shape %s, %d calls of %d points, %d caller thread(s), %d lines per request%n",
                    shape, calls, envelopesPerCall * perEnvelope, threads, batchSize);
            for (int i = 0; i < warmup; i++) store.store(work.get(i));
            List<List<Envelope>> measured = work.subList((int) warmup, work.size());
            long points = (long) measured.size() * envelopesPerCall * perEnvelope;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long start = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int th = 0; th < threads; th++) {
                int me = th;
                fs.add(pool.submit(() -> {
                    for (int i = me; i < measured.size(); i += threads) store.store(measured.get(i));
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
            double s = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf("stored %,d points in %.2f s: %,.0f points/s (hub JVM CPU %.2f s = %.1f us/point; load %.1f)%n",
                    points, s, points / s, cpu, cpu * 1e6 / points, os.getSystemLoadAverage());
            String count = influx.query("bench", "SELECT count(\"seq\") FROM \"vehicle\"");
            System.out.println("influx count: " + count);
        }
    }
}
