package io.telerisk.claims.classifier.training;

import io.telerisk.claims.classifier.BundledCrashModel;
import io.telerisk.claims.classifier.CrashModelCard;
import io.telerisk.claims.classifier.PhysicsRuleClassifier;
import io.telerisk.claims.classifier.TfCrashClassifier;
import io.telerisk.claims.classifier.TfCrashModel;
import io.telerisk.model.PulseShape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the crash model the jar ships ({@link BundledCrashModel}): trains on seed 1, evaluates on held-out seeds
 * (2: the overall mix, 4: crashes of each pulse shape from each direction at and around the delta-V boundary) against
 * the physics rule, and writes
 * the SavedModel with both model cards, the JSON one for loading, MODEL_CARD.md (data, metrics, limits) for people.
 * <pre>
 * CrashModelRelease OUT_DIR [TRAIN_CRASHES=4000] [EVAL_PER_KIND=10000] [BOUNDARY_PER_CELL=200]
 * </pre>
 */
public final class CrashModelRelease {
    static final long TRAIN_SEED = 1, HELD_OUT_SEED = 2, BOUNDARY_SEED = 4;

    private CrashModelRelease() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: CrashModelRelease OUT_DIR [TRAIN_CRASHES] [EVAL_PER_KIND] [BOUNDARY_PER_CELL]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int train = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int eval = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int perCell = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        String command = "CrashModelRelease " + String.join(" ", args);
        CrashModelCard card = CrashTraining.train(train, train / 2, TRAIN_SEED, TfCrashModel.Config.defaults(), out);
        CrashTraining.Evaluation tf, rule;
        List<BoundaryEvaluation.Cell> tfCells, ruleCells;
        PhysicsRuleClassifier physics = new PhysicsRuleClassifier(CrashTraining.RECALL_DELTA_V_KMH);
        try (TfCrashClassifier model = TfCrashClassifier.load(out)) {
            tf = CrashTraining.evaluate(model, card.threshold(), eval, eval, HELD_OUT_SEED);
            tfCells = BoundaryEvaluation.run(model, card.threshold(), perCell, BOUNDARY_SEED);
        }
        rule = CrashTraining.evaluate(physics, 0.5, eval, eval, HELD_OUT_SEED);
        ruleCells = BoundaryEvaluation.run(physics, 0.5, perCell, BOUNDARY_SEED);
        Map<String, Object> training = new LinkedHashMap<>(card.training());
        training.put("command", command);
        training.put("held-out seed", HELD_OUT_SEED);
        training.put("held-out recall, delta-V >= 8 km/h", tf.detectedAtLeast8Kmh() + " / " + tf.crashesAtLeast8Kmh());
        training.put("held-out precision", tf.precision());
        training.put("held-out false positives", tf.falsePositives() + " / " + eval * (ScenarioKind.values().length - 1));
        CrashModelCard released = new CrashModelCard(card.name(), card.created(), card.features(), card.threshold(), training);
        released.write(out);
        String md = markdown(released, command, eval, perCell, tf, rule, tfCells, ruleCells);
        Files.writeString(out.resolve(BundledCrashModel.MARKDOWN), md);
        System.out.print(md);
    }

    static String markdown(CrashModelCard card, String command, int eval, int perCell, CrashTraining.Evaluation tf,
                           CrashTraining.Evaluation rule, List<BoundaryEvaluation.Cell> tfCells, List<BoundaryEvaluation.Cell> ruleCells) {
        StringBuilder b = new StringBuilder();
        b.append("# Model card: ").append(card.name()).append("\n\n");
        b.append("- created: ").append(card.created()).append('\n');
        b.append("- framework: TensorFlow Java core API 1.1.0 (graph mode), trained in Java\n");
        b.append("- inputs: the pulse measurement's features ").append(card.features()).append(" (standardised inside the graph)\n");
        b.append("- output: crash probability; confirmed at or above ").append(card.threshold()).append('\n');
        b.append("- built by: `").append(command).append("` (see docs/claims.md, \"Shipped crash model\")\n\n");
        b.append("## Training\n");
        card.training().forEach((k, v) -> {
            if (!k.startsWith("held-out") && !k.equals("command")) b.append("- ").append(k).append(": ").append(v).append('\n');
        });
        b.append("\n## Data\n");
        b.append("- source: `ScenarioGenerator` (io.telerisk.claims.classifier.training): simulated 100 Hz windows, NOT real crashes\n");
        b.append("- crashes: half-sine, haversine and triangular pulses (a third each) of 60-150 ms, delta-V 3-60 km/h, 55 % frontal, 25 % side,\n"
                + "  20 % rear (half of those on a stopped vehicle), 100 Hz box-averaged samples with road vibration noise, 1 Hz GNSS speed with noise\n");
        b.append("- non-crashes: potholes, kerb strikes, door slams, dropped phones, potholes while braking hard\n");
        b.append("- training seed ").append(CrashModelRelease.TRAIN_SEED).append("; held-out seeds ").append(HELD_OUT_SEED)
                .append(" (mix) and ").append(BOUNDARY_SEED).append(" (boundary), never seen in training\n\n");
        b.append("## Held-out metrics (seed ").append(HELD_OUT_SEED).append(", ").append(eval).append(" crashes and ").append(eval)
                .append(" windows of each non-crash kind)\n");
        b.append("| metric | TF model | physics rule |\n|---|---:|---:|\n");
        b.append(String.format(Locale.ROOT, "| recall, delta-V >= 8 km/h | %d / %d = %.4f | %d / %d = %.4f |%n", tf.detectedAtLeast8Kmh(),
                tf.crashesAtLeast8Kmh(), tf.recallAtLeast8Kmh(), rule.detectedAtLeast8Kmh(), rule.crashesAtLeast8Kmh(), rule.recallAtLeast8Kmh()));
        b.append(String.format(Locale.ROOT, "| crashes < 8 km/h confirmed | %d / %d | %d / %d |%n", tf.detectedBelow8Kmh(), tf.crashesBelow8Kmh(),
                rule.detectedBelow8Kmh(), rule.crashesBelow8Kmh()));
        b.append(String.format(Locale.ROOT, "| false positives (all kinds) | %d | %d |%n", tf.falsePositives(), rule.falsePositives()));
        b.append(String.format(Locale.ROOT, "| precision on this mix | %.4f | %.4f |%n", tf.precision(), rule.precision()));
        b.append(String.format(Locale.ROOT, "| false alarms per 10,000 trip-hours (95 %% upper bound) | %.3f (%.3f) | %.3f (%.3f) |%n",
                tf.falseAlarmsPer10kTripHours(), tf.falseAlarmsPer10kTripHoursUpper95(), rule.falseAlarmsPer10kTripHours(), rule.falseAlarmsPer10kTripHoursUpper95()));
        b.append(String.format(Locale.ROOT, "| median delta-V error on confirmed crashes | %.2f %% | %.2f %% |%n%n", tf.medianDeltaVErrorPercent(), rule.medianDeltaVErrorPercent()));
        b.append("## Boundary and direction (seed ").append(BOUNDARY_SEED).append(", ").append(perCell).append(" crashes per cell, confirmed / generated)\n");
        b.append("True delta-V in km/h: a single number is that value exactly (8.0 is the threshold: a true 8.0 km/h crash measured as 7.9 must\n"
                + "still be confirmed), [a, b) is uniform in that band. Recall at >= 8.0 km/h per shape and direction (all cells from 8.0 up):\n\n");
        b.append("| shape, direction | TF model | physics rule |\n|---|---:|---:|\n");
        for (PulseShape shape : ScenarioGenerator.CRASH_SHAPES) {
            for (BoundaryEvaluation.Direction d : BoundaryEvaluation.Direction.values()) {
                int[] t = BoundaryEvaluation.aboveThresholdTotals(tfCells, shape, d), r = BoundaryEvaluation.aboveThresholdTotals(ruleCells, shape, d);
                b.append(String.format(Locale.ROOT, "| %s %s | %d / %d = %.4f | %d / %d = %.4f |%n", shape.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        d.name().toLowerCase(Locale.ROOT), t[0], t[1], (double) t[0] / t[1], r[0], r[1], (double) r[0] / r[1]));
            }
        }
        b.append('\n');
        b.append(BoundaryEvaluation.table("TF model", tfCells)).append('\n');
        b.append(BoundaryEvaluation.table("physics rule", ruleCells)).append('\n');
        b.append("## Intended use\nConfirming crash candidates raised by vehicle telematics devices (a pulse the edge flagged) before a claim is opened,\n"
                + "as the `CrashConfirmer`'s classifier.\n\n");
        b.append("## Limitations\n");
        b.append("- Trained and evaluated on simulated windows from one generator family: the figures measure how well the model separates *our*\n"
                + "  simulated crashes from *our* simulated impulses, not field performance. Real crash pulses are not clean\n"
                + "  half-sines, haversines or triangles, mounts resonate, GNSS lags and drops out. Retrain and re-evaluate on real\n"
                + "  EDR/telematics data before production use.\n");
        b.append("- Precision is on the generated mix; on the road impulses outnumber crashes by orders of magnitude: read the false alarms per\n"
                + "  trip-hour (exposure rates assumed in `ScenarioKind`).\n");
        b.append("- Rollovers, multiple impacts, pedestrians and two-wheelers are not in the data.\n");
        b.append("- Training is not bit-reproducible across machines and thread counts (TensorFlow): rebuilding gives a model with the same\n"
                + "  metrics within sampling noise, not the same bytes; the shipped files are the reference.\n");
        return b.toString();
    }
}
