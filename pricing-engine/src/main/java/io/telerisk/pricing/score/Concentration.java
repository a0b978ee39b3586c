package io.telerisk.pricing.score;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well a risk ranking concentrates claims: the Gini index of the ordered Lorenz curve (policies sorted from the
 * highest predicted rate; x = share of exposure, y = share of claims; Gini = 2 × area between curve and diagonal)
 * and the lift of the top decile (claim frequency of the riskiest 10% of exposure over the portfolio's).
 */
public final class Concentration {
    private Concentration() {}

    public static double gini(double[] predictedRate, double[] exposure, double[] claims) {
        Integer[] order = order(predictedRate);
        double totalE = Arrays.stream(exposure).sum(), totalY = Arrays.stream(claims).sum();
        double area = 0, cx = 0, cy = 0;
        for (int i : order) {
            double nx = cx + exposure[i] / totalE, ny = cy + claims[i] / totalY;
            area += (nx - cx) * (cy + ny) / 2;
            cx = nx;
            cy = ny;
        }
        return 2 * (area - 0.5);
    }

    public static double topDecileLift(double[] predictedRate, double[] exposure, double[] claims) {
        Integer[] order = order(predictedRate);
        double totalE = Arrays.stream(exposure).sum(), totalY = Arrays.stream(claims).sum();
        double e = 0, y = 0;
        for (int i : order) {
            if (e >= totalE * 0.1) break;
            e += exposure[i];
            y += claims[i];
        }
        return (y / e) / (totalY / totalE);
    }

    private static Integer[] order(double[] predicted) {
        Integer[] idx = new Integer[predicted.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -predicted[i]).thenComparingInt(i -> i));
        return idx;
    }
}
