package io.telerisk.sim.vehicle;

import io.telerisk.model.PulseShape;

/**
 * A half-sine acceleration pulse a(t) = peak · sin(π t / T) for 0 ≤ t ≤ T along a unit direction, the standard
 * shape for crash pulses and short impacts. Its velocity change is ∫a dt = 2 · peak · T / π. The arithmetic is
 * {@link PulseShape#HALF_SINE}'s, shared with the claims training generator (which also draws haversine and
 * triangular crash pulses).
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
        return new HalfSinePulse(startEpochMs, durationS, PulseShape.HALF_SINE.peakForDeltaV(deltaVMps, durationS), ux, uy, uz);
    }

    /** Velocity change, m/s. */
    public double deltaVMps() {
        return PulseShape.HALF_SINE.deltaV(peakMps2, durationS);
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
        // integral in m/s over the interval in seconds, divided by the interval in seconds
        double integral = PulseShape.HALF_SINE.integral(peakMps2, durationS, (fromMs - startEpochMs) / 1000, (toMs - startEpochMs) / 1000);
        return integral * 1000 / (toMs - fromMs);
    }
}
