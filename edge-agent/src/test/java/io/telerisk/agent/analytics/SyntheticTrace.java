package io.telerisk.agent.analytics;

import io.telerisk.model.Acceleration;
import io.telerisk.model.GnssFix;
import io.telerisk.model.VehicleSample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Builds vehicle traces of known shape: a 100 Hz accelerometer plus 1 Hz GNSS speed. */
public final class SyntheticTrace {
    public static final Instant T0 = Instant.parse("2026-03-15T08:00:00Z");

    private SyntheticTrace() {
    }

    /**
     * @param seconds     length
     * @param speedMps    speed as a function of seconds since T0 (sampled at 1 Hz)
     * @param accel       acceleration per 10 ms step as function of seconds: returns {x, y, z}
     */
    public static List<VehicleSample> trace(double seconds, DoubleUnaryOperator speedMps, java.util.function.DoubleFunction<double[]> accel) {
        List<VehicleSample> out = new ArrayList<>();
        int steps = (int) Math.round(seconds * 100);
        for (int i = 0; i <= steps; i++) {
            double s = i / 100.0;
            Instant t = T0.plus(Duration.ofMillis(i * 10L));
            if (accel != null) {
                double[] a = accel.apply(s);
                out.add(VehicleSample.acceleration(t, new Acceleration(a[0], a[1], a[2])));
            }
            if (i % 100 == 0) {
                out.add(new VehicleSample(t, GnssFix.of(48.1, 11.5), speedMps.applyAsDouble(s), 90.0, null, null, null));
            }
        }
        return out;
    }

    /** GNSS only, 1 Hz, with heading. */
    public static List<VehicleSample> gnss(int seconds, DoubleUnaryOperator speedMps, DoubleUnaryOperator headingDeg) {
        List<VehicleSample> out = new ArrayList<>();
        for (int i = 0; i <= seconds; i++) {
            out.add(new VehicleSample(T0.plusSeconds(i), GnssFix.of(48.1, 11.5), speedMps.applyAsDouble(i), headingDeg.applyAsDouble(i), null, null, null));
        }
        return out;
    }
}
