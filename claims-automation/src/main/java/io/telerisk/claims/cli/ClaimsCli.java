package io.telerisk.claims.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telerisk.claims.assessment.AssessmentRules;
import io.telerisk.claims.assessment.InjuryRiskCurve;
import io.telerisk.claims.assessment.RepairCostBands;
import io.telerisk.claims.assessment.Severity;
import io.telerisk.claims.classifier.CrashClassifier;
import io.telerisk.claims.classifier.BundledCrashModel;
import io.telerisk.claims.classifier.PhysicsRuleClassifier;
import io.telerisk.claims.classifier.TfCrashClassifier;
import io.telerisk.claims.classifier.TfCrashModel;
import io.telerisk.claims.classifier.training.CrashTraining;
import io.telerisk.claims.crash.CrashConfirmer;
import io.telerisk.claims.crash.CrashVerdict;
import io.telerisk.claims.crash.PulseAnalyzer;
import io.telerisk.claims.crash.PulseConfig;
import io.telerisk.claims.crash.PulseMeasurement;
import io.telerisk.model.Sample;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line of claims-automation ({@code bin/platform claims ...}):
 * <pre>
 *   claims assess --window FILE.csv [--model DIR|bundled|physics]   detection, delta-V, impact direction, severity as JSON
 *   claims train-model --out DIR [--crashes N]      train the TensorFlow crash classifier on simulated scenarios
 *   claims evaluate --model DIR [--per-kind N]      held-out recall and false alarms of a model and the physics rule
 * </pre>
 * Without {@code --model}, {@code assess} uses the model shipped in the jar ({@code bundled}), as the hub does;
 * {@code --model physics} asks for the physics rule. The verdict names the classifier. Exit 0 on success, 1 on bad input (the
 * message names the line), 2 on usage errors.
 */
public final class ClaimsCli {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** {@code --model physics}: the hand-written baseline instead of a TensorFlow model. */
    static final String PHYSICS = "physics";

