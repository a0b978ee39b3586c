package io.telerisk.claims.classifier;

/**
 * A hand-written baseline the TensorFlow model is compared against: delta-V of at least {@code minDeltaVKmh}, a mostly
 * horizontal push, no free fall before it, and (when GNSS speeds are known) a speed change of at least half the
 * delta-V. Returns 0 or 1.
 */
public final class PhysicsRuleClassifier implements CrashClassifier {
    private final double minDeltaVKmh;

    public PhysicsRuleClassifier(double minDeltaVKmh) {
        this.minDeltaVKmh = minDeltaVKmh;
    }

    @Override
    public double[] crashProbabilities(float[][] features) {
        double[] out = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            float[] f = features[i];
            boolean ok = f[0] >= minDeltaVKmh && f[3] >= 0.6 && f[7] >= 0.5 && (f[6] == 0 || f[5] >= 0.5 * f[0]);
            out[i] = ok ? 1 : 0;
        }
        return out;
    }

    @Override
    public String name() {
        return "physics-rule(deltaV>=" + minDeltaVKmh + "km/h)";
    }
}
