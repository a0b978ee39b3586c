package io.telerisk.claims.classifier.training;

import io.telerisk.claims.classifier.CrashClassifier;
import io.telerisk.claims.classifier.CrashFeatures;
import io.telerisk.claims.crash.PulseAnalyzer;
import io.telerisk.claims.crash.PulseConfig;
import io.telerisk.claims.crash.PulseResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recall where it is hardest to earn: crashes from each direction (front, left, right, rear) at delta-V just below
 * and just above the {@value CrashTraining#RECALL_DELTA_V_KMH} km/h recall threshold. Overall recall hides these
 * cells: side impacts are a quarter of the generator's crashes and the boundary a sliver of its 3–60 km/h range,
 * and a rule on measured delta-V loses half of the crashes whose measurement lands on the wrong side.
 */
public final class BoundaryEvaluation {
    /** Directions evaluated: where the other object came from, vehicle frame. */
    public enum Direction {
        FRONT(0), LEFT(90), RIGHT(-90), REAR(180);

        final double thetaDeg;

        Direction(double thetaDeg) {
            this.thetaDeg = thetaDeg;
        }
    }

    /** Delta-V values evaluated, km/h: below, at and above the recall threshold. */
    public static final List<Double> DELTA_V_KMH = List.of(6.0, 7.0, 7.5, 8.5, 9.0, 10.0, 12.0);

    /** One cell: crashes from one direction at one delta-V, and how many were confirmed. */
    public record Cell(Direction direction, double deltaVKmh, int crashes, int detected) {
        public double recall() {
            return crashes == 0 ? Double.NaN : (double) detected / crashes;
        }

        public boolean aboveThreshold() {
            return deltaVKmh >= CrashTraining.RECALL_DELTA_V_KMH;
        }
    }

    private BoundaryEvaluation() {
    }

    /**
     * Generates {@code perCell} crashes for every direction and delta-V from {@code seed} and counts those the
     * classifier confirms at {@code threshold}; a window that cannot be measured counts as missed.
     */
    public static List<Cell> run(CrashClassifier classifier, double threshold, int perCell, long seed) {
        PulseAnalyzer analyzer = new PulseAnalyzer(PulseConfig.defaults());
        ScenarioGenerator gen = new ScenarioGenerator(seed);
        List<Cell> out = new ArrayList<>();
        for (Direction d : Direction.values()) {
            for (double kmh : DELTA_V_KMH) {
                List<float[]> rows = new ArrayList<>();
                for (int i = 0; i < perCell; i++) {
                    if (analyzer.analyze(gen.crashFrom(kmh / 3.6, d.thetaDeg).window()) instanceof PulseResult.Measured m) {
                        rows.add(CrashFeatures.of(m.measurement()));
                    }
                }
                int hit = 0;
                for (double p : classifier.crashProbabilities(rows.toArray(new float[0][]))) if (p >= threshold) hit++;
                out.add(new Cell(d, kmh, perCell, hit));
            }
        }
        return out;
    }

    /** The cells as a Markdown table, one row per direction, one column per delta-V. */
    public static String table(String classifier, List<Cell> cells) {
        StringBuilder b = new StringBuilder("| " + classifier + " | ");
        for (double v : DELTA_V_KMH) b.append(String.format(Locale.ROOT, "%.1f km/h | ", v));
        b.append("\n|---|");
        b.append("---:|".repeat(DELTA_V_KMH.size())).append('\n');
        for (Direction d : Direction.values()) {
            b.append("| ").append(d.name().toLowerCase(Locale.ROOT)).append(" | ");
            for (Cell c : cells) {
                if (c.direction() == d) b.append(String.format(Locale.ROOT, "%d / %d | ", c.detected(), c.crashes()));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
