package io.telerisk.pricing.score;

import io.telerisk.model.summary.DailyUsage;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded ground truth for training and evaluating risk scores: each driver has latent behaviour (mileage, night,
 * urban, speeding and harshness propensities plus an unobservable frailty); {@code days} of DailyUsage are drawn
 * from it, and claims over the policy year are Poisson with a rate that depends on the latent behaviour
 * non-linearly (a speeding threshold, saturating harshness, a night × speeding interaction), so a flexible model
 * can beat a log-linear GLM on the same features.
 *
 * @param features   per driver, {@link DriverFeatures} of the observed usage
 * @param exposure   policy years
 * @param claims     claim counts
 * @param trueRate   the annual claim rate that generated the claims (oracle)
 */
public record SimulatedPortfolio(double[][] features, double[] exposure, double[] claims, double[] trueRate) {
    static final LocalDate START = LocalDate.of(2026, 1, 1);

    public int size() { return claims.length; }

    /** The true annual log rate of a latent profile (documented in the model card). */
    static double trueLogRate(double annualKm, double night, double urban, double speeding, double harsh, double frailty) {
        return -2.45 + 0.5 * Math.log(annualKm / 10000) + 1.5 * night + 0.35 * urban
                + 25 * Math.max(0, speeding - 0.03) + 0.7 * Math.tanh(harsh / 0.8) + 12 * night * speeding + frailty;
    }

    public static SimulatedPortfolio simulate(int drivers, int days, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[drivers][];
        double[] e = new double[drivers], y = new double[drivers], rate = new double[drivers];
        List<DailyUsage> usage = new ArrayList<>(days);
        for (int i = 0; i < drivers; i++) {
            double annualKm = Math.exp(Math.log(11000) + 0.55 * r.nextGaussian());
            double night = 0.25 * Math.pow(r.nextDouble(), 2);
            double urban = 0.1 + 0.8 * r.nextDouble();
            double speeding = 0.09 * Math.pow(r.nextDouble(), 1.5);
            double harsh = Math.exp(Math.log(0.5) + 0.7 * r.nextGaussian());
            double frailty = 0.3 * r.nextGaussian();
            double tripKm = Math.exp(Math.log(12) + 0.4 * r.nextGaussian());
            usage.clear();
            for (int d = 0; d < days; d++) {
                if (r.nextDouble() > 0.8) continue;
                double km = annualKm / 365 / 0.8 * Math.exp(0.35 * r.nextGaussian() - 0.06);
                double nightKm = km * clamp01(night + 0.05 * r.nextGaussian());
                double urbanKm = km * clamp01(urban + 0.1 * r.nextGaussian());
                double speedKm = km * clamp01(speeding + 0.02 * r.nextGaussian());
                int trips = Math.max(1, (int) Math.round(km / tripKm));
                usage.add(new DailyUsage("sim", "d" + i, START.plusDays(d), km, nightKm, speedKm, urbanKm,
                        Duration.ofMinutes(Math.round(km * 1.5)), trips, poisson(r, harsh * km / 100 * 0.5),
                        poisson(r, harsh * km / 100 * 0.3), poisson(r, harsh * km / 100 * 0.2)));
            }
            x[i] = DriverFeatures.of(usage, days);
            e[i] = 0.5 + 0.5 * r.nextDouble();
            rate[i] = Math.exp(trueLogRate(annualKm, night, urban, speeding, harsh, frailty));
            y[i] = poisson(r, rate[i] * e[i]);
        }
        return new SimulatedPortfolio(x, e, y, rate);
    }

    /** Rows [from, to). */
    public SimulatedPortfolio slice(int from, int to) {
        return new SimulatedPortfolio(java.util.Arrays.copyOfRange(features, from, to), java.util.Arrays.copyOfRange(exposure, from, to),
                java.util.Arrays.copyOfRange(claims, from, to), java.util.Arrays.copyOfRange(trueRate, from, to));
    }

    private static double clamp01(double v) { return Math.max(0, Math.min(1, v)); }

    static int poisson(Random r, double lambda) {
        double l = Math.exp(-lambda), p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
