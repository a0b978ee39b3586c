package io.telerisk.claims.bench;

import io.telerisk.claims.assessment.AssessmentRules;
import io.telerisk.claims.assessment.Assessor;
import io.telerisk.claims.classifier.CrashClassifier;
import io.telerisk.claims.classifier.PhysicsRuleClassifier;
import io.telerisk.claims.classifier.TfCrashClassifier;
import io.telerisk.claims.classifier.training.Scenario;
import io.telerisk.claims.classifier.training.ScenarioGenerator;
import io.telerisk.claims.classifier.training.ScenarioKind;
import io.telerisk.claims.crash.CrashConfirmer;
import io.telerisk.claims.crash.PulseAnalyzer;
import io.telerisk.claims.crash.PulseConfig;
import io.telerisk.claims.fnol.ClaimIntake;
import io.telerisk.claims.fnol.ClaimJournal;
import io.telerisk.claims.fnol.Coverage;
import io.telerisk.claims.fnol.CrashClaimService;
import io.telerisk.claims.fnol.InMemoryClaimRepository;
import io.telerisk.claims.fnol.InMemoryPolicyDirectory;
import io.telerisk.claims.fnol.Policy;
import io.telerisk.claims.ledger.AuditLedger;
import io.telerisk.claims.ledger.InMemoryAuditLedgerStore;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.EventTypes;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * In-process latency of {@link CrashClaimService#onCrashCandidate} (judge the 8 s, 100 Hz window, open, assess and route
 * the claim, three ledger entries) with in-memory ports; half the candidates are crashes, half non-crash impulses.
 * Not a test: {@code java ... CrashClaimBench [MODEL_DIR] [EVENTS] [THREADS]} (no model dir, or "-": physics rule).
 */
public final class CrashClaimBench {
    public static void main(String[] args) throws Exception {
        String model = args.length > 0 ? args[0] : "-";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        CrashClassifier classifier = model.equals("-") ? new PhysicsRuleClassifier(8) : TfCrashClassifier.load(Path.of(model));
        double threshold = classifier instanceof TfCrashClassifier tf ? tf.threshold() : 0.5;
        InMemoryPolicyDirectory policies = new InMemoryPolicyDirectory();
        ScenarioGenerator gen = new ScenarioGenerator(77);
        List<DeviceEvent> evs = new ArrayList<>();
        List<DeviceKey> keys = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            DeviceKey k = new DeviceKey("acme", DeviceType.VEHICLE, "veh-" + i);
            Scenario s = gen.next(i % 2 == 0 ? ScenarioKind.CRASH : ScenarioKind.values()[1 + (i / 2) % 5]);
            Instant t = s.window().get(0).time();
            policies.add(new Policy("POL-" + i, "h", k, t.minus(Duration.ofDays(100)), t.plus(Duration.ofDays(265)),
                    List.of(new Coverage("COLLISION", new BigDecimal("50000.00"), new BigDecimal("300.00"), "EUR"))));
            evs.add(new DeviceEvent(EventTypes.CRASH_CANDIDATE, t, Map.of(), Map.of("candidateId", "c" + i), s.window()));
            keys.add(k);
        }
        AuditLedger ledger = new AuditLedger(new InMemoryAuditLedgerStore());
        CrashClaimService svc = new CrashClaimService(new CrashConfirmer(new PulseAnalyzer(PulseConfig.defaults()), classifier, threshold),
                new io.telerisk.claims.fnol.InMemoryTelemetryWindowSource(), policies, new ClaimIntake(new ClaimJournal(new InMemoryClaimRepository(), ledger), new Assessor(AssessmentRules.defaults())), "COLLISION");
        // warm-up on a separate service so the measured one starts empty
        for (int i = 0; i < Math.min(500, events); i++) {
            new CrashConfirmer(new PulseAnalyzer(PulseConfig.defaults()), classifier, threshold).judge(evs.get(i).window());
        }
        long[] nanos = new long[events];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int th = 0; th < threads; th++) {
            int start = th;
            fs.add(pool.submit(() -> {
                for (int i = start; i < events; i += threads) {
                    long a = System.nanoTime();
                    svc.onCrashCandidate(keys.get(i), evs.get(i), Instant.now());
                    nanos[i] = System.nanoTime() - a;
                }
            }));
        }
        for (Future<?> f : fs) f.get();
        double wall = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        Arrays.sort(nanos);
        System.out.printf(java.util.Locale.ROOT, "classifier %s, %d candidates (8 s windows, ~900 samples), %d threads%n", classifier.name(), events, threads);
        System.out.printf(java.util.Locale.ROOT, "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; throughput %.0f candidates/s%n",
                nanos[events / 2] / 1e6, nanos[(int) (events * 0.99)] / 1e6, nanos[events - 1] / 1e6, events / wall);
        System.out.println(svc.stats() + ", ledger valid: " + ledger.verify().valid());
        if (classifier instanceof TfCrashClassifier tf) tf.close();
    }
}
