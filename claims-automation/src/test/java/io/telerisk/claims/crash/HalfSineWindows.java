package io.telerisk.claims.crash;

import io.telerisk.model.Acceleration;
import io.telerisk.model.GnssFix;
import io.telerisk.model.PulseShape;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test windows: a half-sine (or other shape) pulse of known delta-V, point-sampled at a rate, gravity on z, 1 Hz GNSS. */
final class HalfSineWindows {
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    static final double G = 9.80665;

    private HalfSineWindows() {
    }

    /**
     * @param angleDeg impact angle (0 front, 90 left, 180 rear, -90 right); acceleration points opposite
     */
    static List<Sample> window(double deltaVMps, double durationS, double angleDeg, int hz, double speedBefore, double speedAfter, boolean gnss) {
        return window(PulseShape.HALF_SINE, deltaVMps, durationS, angleDeg, hz, speedBefore, speedAfter, gnss);
    }

    /** As {@link #window(double, double, double, int, double, double, boolean)} with a pulse of the given shape. */
    static List<Sample> window(PulseShape shape, double deltaVMps, double durationS, double angleDeg, int hz, double speedBefore,
                               double speedAfter, boolean gnss) {
        double peak = shape.peakForDeltaV(deltaVMps, durationS);
        double th = Math.toRadians(angleDeg);
        double ux = -Math.cos(th), uy = -Math.sin(th);
        List<Sample> out = new ArrayList<>();
        double start = 2.0; // pulse at 2 s into a 5 s window
        for (int i = 0; i < 5 * hz; i++) {
            double t = (i + 0.37) / hz;
            double a = shape.at(peak, durationS, t - start);
            out.add(VehicleSample.acceleration(at(t), new Acceleration(a * ux, a * uy, G)));
        }
        if (gnss) {
            for (int s = 0; s < 5; s++) {
                double v = s < 2 ? speedBefore : speedAfter;
                out.add(new VehicleSample(at(s + 0.5), GnssFix.of(48.1, 11.5), v, 0.0, null, null, true));
            }
        }
        return out;
    }

    static Instant at(double s) {
        return T0.plusNanos(Math.round(s * 1e9));
    }
}
