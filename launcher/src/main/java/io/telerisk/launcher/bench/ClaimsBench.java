package io.telerisk.launcher.bench;

import io.telerisk.hub.Hub;
import io.telerisk.hub.claims.ClaimsApi;
import io.telerisk.hub.config.ClaimsClassifier;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.hub.registry.JdbcDeviceRegistry;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.codec.Codecs;
import io.telerisk.sim.vehicle.HalfSinePulse;
import io.telerisk.testkit.InfluxServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code bin/platform bench claims}: device crash → claim created, under background telemetry. An embedded hub (system
 * of record on H2 in its temporary data directory, telemetry in a private influxd as in {@code bench ingest}) with its
 * built-in MQTT endpoint and claims wired as the hub wires them. The {@link LoadGenerator} child sends single-point
 * JSON telemetry from many authenticated devices at a fixed rate; in this JVM, crash devices publish
 * {@code crash_candidate} events (Paho MQTT 5, QoS 1) whose 5 s raw window holds a half-sine crash pulse of known
 * delta-V, round-robin at a fixed interval. Latency is the instant just before publish to the poll that first finds
 * the claim in the claim repository (polled every 10 ms, only after the crash service's opened counter moved).
 */
final class ClaimsBench {
    private static final String TENANT = "bench-claims";
    private static final double G = HalfSinePulse.G;
    private static final long POLL_MS = 10;

    /** Bench settings, from the command line. */
    record Options(int rate, int backgroundDevices, int crashDevices, int intervalMs, int seconds, int warmupSeconds,
                   double deltaVKmh, Path model, ClaimsClassifier classifier) {
        static Options parse(String[] args) {
            int rate = 10_000, devices = 200, crash = 100, interval = 200, seconds = 60, warmup = 10;
            double deltaV = 45;
            Path model = null;
            ClaimsClassifier classifier = ClaimsClassifier.MODEL;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
                String v = args[++i];
                switch (a) {
                    case "--rate" -> rate = IngestBench.Options.positive(a, v);
                    case "--background-devices" -> devices = IngestBench.Options.positive(a, v);
                    case "--crash-devices" -> crash = IngestBench.Options.positive(a, v);
                    case "--interval-ms" -> interval = IngestBench.Options.positive(a, v);
                    case "--seconds" -> seconds = IngestBench.Options.positive(a, v);
                    case "--warmup" -> warmup = IngestBench.Options.positive(a, v);
                    case "--delta-v-kmh" -> deltaV = deltaV(v);
                    case "--model" -> {
                        model = Path.of(v);
                        if (!Files.isDirectory(model)) throw new IllegalArgumentException("--model is not a directory: " + v);
                    }
                    case "--classifier" -> {
                        try {
                            classifier = ClaimsClassifier.parse(v);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--classifier: " + e.getMessage());
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (model != null && classifier == ClaimsClassifier.PHYSICS) {
                throw new IllegalArgumentException("--model is a TensorFlow model: it does not go with --classifier physics");
            }
            if (rate < devices) throw new IllegalArgumentException("--rate must be at least one message/s per background device");
            return new Options(rate, devices, crash, interval, seconds, warmup, deltaV, model, classifier);
        }

        private static double deltaV(String v) {
            try {
                double d = Double.parseDouble(v);
                if (!(d >= 8 && d <= 150)) throw new IllegalArgumentException("--delta-v-kmh must be within 8..150 km/h (a crash the hub claims): " + v);
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--delta-v-kmh needs a number: " + v);
            }
        }

        /** Crash candidates published: one every interval over the measured seconds. */
        int expectedCrashes() {
            return (int) (seconds * 1000L / intervalMs);
        }
    }

    static final String HELP = """
            usage: bin/platform bench claims [options]

            Measures device crash -> claim created (p50/p99/max) on an embedded hub (H2 system of record, a private
            influxd for telemetry, the hub's built-in MQTT endpoint) while background devices send single-point JSON
            telemetry at a fixed rate. Crash devices publish crash_candidate events (MQTT 5, QoS 1) with a 5 s raw
            window holding a half-sine crash pulse; each device has a policy with collision cover. Latency is client
            publish -> claim found in the claim repository (10 ms polling). Never touches your servers.

            options:
              --rate N                background messages/s in total                   (default 10000)
              --background-devices N  devices sharing that rate                        (default 200)
              --crash-devices N       devices publishing crash candidates, in turn     (default 100)
              --interval-ms N         one crash candidate every N ms                   (default 200)
              --seconds S             measured time with crashes                       (default 60)
              --warmup S              background only, before the first crash          (default 10)
              --delta-v-kmh V         delta-V of every crash pulse, 8..150             (default 45)
              --classifier K          model: the TensorFlow crash model, as the hub runs by default   (default model)
                                      physics: the physics rule baseline (telerisk.claims.classifier=physics)
              --model DIR             a trained crash model (claims train-model --out DIR); default the model shipped in claims-automation
            """;

    private final Options o;

    ClaimsBench(Options o) {
        this.o = o;
    }

    void run() throws Exception {
        System.out.printf(Locale.ROOT, "bench claims: %d cores, load average %s, hub JVM max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), IngestBench.loadAverage(), Runtime.getRuntime().maxMemory() >> 20);
        Path work = Files.createTempDirectory("telerisk-bench-claims-");
        try (InfluxServer influx = InfluxServer.start()) {
            influx.createDatabase("bench_claims");
            if (o.model() != null) copyModel(o.model(), Files.createDirectories(work.resolve("models").resolve("crash")));
            HubConfig base = HubConfig.embedded(work);
            HubConfig config = base.withStorage(StorageConfig.influxV1(influx.url(), "bench_claims", "", ""))
                    .withClaimsClassifier(o.classifier());
            try (Hub hub = Hub.start(config)) {
                measure(hub, work);
            }
        } finally {
            IngestBench.deleteQuietly(work);
        }
    }

    private void measure(Hub hub, Path work) throws Exception {
        ClaimsApi claims = hub.services().claims();
        System.out.printf(Locale.ROOT, "  classifier: %s%n", claims.classifier());
        Instant firstSample = Instant.now().minus(Duration.ofHours(1));
        JdbcDeviceRegistry backdated = IngestBench.backdatedRegistry(hub, firstSample);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < o.backgroundDevices(); i++) {
            DeviceKey k = new DeviceKey(TENANT, DeviceType.VEHICLE, LoadGenerator.deviceId(i));
            backdated.register(k, null);
            DeviceCredential c = hub.registry().issueCredential(k).orElseThrow();
            lines.add(k.deviceId() + " " + c.username() + " " + c.token());
        }
        Path creds = work.resolve("credentials.txt");
        Files.write(creds, lines);
        List<CrashDevice> crashers = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < o.crashDevices(); i++) {
            DeviceKey k = new DeviceKey(TENANT, DeviceType.VEHICLE, "crash-" + i);
            backdated.register(k, null);
            DeviceCredential c = hub.registry().issueCredential(k).orElseThrow();
            claims.upsertPolicy(TENANT, new JsonObject().put("policyId", "POL-BENCH-" + i).put("holder", "Bench Driver " + i)
                    .put("deviceType", "vehicle").put("deviceId", k.deviceId())
                    .put("inception", now.minus(365, ChronoUnit.DAYS).toString()).put("expiry", now.plus(365, ChronoUnit.DAYS).toString())
                    .put("coverages", new JsonArray().add(new JsonObject().put("code", ClaimsApi.CRASH_COVER).put("limit", "50000.00")
                            .put("deductible", "500.00").put("currency", "EUR"))));
            crashers.add(CrashDevice.connect("tcp://127.0.0.1:" + hub.mqttPort(), k, c));
        }
        System.out.printf(Locale.ROOT, "  %d background devices at %d msg/s in total, %d crash devices with policies; warm-up %d s%n",
                o.backgroundDevices(), o.rate(), o.crashDevices(), o.warmupSeconds());

        int total = o.warmupSeconds() + o.seconds() + 10;
        LatencyHistogram latency = new LatencyHistogram();
        AtomicLong maxMs = new AtomicLong(-1);
        Map<String, Long> outstanding = new ConcurrentHashMap<>();
        // the split: publish -> stored and accepted by ingest (AcceptedListener, the hook claims listens on) -> claim
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        hub.ingest().addListener(e -> {
            for (DeviceEvent ev : e.events()) {
                String id = ev.labels().get("candidateId");
                if (id != null) acceptedAt.putIfAbsent("CRASH-" + TENANT + "-" + id, System.nanoTime());
            }
        });
        List<String> slow = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong published = new AtomicLong(), publishFailed = new AtomicLong(), found = new AtomicLong();
        long heapBefore = HeapSampler.usedAfterFullGcBytes();
        try (HeapSampler heap = new HeapSampler();
             LoadDriver.Child child = LoadDriver.Child.start("paced", "127.0.0.1", String.valueOf(hub.mqttPort()), creds.toString(),
                     String.valueOf(o.rate()), String.valueOf(total), TENANT, String.valueOf(firstSample.toEpochMilli()))) {
            child.awaitLine("CONNECTED", Duration.ofSeconds(120));
            TimeUnit.SECONDS.sleep(o.warmupSeconds());

            long phaseStart = System.nanoTime();
            LatencyHistogram toAccepted = new LatencyHistogram(), acceptedToClaim = new LatencyHistogram();
            Thread poller = new Thread(() -> poll(claims, outstanding, (id, published0, foundAt) -> {
                long ms = TimeUnit.NANOSECONDS.toMillis(foundAt - published0);
                latency.recordMillis(ms);
                maxMs.accumulateAndGet(ms, Math::max);
                found.incrementAndGet();
                Long acc = acceptedAt.get(id);
                if (acc != null) {
                    toAccepted.recordMillis(TimeUnit.NANOSECONDS.toMillis(acc - published0));
                    acceptedToClaim.recordMillis(TimeUnit.NANOSECONDS.toMillis(foundAt - acc));
                }
                if (ms >= 1000) {
                    slow.add(String.format(Locale.ROOT, "%s at %.1f s: %d ms (to accepted %s ms)", id, (published0 - phaseStart) / 1e9, ms,
                            acc == null ? "?" : String.valueOf(TimeUnit.NANOSECONDS.toMillis(acc - published0))));
                }
            }), "bench-claims-poller");
            poller.setDaemon(true);
            poller.start();

            long storedAtStart = hub.ingestStats().snapshot().messagesStored();
            long t0 = System.nanoTime();
            List<Double> windowRates = new ArrayList<>();
            long windowStart = t0, windowStored = storedAtStart, windowCrashes = 0;
            for (int n = 0; n < o.expectedCrashes(); n++) {
                long due = t0 + TimeUnit.MILLISECONDS.toNanos((long) n * o.intervalMs());
                long wait = due - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                CrashDevice d = crashers.get(n % crashers.size());
                String candidateId = "bench-" + n;
                byte[] payload = Codecs.json().encode(d.crashCandidate(candidateId, o.deltaVKmh() / 3.6));
                String claimId = "CRASH-" + TENANT + "-" + candidateId;
                outstanding.put(claimId, System.nanoTime()); // just before publish
                try {
                    d.publish(payload);
                    published.incrementAndGet();
                } catch (Exception e) {
                    outstanding.remove(claimId);
                    publishFailed.incrementAndGet();
                    System.err.println("crash publish failed: " + e);
                }
                if (System.nanoTime() - windowStart >= TimeUnit.SECONDS.toNanos(5)) {
                    long s = hub.ingestStats().snapshot().messagesStored(), t = System.nanoTime();
                    windowRates.add((s - windowStored - (published.get() - windowCrashes)) * 1e9 / (t - windowStart));
                    windowStart = t;
                    windowStored = s;
                    windowCrashes = published.get();
                }
            }
            long storedAtEnd = hub.ingestStats().snapshot().messagesStored();
            double elapsedS = (System.nanoTime() - t0) / 1e9;
            double backgroundPerS = (storedAtEnd - storedAtStart - published.get()) / elapsedS;

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!outstanding.isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            poller.interrupt();
            String result = child.awaitLine("RESULT", Duration.ofSeconds(total + 60L));
            long heapAfter = HeapSampler.usedAfterFullGcBytes();
            var cs = claims.crashStats();
            var ls = hub.ingestStats().snapshot();
            System.out.printf(Locale.ROOT, "  background stored during the crash phase: %.0f msg/s (5 s windows: %s)%n", backgroundPerS,
                    windowRates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
            System.out.printf(Locale.ROOT, "  background child: %s%n", result);
            System.out.printf(Locale.ROOT, "  crash candidates: expected %d, published %d (failed %d), claims found %d, not found within 30 s %d%n",
                    o.expectedCrashes(), published.get(), publishFailed.get(), found.get(), outstanding.size());
            System.out.printf(Locale.ROOT, "  crash service: %s; hub rejected %d messages, duplicates %d%n", cs, ls.rejectedTotal(), ls.duplicates());
            System.out.printf(Locale.ROOT, "  split p50/p99 ms: publish -> accepted by ingest (stored) %d/%d; accepted -> claim found %d/%d%n",
                    toAccepted.quantileMillis(0.5), toAccepted.quantileMillis(0.99), acceptedToClaim.quantileMillis(0.5), acceptedToClaim.quantileMillis(0.99));
            System.out.printf(Locale.ROOT, "  candidates slower than 1 s (%d): %s%n", slow.size(), slow);
            System.out.printf(Locale.ROOT, "  heap after full GC: %d MB before the load, %d MB after; max after GC %d MB, peak used %d MB%n",
                    heapBefore >> 20, heapAfter >> 20, heap.maxAfterGcBytes() >> 20, heap.peakUsedBytes() >> 20);
            System.out.printf(Locale.ROOT, "load average at the end: %s%n%n", IngestBench.loadAverage());
            System.out.println("| crash -> claim p50 / p99 / max ms | claims opened / expected | background msg/s (measured) | heap after GC MB (peak) |");
            System.out.println("| ---: | ---: | ---: | ---: |");
            System.out.printf(Locale.ROOT, "| %d / %d / %d | %d / %d | %.0f | %d (%d) |%n", latency.quantileMillis(0.5), latency.quantileMillis(0.99),
                    maxMs.get(), found.get(), o.expectedCrashes(), backgroundPerS, heap.maxAfterGcBytes() >> 20, heap.peakUsedBytes() >> 20);
        } finally {
            for (CrashDevice d : crashers) d.close();
        }
    }

    /** Receives each claim the poller finds. */
    private interface Found {
        void found(String claimId, long publishedNanos, long foundNanos);
    }

    /**
     * Every 10 ms: when the crash service's opened counter moved by n, looks up the outstanding claims oldest first
     * until n are found (claims open nearly in publish order, so this is about n primary-key reads, not a scan).
     */
    private static void poll(ClaimsApi claims, Map<String, Long> outstanding, Found sink) {
        long accounted = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long toFind = claims.crashStats().opened() - accounted;
            if (toFind > 0) {
                List<Map.Entry<String, Long>> oldestFirst = outstanding.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList();
                for (var e : oldestFirst) {
                    if (toFind == 0) break;
                    if (claims.claims().find(e.getKey()).isPresent()) {
                        sink.found(e.getKey(), e.getValue(), System.nanoTime());
                        outstanding.remove(e.getKey());
                        accounted++;
                        toFind--;
                    }
                }
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    private static void copyModel(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
