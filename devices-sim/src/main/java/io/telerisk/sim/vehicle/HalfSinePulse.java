package io.telerisk.sim.vehicle;

/**
 * A half-sine acceleration pulse a(t) = peak · sin(π t / T) for 0 ≤ t ≤ T along a unit direction, the standard
 * shape for crash pulses and short impacts. Its velocity change is ∫a dt = 2 · peak · T / π.
 *
 * @param startEpochMs   pulse start, epoch milliseconds (fractions allowed)
 * @param durationS      pulse duration T, seconds
 * @param peakMps2       peak acceleration, m/s²
 * @param ux             direction of the acceleration, vehicle frame (x forward, y left, z up), unit vector
 * @param uy             see ux
 * @param uz             see ux
 */
public record HalfSinePulse(double startEpochMs, double durationS, double peakMps2, double ux, double uy, double uz)
        implements Pulse {
    public static final double G = 9.80665;

    public HalfSinePulse {
        if (!(durationS > 0)) throw new IllegalArgumentException("durationS must be > 0: " + durationS);
        double n = Math.sqrt(ux * ux + uy * uy + uz * uz);
        if (Math.abs(n - 1) > 1e-6) throw new IllegalArgumentException("direction is not a unit vector: " + n);
    }

    /** A pulse with the given velocity change: peak = π · ΔV / (2T). */
    public static HalfSinePulse ofDeltaV(double startEpochMs, double durationS, double deltaVMps, double ux, double uy, double uz) {
        return new HalfSinePulse(startEpochMs, durationS, Math.PI * deltaVMps / (2 * durationS), ux, uy, uz);
    }

    /** Velocity change, m/s. */
    public double deltaVMps() {
        return 2 * peakMps2 * durationS / Math.PI;
    }

    @Override
    public double endEpochMs() {
        return startEpochMs + durationS * 1000;
    }

    /**
     * Mean magnitude of the pulse over [fromMs, toMs): what an accelerometer with a box anti-aliasing filter
     * reports for that sample period. Exact (analytic), so summing samples × period gives ΔV exactly.
     */
    @Override
    public double meanOver(double fromMs, double toMs) {
        double a = Math.max(fromMs, startEpochMs);
        double b = Math.min(toMs, endEpochMs());
        if (b <= a) return 0;
        double tMs = durationS * 1000;
        double w = Math.PI / tMs;
        // ∫ peak sin(w (t - s)) dt = peak/w [cos(w(a-s)) - cos(w(b-s))]
        double integralMsUnits = peakMps2 / w * (Math.cos(w * (a - startEpochMs)) - Math.cos(w * (b - startEpochMs)));
        return integralMsUnits / (toMs - fromMs);
    }
}
