package io.telerisk.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PulseShapeTest {
    @Test
    void samplesOfAPulseSumToItsDeltaVWhateverTheSamplePhase() {
        for (PulseShape shape : PulseShape.values()) {
            for (double durationS : new double[] {0.06, 0.093, 0.15}) {
                double peak = shape.peakForDeltaV(8 / 3.6, durationS);
                double sum = 0;
                // 100 Hz samples starting 3.7 ms before the pulse: the slices cut the pulse anywhere
                for (double a = -0.0037; a < durationS + 0.01; a += 0.01) sum += shape.integral(peak, durationS, a, a + 0.01);
                assertEquals(8 / 3.6, sum, 1e-12, shape + " " + durationS);
                assertEquals(8 / 3.6, shape.deltaV(peak, durationS), 1e-12, shape.toString());
            }
        }
    }

    @Test
    void pointValuesIntegrateToTheExactIntegral() {
        for (PulseShape shape : PulseShape.values()) {
            double t = 0.12, peak = 100, sum = 0, dt = 1e-6;
            for (double s = dt / 2; s < t; s += dt) sum += shape.at(peak, t, s) * dt;
            assertEquals(shape.deltaV(peak, t), sum, 1e-6, shape.toString());
            assertEquals(0, shape.at(peak, t, -0.001));
            assertEquals(0, shape.at(peak, t, t + 0.001));
        }
        assertEquals(100, PulseShape.TRIANGULAR.at(100, 0.1, 0.05), 1e-9);
        assertEquals(100, PulseShape.HAVERSINE.at(100, 0.1, 0.05), 1e-9);
    }

    @Test
    void peaksFollowTheShape() {
        double dv = 10, t = 0.1;
        assertEquals(Math.PI * dv / (2 * t), PulseShape.HALF_SINE.peakForDeltaV(dv, t), 1e-9);
        assertEquals(2 * dv / t, PulseShape.HAVERSINE.peakForDeltaV(dv, t), 1e-9);
        assertEquals(2 * dv / t, PulseShape.TRIANGULAR.peakForDeltaV(dv, t), 1e-9);
        assertEquals(dv / t, PulseShape.BOX.peakForDeltaV(dv, t), 1e-9);
        // a symmetric pulse delivers half its delta-V in each half; the haversine less than the triangle in its first tenth
        for (PulseShape s : PulseShape.values()) assertEquals(dv / 2, s.integral(s.peakForDeltaV(dv, t), t, 0, t / 2), 1e-9, s.toString());
        double haversineStart = PulseShape.HAVERSINE.integral(2 * dv / t, t, 0, t / 10);
        double triangleStart = PulseShape.TRIANGULAR.integral(2 * dv / t, t, 0, t / 10);
        assertTrue(haversineStart < triangleStart, haversineStart + " vs " + triangleStart);
        assertEquals(0, PulseShape.TRIANGULAR.integral(1, t, t, 2 * t));
        assertThrows(IllegalArgumentException.class, () -> PulseShape.HAVERSINE.peakForDeltaV(1, 0));
    }
}
