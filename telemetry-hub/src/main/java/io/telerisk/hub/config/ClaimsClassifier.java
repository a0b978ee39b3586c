package io.telerisk.hub.config;

import java.util.Locale;

/** Which crash classifier confirms device crash candidates ({@code telerisk.claims.classifier}). */
public enum ClaimsClassifier {
    /** The TensorFlow model: {@code DATA_DIR/models/crash} when it holds one, else the model shipped in the jar. */
    MODEL,
    /** The hand-written physics rule (the baseline; misses a quarter of side impacts at the boundary). */
    PHYSICS;

    /** {@code model} or {@code physics}, any case. */
    public static ClaimsClassifier parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "model" -> MODEL;
            case "physics" -> PHYSICS;
            default -> throw new IllegalArgumentException("expected model or physics, not '" + s + "'");
        };
    }
}
