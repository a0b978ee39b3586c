package io.telerisk.sim;

import java.util.SplittableRandom;

/**
 * A seeded random source whose sequence is fixed by the JDK specification (SplittableRandom) and by our own
 * Gaussian transform, so the same seed gives the same numbers on every JVM and platform. Not thread-safe: each
 * simulated device owns its own instances.
 */
public final class Rng {
    private final SplittableRandom random;
    private double spareGaussian = Double.NaN;

    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * A seed for an independent stream named by {@code label} and {@code index}, derived from a root seed.
     * Streams are independent of each other, so adding a fault stream never changes the generated data.
     */
    public static long derive(long rootSeed, String label, long index) {
        long h = mix(rootSeed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ label.hashCode());
        return mix(h ^ (index * 0xBF58476D1CE4E5B9L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in [lo, hi]. */
    public int uniformInt(int lo, int hiInclusive) {
        return lo + random.nextInt(hiInclusive - lo + 1);
    }

    /** True with probability p. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal, by the polar Box–Muller method (our own, so it cannot change with the JDK). */
    public double gaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        return u * f;
    }

    /** Normal with the given mean and standard deviation. */
    public double gaussian(double mean, double sd) {
        return mean + sd * gaussian();
    }

    /** Exponential with the given mean. */
    public double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    /** Beta(a, b) for a, b ≥ 1 via two gamma draws (Marsaglia–Tsang). */
    public double beta(double a, double b) {
        double x = gamma(a);
        double y = gamma(b);
        return x / (x + y);
    }

    /** Gamma(shape, 1) for shape ≥ 1 (Marsaglia–Tsang). */
    public double gamma(double shape) {
        if (shape < 1) throw new IllegalArgumentException("shape < 1: " + shape);
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian();
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    /** Poisson count with the given mean (Knuth; fine for the small means used here). */
    public int poisson(double mean) {
        if (mean <= 0) return 0;
        double l = Math.exp(-Math.min(mean, 500));
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
