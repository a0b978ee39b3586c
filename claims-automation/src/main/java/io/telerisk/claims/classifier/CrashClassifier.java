package io.telerisk.claims.classifier;

/** Probability that a measured impulse is a crash. Implementations are thread-safe. */
public interface CrashClassifier {
    /** Probabilities for rows of {@link CrashFeatures}. */
    double[] crashProbabilities(float[][] features);

    default double crashProbability(float[] features) {
        return crashProbabilities(new float[][] {features})[0];
    }

    /** Names the model (and its version) in evidence. */
    String name();
}
