package io.telerisk.model;

/**
 * Shapes of a short acceleration pulse a(t), 0 ≤ t ≤ T, with peak a_max, and their exact integrals, so that a pulse
 * box-averaged into accelerometer samples sums to its velocity change. Crash tests and standards use all three of the
 * smooth shapes for crash pulses (a measured pulse is none of them exactly); the box is the constant −1 g of free fall.
 * The simulators (devices-sim, the claims training generator) share this one definition.
 */
public enum PulseShape {
    /** a(t) = a_max · sin(π t / T); ΔV = 2 a_max T / π. */
    HALF_SINE,
    /** a(t) = a_max · (1 − cos(2π t / T)) / 2, starting and ending with zero slope; ΔV = a_max T / 2. */
    HAVERSINE,
    /** a(t) rising linearly to a_max at T/2 and falling back to 0 at T; ΔV = a_max T / 2. */
    TRIANGULAR,
    /** a(t) = a_max throughout; ΔV = a_max T. */
    BOX;

    /** The peak acceleration (m/s²) of a pulse of this shape lasting {@code durationS} with velocity change {@code deltaVMps}. */
    public double peakForDeltaV(double deltaVMps, double durationS) {
        if (!(durationS > 0)) throw new IllegalArgumentException("durationS must be > 0: " + durationS);
        return deltaVMps / cumulative(1.0) / durationS;
    }

    /** The velocity change (m/s) of a pulse of this shape with the given peak and duration. */
    public double deltaV(double peakMps2, double durationS) {
        return peakMps2 * durationS * cumulative(1.0);
    }

    /** The acceleration (m/s²) at {@code tS} s after the start of a pulse of this shape; 0 outside [0, T]. */
    public double at(double peakMps2, double durationS, double tS) {
        if (tS < 0 || tS > durationS) return 0;
        double u = tS / durationS;
        return peakMps2 * switch (this) {
            case HALF_SINE -> Math.sin(Math.PI * u);
            case HAVERSINE -> (1 - Math.cos(2 * Math.PI * u)) / 2;
            case TRIANGULAR -> 1 - Math.abs(2 * u - 1);
            case BOX -> 1;
        };
    }

    /**
     * ∫ a dt (m/s) over [fromS, toS] for a pulse of this shape starting at 0 with the given peak and duration; the parts
     * of the interval outside [0, T] contribute nothing.
     */
    public double integral(double peakMps2, double durationS, double fromS, double toS) {
        double a = Math.max(0, fromS), b = Math.min(durationS, toS);
        if (b <= a) return 0;
        return peakMps2 * durationS * (cumulative(b / durationS) - cumulative(a / durationS));
    }

    /** ∫₀^u a(sT)/a_max ds for the normalised time u in [0, 1]. */
    private double cumulative(double u) {
        return switch (this) {
            case HALF_SINE -> (1 - Math.cos(Math.PI * u)) / Math.PI;
            case HAVERSINE -> (u - Math.sin(2 * Math.PI * u) / (2 * Math.PI)) / 2;
            case TRIANGULAR -> u <= 0.5 ? u * u : 0.5 - (1 - u) * (1 - u);
            case BOX -> u;
        };
    }
}
