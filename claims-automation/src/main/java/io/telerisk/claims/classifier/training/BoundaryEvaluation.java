package io.telerisk.claims.classifier.training;

import io.telerisk.claims.classifier.CrashClassifier;
import io.telerisk.claims.classifier.CrashFeatures;
import io.telerisk.claims.crash.PulseAnalyzer;
import io.telerisk.claims.crash.PulseConfig;
import io.telerisk.claims.crash.PulseResult;
import io.telerisk.model.PulseShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Recall where it is hardest to earn: crashes of each pulse shape (half-sine, haversine, triangular) from each
 * direction (front, left, right, rear) at delta-V just below, exactly at and above the
 * {@value CrashTraining#RECALL_DELTA_V_KMH} km/h recall threshold, and in bands above it. Overall recall hides these
 * cells: side impacts are a quarter of the generator's crashes and the boundary a sliver of its 3–60 km/h range, and
 * a rule on measured delta-V loses most crashes at exactly 8.0 km/h (a true 8.0 measured as 7.9 is still a crash).
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

    /**
     * True delta-V of a cell's crashes, km/h: exactly {@code fromKmh} when both ends are equal, else uniform in
     * [fromKmh, toKmh).
     */
    public record Band(double fromKmh, double toKmh) {
        public boolean point() {
            return fromKmh == toKmh;
        }

        /** Column header: "8.0" for a point, "[8, 10)" for a band. */
        public String label() {
            return point() ? String.format(Locale.ROOT, "%.1f", fromKmh)
                    : String.format(Locale.ROOT, "[%s, %s)", trim(fromKmh), trim(toKmh));
        }

        private static String trim(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }

    /** Delta-V cells evaluated: points below and at the threshold, 8.0 exactly, then bands up to the generator's 60 km/h. */
    public static final List<Band> BANDS = List.of(new Band(6, 6), new Band(7, 7), new Band(7.5, 7.5), new Band(7.9, 7.9),
            new Band(8, 8), new Band(8.5, 8.5), new Band(8, 10), new Band(10, 15), new Band(15, 30), new Band(30, 60));

    /** One cell: crashes of one shape from one direction in one delta-V band, and how many were confirmed. */
    public record Cell(PulseShape shape, Direction direction, Band band, int crashes, int detected) {
        public double recall() {
            return crashes == 0 ? Double.NaN : (double) detected / crashes;
        }

        /** Every crash of the cell has a true delta-V at or above the recall threshold (so each must be found). */
        public boolean aboveThreshold() {
            return band.fromKmh() >= CrashTraining.RECALL_DELTA_V_KMH;
        }
    }

    private BoundaryEvaluation() {
    }

    /**
     * Generates {@code perCell} crashes for every shape, direction and band from {@code seed} and counts those the
     * classifier confirms at {@code threshold}; a window that cannot be measured counts as missed.
     */
    public static List<Cell> run(CrashClassifier classifier, double threshold, int perCell, long seed) {
        return run(classifier, threshold, perCell, seed, BANDS);
    }

    /** As {@link #run(CrashClassifier, double, int, long)} on some of the bands only. */
    public static List<Cell> run(CrashClassifier classifier, double threshold, int perCell, long seed, List<Band> bands) {
        PulseAnalyzer analyzer = new PulseAnalyzer(PulseConfig.defaults());
        ScenarioGenerator gen = new ScenarioGenerator(seed);
        Random bandDraws = new Random(seed + 1);
        List<Cell> out = new ArrayList<>();
        for (PulseShape shape : ScenarioGenerator.CRASH_SHAPES) {
            for (Direction d : Direction.values()) {
                for (Band band : bands) {
                    List<float[]> rows = new ArrayList<>();
                    for (int i = 0; i < perCell; i++) {
                        double kmh = band.point() ? band.fromKmh() : band.fromKmh() + (band.toKmh() - band.fromKmh()) * bandDraws.nextDouble();
                        if (analyzer.analyze(gen.crashFrom(kmh / 3.6, d.thetaDeg, shape).window()) instanceof PulseResult.Measured m) {
                            rows.add(CrashFeatures.of(m.measurement()));
                        }
                    }
                    int hit = 0;
                    for (double p : classifier.crashProbabilities(rows.toArray(new float[0][]))) if (p >= threshold) hit++;
                    out.add(new Cell(shape, d, band, perCell, hit));
                }
            }
        }
        return out;
    }

    /** The cells as a Markdown table, one row per shape and direction, one column per delta-V band (km/h). */
    public static String table(String classifier, List<Cell> cells) {
        StringBuilder b = new StringBuilder("| " + classifier + " | ");
        for (Band band : BANDS) b.append(band.label()).append(" | ");
        b.append("\n|---|");
        b.append("---:|".repeat(BANDS.size())).append('\n');
        for (PulseShape shape : ScenarioGenerator.CRASH_SHAPES) {
            for (Direction d : Direction.values()) {
                b.append("| ").append(shape.name().toLowerCase(Locale.ROOT).replace('_', '-')).append(' ')
                        .append(d.name().toLowerCase(Locale.ROOT)).append(" | ");
                for (Cell c : cells) {
                    if (c.shape() == shape && c.direction() == d) b.append(String.format(Locale.ROOT, "%d / %d | ", c.detected(), c.crashes()));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** The bands whose crashes are all at or above the recall threshold. */
    public static List<Band> bandsAboveThreshold() {
        return BANDS.stream().filter(b -> b.fromKmh() >= CrashTraining.RECALL_DELTA_V_KMH).toList();
    }

    /** Detected and generated crashes over the cells at or above the threshold of one shape and direction. */
    public static int[] aboveThresholdTotals(List<Cell> cells, PulseShape shape, Direction d) {
        int n = 0, hit = 0;
        for (Cell c : cells) {
            if (c.aboveThreshold() && c.shape() == shape && c.direction() == d) {
                n += c.crashes();
                hit += c.detected();
            }
        }
        return new int[] {hit, n};
    }
}
