package io.telerisk.launcher.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Drives one measured run of {@code bench ingest}: the publishers in a child JVM ({@link LoadGenerator}), the stored
 * (or received) count sampled per window, and the CPU time of the processes involved.
 */
final class LoadDriver {
    /** Connections a fleet load publishes over. */
    static final int FLEET_CONNECTIONS = 4;

    private final IngestBench.Options o;

    LoadDriver(IngestBench.Options o) {
        this.o = o;
    }

    /**
     * Who publishes: one connection per device with its own window, or a fleet over a few connections sharing one;
     * {@code codec} is {@code json} (MQTT 3.1.1, no content type) or {@code protobuf} (MQTT 5 with its content type).
     */
    record Load(int devices, boolean fleet, String codec) {
        static Load perDevice(int devices) {
            return new Load(devices, false, "json");
        }

        static Load fleet(int devices) {
            return new Load(devices, true, "json");
        }

        /** The same devices sending protobuf. */
        Load protobuf() {
            if (fleet) throw new IllegalArgumentException("the fleet load publishes JSON only");
            return new Load(devices, false, "protobuf");
        }
    }

    /**
     * Measured result of one load-generator run: the median rate, the messages the broker acknowledged to the
     * publishers, and each process's CPU time per point ("name 1.2 µs, …").
     */
    record Run(double medianPerS, long acked, String cpuPerPoint) {
    }

    /**
     * Runs the publishers for the configured time; the rate is the median over windows, the first one dropped as
     * warm-up. {@code cpu} holds the processes to account (the publishers' JVM is added here).
     */
    Run drive(int port, int pointsPerMessage, Load load, String tenant, Instant firstSample, LongSupplier counter,
              ProcessCpu cpu) throws Exception {
        return drive(port, pointsPerMessage, load, tenant, firstSample, counter, cpu, null);
    }

    /**
     * The same, with per-device publishers that log in with {@code credentials} (one line per device: id, username,
     * token), as devices do on the hub's built-in endpoint; {@code null} for anonymous publishers to a broker.
     */
    Run drive(int port, int pointsPerMessage, Load load, String tenant, Instant firstSample, LongSupplier counter,
              ProcessCpu cpu, Path credentials) throws Exception {
        if (credentials != null && load.fleet()) throw new IllegalArgumentException("a fleet load publishes anonymously");
        List<String> publish = new ArrayList<>(List.of("publish", "127.0.0.1", String.valueOf(port), String.valueOf(load.devices()),
                String.valueOf(o.seconds()), String.valueOf(pointsPerMessage), String.valueOf(o.inflight()), tenant,
                String.valueOf(firstSample.toEpochMilli()), String.valueOf(o.rate()), load.codec()));
        if (credentials != null) publish.add(credentials.toString());
        Child child = load.fleet()
                ? Child.start("fleet", "127.0.0.1", String.valueOf(port), String.valueOf(load.devices()), String.valueOf(o.seconds()),
                String.valueOf(o.fleetWindow()), String.valueOf(FLEET_CONNECTIONS), tenant, String.valueOf(firstSample.toEpochMilli()))
                : Child.start(publish.toArray(String[]::new));
        try {
            child.awaitLine("CONNECTED", Duration.ofSeconds(90));
            cpu.add("publishers", child.pid()).begin();
            long counted = counter.getAsLong();
            List<Double> rates = new ArrayList<>();
            long windowNanos = TimeUnit.SECONDS.toNanos(o.windowSeconds());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.seconds());
            long last = counter.getAsLong();
            long t = System.nanoTime();
            while (t + windowNanos <= end) {
                TimeUnit.NANOSECONDS.sleep(t + windowNanos - System.nanoTime());
                long now = System.nanoTime();
                long c = counter.getAsLong();
                rates.add((c - last) * 1e9 / (now - t));
                last = c;
                t = now;
            }
            System.out.printf(Locale.ROOT, "  windows (msg/s): %s%n", rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
            String result = child.awaitLine("RESULT", Duration.ofSeconds(90));
            long messages = counter.getAsLong() - counted;
            System.out.printf(Locale.ROOT, "  CPU: %s%n", cpu.perUnit(messages, "message"));
            String perPoint = cpu.perUnit(messages * pointsPerMessage, "point");
            if (pointsPerMessage > 1) System.out.printf(Locale.ROOT, "  CPU: %s%n", perPoint);
            long acked = Long.parseLong(result.replaceAll(".*acked=(\\d+).*", "$1"));
            return new Run(median(rates.subList(1, rates.size())), acked, perPoint);
        } finally {
            child.close();
        }
    }

    /**
     * Waits until {@code counter} reaches {@code target}. Gives up when it has not moved for {@code stall} (a
     * backlog that is still draining is lag, not loss) or after ten minutes.
     */
    static boolean awaitCount(LongSupplier counter, long target, Duration stall) throws InterruptedException {
        long hardDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long last = counter.getAsLong(), lastMoved = System.nanoTime();
        while (last < target) {
            long now = System.nanoTime();
            if (now - lastMoved > stall.toNanos() || now > hardDeadline) return false;
            Thread.sleep(50);
            long c = counter.getAsLong();
            if (c != last) {
                last = c;
                lastMoved = System.nanoTime();
            }
        }
        return true;
    }

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n == 0 ? 0 : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The load generator's JVM; its stdout lines are read by a thread, stderr goes to ours. */
    static final class Child implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Child(Process p) {
            this.process = p;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) lines.add(l);
                } catch (IOException ignored) {
                    // the child ended
                }
            }, "bench-child-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName()));
            cmd.addAll(List.of(args));
            return new Child(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        long pid() {
            return process.pid();
        }

        String awaitLine(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (l != null && l.startsWith(prefix)) return l;
                if (l == null && System.nanoTime() >= deadline) {
                    throw new IllegalStateException("load generator did not report " + prefix + " within " + timeout.toSeconds()
                            + " s (alive: " + process.isAlive() + ")");
                }
            }
        }

        /** Tells the child to exit once its work is done (it waits for its stdin to close), and waits for it. */
        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // the child is gone already
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
