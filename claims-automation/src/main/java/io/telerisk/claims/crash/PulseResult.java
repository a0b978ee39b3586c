package io.telerisk.claims.crash;

/** Outcome of measuring a raw window: a measured pulse, no impulse at all, or a window that cannot be measured. */
public sealed interface PulseResult permits PulseResult.Measured, PulseResult.NoImpulse, PulseResult.Unusable {
    /** The strongest impulse, measured. */
    record Measured(PulseMeasurement measurement) implements PulseResult {
    }

    /** Nothing reached the trigger level. */
    record NoImpulse(double peakG, String detail) implements PulseResult {
    }

    /** The window cannot be measured (too few samples, truncated, gaps, no accelerometer data). */
    record Unusable(Reason reason, String detail) implements PulseResult {
    }

    enum Reason { NO_ACCELERATION, TOO_FEW_SAMPLES, TRUNCATED, SAMPLE_GAP, OUT_OF_ORDER }
}
