package io.telerisk.claims.classifier.training;

import io.telerisk.claims.classifier.CrashClassifier;
import io.telerisk.claims.classifier.CrashFeatures;
import io.telerisk.claims.classifier.CrashModelCard;
import io.telerisk.claims.classifier.PhysicsRuleClassifier;
import io.telerisk.claims.classifier.TfCrashClassifier;
import io.telerisk.claims.classifier.TfCrashModel;
import io.telerisk.claims.crash.PulseAnalyzer;
import io.telerisk.claims.crash.PulseConfig;
import io.telerisk.claims.crash.PulseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the TensorFlow crash classifier on simulated crashes and non-crash impulses and evaluates it on held-out
 * scenarios from a different seed: recall for delta-V ≥ 8 km/h and false alarms per 10,000 trip-hours (false-positive
 * rate per impulse kind × that kind's assumed rate per trip-hour, {@link ScenarioKind#perTripHour()}), with the
 * hand-written {@link PhysicsRuleClassifier} as a baseline.
 */
public final class CrashTraining {
    /** Minimum delta-V for the recall target, km/h. */
    public static final double RECALL_DELTA_V_KMH = 8;

    private CrashTraining() {
    }

    /** Features and labels of the measurable windows of a batch, and how many windows could not be measured. */
    public record Dataset(float[][] features, float[] labels, List<Scenario> scenarios, int unmeasured) {
    }

    /**
     * Generates {@code crashes} crashes and {@code perImpulseKind} of each non-crash kind with a seed and measures them.
     * Windows without a measurable pulse are left out (counted).
     */
    public static Dataset dataset(int crashes, int perImpulseKind, long seed, PulseAnalyzer analyzer) {
        ScenarioGenerator gen = new ScenarioGenerator(seed);
        List<float[]> xs = new ArrayList<>();
        List<Float> ys = new ArrayList<>();
        List<Scenario> kept = new ArrayList<>();
        int unmeasured = 0;
        for (ScenarioKind k : ScenarioKind.values()) {
            int count = k.crash() ? crashes : perImpulseKind;
            for (int i = 0; i < count; i++) {
                Scenario s = gen.next(k);
                if (analyzer.analyze(s.window()) instanceof PulseResult.Measured m) {
                    xs.add(CrashFeatures.of(m.measurement()));
                    ys.add(s.crash() ? 1f : 0f);
                    kept.add(s);
                } else {
                    unmeasured++;
                }
            }
        }
        float[] labels = new float[ys.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = ys.get(i);
        return new Dataset(xs.toArray(new float[0][]), labels, kept, unmeasured);
    }

    /**
     * Trains on a seeded dataset and exports the SavedModel with its card into {@code exportDir} (must be empty or
     * absent).
     */
    public static CrashModelCard train(int crashes, int perImpulseKind, long seed, TfCrashModel.Config cfg, Path exportDir) throws IOException {
        if (Files.exists(exportDir)) {
            try (var list = Files.list(exportDir)) {
                if (list.findAny().isPresent()) throw new IOException("export directory " + exportDir + " is not empty");
            }
        }
        Dataset d = dataset(crashes, perImpulseKind, seed, new PulseAnalyzer(PulseConfig.defaults()));
        long t0 = System.nanoTime();
        double loss = TfCrashModel.trainAndExport(d.features(), d.labels(), cfg, exportDir);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", "ScenarioGenerator (io.telerisk.claims.classifier.training): simulated, NOT real crashes");
        training.put("seed", seed);
        training.put("crashes", crashes);
        training.put("per impulse kind", perImpulseKind);
        training.put("measured windows", d.labels().length);
        training.put("architecture", "standardise -> dense " + cfg.hidden() + " ReLU -> dense 1 -> sigmoid");
        training.put("loss", "binary cross-entropy, crash weight " + cfg.crashWeight() + ", L2 " + cfg.l2());
        training.put("optimiser", "full-batch Adam, lr " + cfg.learningRate() + ", " + cfg.steps() + " steps, init seed " + cfg.seed());
        training.put("final loss", loss);
        training.put("train seconds", (System.nanoTime() - t0) / 1e9);
        CrashModelCard card = new CrashModelCard("crash-classifier-nn-v2", Instant.now().toString(), CrashFeatures.NAMES, 0.5, training);
        card.write(exportDir);
        return card;
    }

    /** Held-out evaluation of one classifier. */
    public record Evaluation(String classifier, int crashesAtLeast8Kmh, int detectedAtLeast8Kmh, int crashesBelow8Kmh,
                             int detectedBelow8Kmh, Map<ScenarioKind, int[]> falsePositivesOfKind,
                             double falseAlarmsPer10kTripHours, double falseAlarmsPer10kTripHoursUpper95,
                             double medianDeltaVErrorPercent) {
        public double recallAtLeast8Kmh() {
            return crashesAtLeast8Kmh == 0 ? Double.NaN : (double) detectedAtLeast8Kmh / crashesAtLeast8Kmh;
        }

        /** Non-crash windows confirmed as crashes, all kinds. */
        public int falsePositives() {
            return falsePositivesOfKind.values().stream().mapToInt(a -> a[0]).sum();
        }

        /**
         * Confirmed crashes among all confirmations on this evaluation's mix of windows (one crash per non-crash kind's
         * count as generated, not as on the road: on the road impulses outnumber crashes by far, which is what
         * {@link #falseAlarmsPer10kTripHours} accounts for).
         */
        public double precision() {
            int tp = detectedAtLeast8Kmh + detectedBelow8Kmh;
            return tp + falsePositives() == 0 ? Double.NaN : (double) tp / (tp + falsePositives());
        }

        public String format() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%s%n  recall, delta-V >= 8 km/h: %d / %d = %.4f%n  detected, delta-V < 8 km/h: %d / %d%n",
                    classifier, detectedAtLeast8Kmh, crashesAtLeast8Kmh, recallAtLeast8Kmh(), detectedBelow8Kmh, crashesBelow8Kmh));
            falsePositivesOfKind.forEach((k, fp) -> b.append(String.format(Locale.ROOT, "  false positives %-22s %d / %d%n", k, fp[0], fp[1])));
            b.append(String.format(Locale.ROOT, "  false alarms per 10,000 trip-hours: %.3f (95%% upper bound %.3f)%n",
                    falseAlarmsPer10kTripHours, falseAlarmsPer10kTripHoursUpper95));
            b.append(String.format(Locale.ROOT, "  precision on this mix: %.4f%n", precision()));
            b.append(String.format(Locale.ROOT, "  median |delta-V error| on detected crashes: %.2f %%%n", medianDeltaVErrorPercent));
            return b.toString();
        }
    }

    /**
     * Evaluates a classifier at a threshold on {@code crashes} crashes and {@code perImpulseKind} of each non-crash kind
     * generated from {@code seed} (use a seed different from training). A crash whose window cannot be measured
     * counts as missed; a non-crash that cannot be measured raises no alarm.
     */
    public static Evaluation evaluate(CrashClassifier classifier, double threshold, int crashes, int perImpulseKind, long seed) {
        Map<ScenarioKind, Integer> counts = new EnumMap<>(ScenarioKind.class);
        for (ScenarioKind k : ScenarioKind.values()) counts.put(k, k.crash() ? crashes : perImpulseKind);
        return evaluate(classifier, threshold, counts, seed);
    }

    /**
     * Sample sizes that minimise the 95 % upper bound on false alarms per trip-hour for a total of {@code impulses}
     * non-crash windows: n_k ∝ √(rate_k) (the bound is 3 · Σ rate_k / n_k when no alarm is raised).
     */
    public static Map<ScenarioKind, Integer> exposureAllocation(int crashes, int impulses) {
        double sum = 0;
        for (ScenarioKind k : ScenarioKind.values()) if (!k.crash()) sum += Math.sqrt(k.perTripHour());
        Map<ScenarioKind, Integer> counts = new EnumMap<>(ScenarioKind.class);
        for (ScenarioKind k : ScenarioKind.values()) {
            counts.put(k, k.crash() ? crashes : (int) Math.max(1, Math.round(impulses * Math.sqrt(k.perTripHour()) / sum)));
        }
        return counts;
    }

    /** As {@link #evaluate(CrashClassifier, double, int, int, long)} with a count per kind. */
    public static Evaluation evaluate(CrashClassifier classifier, double threshold, Map<ScenarioKind, Integer> counts, long seed) {
        PulseAnalyzer analyzer = new PulseAnalyzer(PulseConfig.defaults());
        ScenarioGenerator gen = new ScenarioGenerator(seed);
        int big = 0, bigHit = 0, small = 0, smallHit = 0;
        List<Double> errors = new ArrayList<>();
        Map<ScenarioKind, int[]> fp = new EnumMap<>(ScenarioKind.class);
        double rate = 0, upper = 0;
        for (ScenarioKind k : ScenarioKind.values()) {
            int count = counts.getOrDefault(k, 0);
            int alarms = 0;
            final int batch = 512;
            for (int done = 0; done < count; done += batch) {
                int m = Math.min(batch, count - done);
                List<Scenario> ss = new ArrayList<>(m);
                List<float[]> rows = new ArrayList<>(m);
                List<Double> measuredDv = new ArrayList<>(m);
                List<Scenario> measured = new ArrayList<>(m);
                for (int i = 0; i < m; i++) {
                    Scenario s = gen.next(k);
                    ss.add(s);
                    if (analyzer.analyze(s.window()) instanceof PulseResult.Measured pm) {
                        rows.add(CrashFeatures.of(pm.measurement()));
                        measuredDv.add(pm.measurement().deltaVMps());
                        measured.add(s);
                    }
                }
                double[] p = classifier.crashProbabilities(rows.toArray(new float[0][]));
                if (k.crash()) {
                    for (Scenario s : ss) {
                        if (s.trueDeltaVMps() * 3.6 >= RECALL_DELTA_V_KMH) big++;
                        else small++;
                    }
                    for (int i = 0; i < p.length; i++) {
                        if (p[i] < threshold) continue;
                        Scenario s = measured.get(i);
                        if (s.trueDeltaVMps() * 3.6 >= RECALL_DELTA_V_KMH) bigHit++;
                        else smallHit++;
                        errors.add(100 * Math.abs(measuredDv.get(i) - s.trueDeltaVMps()) / s.trueDeltaVMps());
                    }
                } else {
                    for (double v : p) if (v >= threshold) alarms++;
                }
            }
            if (!k.crash()) {
                fp.put(k, new int[] {alarms, count});
                rate += (double) alarms / count * k.perTripHour() * 10_000;
                // one-sided 95% upper bound on the kind's false-positive rate (exact for 0 alarms: rule of three)
                double u = alarms == 0 ? 3.0 / count : Math.min(1, ((double) alarms + 1.645 * Math.sqrt(alarms) + 1) / count);
                upper += u * k.perTripHour() * 10_000;
            }
        }
        errors.sort(Double::compare);
        double medErr = errors.isEmpty() ? Double.NaN : errors.get(errors.size() / 2);
        return new Evaluation(classifier.name(), big, bigHit, small, smallHit, fp, rate, upper, medErr);
    }

    /**
     * Trains (seed 1) into a directory, evaluates the TF model and the physics rule on held-out scenarios (seed 2), prints
     * both. Arguments: exportDir [crashes per set] [impulses per kind]; or {@code --exposure MODEL_DIR IMPULSES} to
     * evaluate an existing model on IMPULSES non-crash windows (seed 3) allocated by {@link #exposureAllocation}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: CrashTraining EXPORT_DIR [TRAIN_CRASHES] [EVAL_PER_KIND]");
            System.exit(2);
        }
        if (args[0].equals("--exposure")) {
            Map<ScenarioKind, Integer> counts = exposureAllocation(2000, Integer.parseInt(args[2]));
            System.out.println("windows per kind: " + counts);
            try (TfCrashClassifier tf = TfCrashClassifier.load(Path.of(args[1]))) {
                System.out.print(evaluate(tf, tf.threshold(), counts, 3).format());
            }
            return;
        }
        Path dir = Path.of(args[0]);
        int train = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int eval = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        long t0 = System.nanoTime();
        CrashModelCard card = train(train, train / 2, 1, TfCrashModel.Config.defaults(), dir);
        System.out.printf(Locale.ROOT, "trained %s in %.1f s: %s%n", card.name(), (System.nanoTime() - t0) / 1e9, card.training());
        try (TfCrashClassifier tf = TfCrashClassifier.load(dir)) {
            System.out.print(evaluate(tf, card.threshold(), eval, eval, 2).format());
        }
        System.out.print(evaluate(new PhysicsRuleClassifier(RECALL_DELTA_V_KMH), 0.5, eval, eval, 2).format());
    }
}
