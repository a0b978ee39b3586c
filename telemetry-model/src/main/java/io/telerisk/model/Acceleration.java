package io.telerisk.model;

/**
 * Three-axis acceleration in the vehicle frame, metres per second squared.
 * x points forward, y to the left, z up (gravity removed or not, as the device reports: see docs/telemetry.md).
 */
public record Acceleration(double xMps2, double yMps2, double zMps2) {
    /** Euclidean magnitude in m/s². */
    public double magnitudeMps2() {
        return Math.sqrt(xMps2 * xMps2 + yMps2 * yMps2 + zMps2 * zMps2);
    }
}