    private ClaimsCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) return usage(err, "no command");
        try {
            return switch (args[0]) {
                case "assess" -> assess(args, out, err);
                case "train-model" -> train(args, out, err);
                case "evaluate" -> evaluate(args, out, err);
                case "-h", "--help", "help" -> {
                    usage(out, null);
                    yield 0;
                }
                default -> usage(err, "unknown command " + args[0]);
            };
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
    }

    private static int assess(String[] args, PrintStream out, PrintStream err) {
        String window = option(args, "--window", true);
        String model = option(args, "--model", false);
        if (model == null) model = "bundled";
        List<Sample> samples;
        try {
            samples = WindowCsv.read(Path.of(window));
        } catch (NoSuchFileException e) {
            err.println("error: no such file " + window);
            return 1;
        } catch (IOException e) {
            err.println("error: cannot read " + window + ": " + e.getMessage());
            return 1;
        } catch (WindowCsv.BadCsvException e) {
            err.println("error: " + window + ": " + e.getMessage());
            return 1;
        }
        CrashClassifier classifier;
        TfCrashClassifier tf = null;
        double threshold = 0.5;
        if (!PHYSICS.equals(model)) {
            try {
                tf = loadModel(model);
                classifier = tf;
                threshold = tf.threshold();
            } catch (IOException e) {
                err.println("error: cannot load model " + model + ": " + e.getMessage());
                return 1;
            }
        } else {
            classifier = new PhysicsRuleClassifier(CrashTraining.RECALL_DELTA_V_KMH);
        }
        try {
            CrashVerdict v = new CrashConfirmer(new PulseAnalyzer(PulseConfig.defaults()), classifier, threshold).judge(samples);
            out.println(JSON.writeValueAsString(toJson(window, samples.size(), v)));
            return 0;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            if (tf != null) tf.close();
        }
    }

    static ObjectNode toJson(String file, int samples, CrashVerdict v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("window", file);
        o.put("samples", samples);
        o.put("detection", v.outcome().name().toLowerCase(java.util.Locale.ROOT));
        o.put("classifier", v.classifier());
        if (Double.isFinite(v.crashProbability())) o.put("crashProbability", round(v.crashProbability(), 4));
        o.put("detail", v.detail());
        PulseMeasurement m = v.measurement();
        if (m != null) {
            o.put("impactTime", m.pulseStart().toString());
            o.put("deltaVMps", round(m.deltaVMps(), 3));
            o.put("deltaVKmh", round(m.deltaVKmh(), 2));
            o.put("peakG", round(m.peakG(), 2));
            o.put("pulseDurationMs", round(m.durationMs(), 1));
            o.put("impactAngleDeg", round(m.impactAngleDeg(), 1));
            o.put("impactDirection", m.direction().wireName());
            if (m.speedBeforeMps() != null) o.put("speedBeforeMps", m.speedBeforeMps()); else o.putNull("speedBeforeMps");
            if (m.speedAfterMps() != null) o.put("speedAfterMps", m.speedAfterMps()); else o.putNull("speedAfterMps");
            InjuryRiskCurve curve = AssessmentRules.defaults().injuryRisk();
            double risk = curve.mais3PlusRisk(m.deltaVKmh());
            o.put("mais3PlusRisk", round(risk, 4));
            o.put("severity", Severity.ofRisk(risk).name().toLowerCase(java.util.Locale.ROOT));
            o.put("injuryRiskCurve", curve.source());
            RepairCostBands.Band b = RepairCostBands.illustrativeEur().bandFor(m.deltaVKmh());
            o.put("repairBand", b.label());
            o.put("repairCostLow", b.low());
            o.put("repairCostHigh", b.high());
            o.put("repairCurrency", "EUR");
        }
        return o;
    }

    private static int train(String[] args, PrintStream out, PrintStream err) {
        Path dir = Path.of(option(args, "--out", true));
        int crashes = Integer.parseInt(orDefault(option(args, "--crashes", false), "3000"));
        try {
            var card = CrashTraining.train(crashes, Math.max(1, crashes / 2), 1, TfCrashModel.Config.defaults(), dir);
            out.println(JSON.writeValueAsString(card));
            return 0;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** The model in a directory, or the one shipped in the jar for {@code bundled}. */
    private static TfCrashClassifier loadModel(String model) throws IOException {
        return "bundled".equals(model) ? BundledCrashModel.load() : TfCrashClassifier.load(Path.of(model));
    }

    private static int evaluate(String[] args, PrintStream out, PrintStream err) {
        Path dir = Path.of(option(args, "--model", true));
        int n = Integer.parseInt(orDefault(option(args, "--per-kind", false), "5000"));
        try (TfCrashClassifier tf = loadModel(option(args, "--model", true))) {
            out.print(CrashTraining.evaluate(tf, tf.threshold(), n, n, 2).format());
            out.print(CrashTraining.evaluate(new PhysicsRuleClassifier(CrashTraining.RECALL_DELTA_V_KMH), 0.5, n, n, 2).format());
            return 0;
        } catch (IOException e) {
            err.println("error: cannot load model " + dir + ": " + e.getMessage());
            return 1;
        }
    }

    private static String option(String[] args, String name, boolean required) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value");
                return args[i + 1];
            }
        }
        if (required) throw new IllegalArgumentException("missing " + name);
        return null;
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static int usage(PrintStream s, String problem) {
        if (problem != null) s.println("error: " + problem);
        s.println("usage: claims assess --window FILE.csv [--model DIR|bundled|physics]   (default bundled)");
        s.println("       claims train-model --out DIR [--crashes N]");
        s.println("       claims evaluate --model DIR|bundled [--per-kind N]");
        s.println("window CSV columns: time (ISO-8601 or seconds), ax, ay, az (m/s², vehicle frame, gravity as measured), speed (m/s, may be empty)");
        return problem == null ? 0 : 2;
    }
}
