package io.telerisk.claims.crash;

import io.telerisk.model.Acceleration;
import io.telerisk.model.PulseShape;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PulseAnalyzerTest {
    private final PulseAnalyzer analyzer = new PulseAnalyzer(PulseConfig.defaults());

    private PulseMeasurement measure(List<Sample> w) {
        return assertInstanceOf(PulseResult.Measured.class, analyzer.analyze(w)).measurement();
    }

    @ParameterizedTest(name = "deltaV {0} km/h over {1} s at {2} deg, {3} Hz")
    @CsvSource({"8,0.15,0,100", "8,0.06,180,100", "15,0.10,90,100", "30,0.12,-90,100", "56,0.10,0,100",
            "20,0.08,30,200", "48,0.15,175,50", "12,0.06,-60,1000"})
    void measuresHalfSineDeltaVWithinThreePercent(double dvKmh, double durationS, double angleDeg, int hz) {
        double dv = dvKmh / 3.6;
        PulseMeasurement m = measure(HalfSineWindows.window(dv, durationS, angleDeg, hz, 14, 3, true));
        assertEquals(dv, m.deltaVMps(), 0.03 * dv, "delta-V");
        assertEquals(angleDeg, m.impactAngleDeg(), 2.0, "impact angle");
        assertEquals(durationS * 1000, m.durationMs(), 0.35 * durationS * 1000 + 1000.0 / hz, "duration");
    }

    @ParameterizedTest(name = "{0} deltaV {1} km/h over {2} s at {3} deg, {4} Hz")
    @CsvSource({"HAVERSINE,8,0.15,0,100", "HAVERSINE,8,0.06,180,100", "HAVERSINE,30,0.12,-90,100", "HAVERSINE,12,0.06,-60,1000",
            "TRIANGULAR,8,0.15,0,100", "TRIANGULAR,8,0.06,180,100", "TRIANGULAR,30,0.12,90,100", "TRIANGULAR,48,0.15,175,50"})
    void measuresHaversineAndTriangularDeltaVWithinThreePercent(PulseShape shape, double dvKmh, double durationS, double angleDeg, int hz) {
        double dv = dvKmh / 3.6;
        PulseMeasurement m = measure(HalfSineWindows.window(shape, dv, durationS, angleDeg, hz, 14, 3, true));
        assertEquals(dv, m.deltaVMps(), 0.03 * dv, "delta-V");
        assertEquals(angleDeg, m.impactAngleDeg(), 2.0, "impact angle");
        assertEquals(durationS * 1000, m.durationMs(), 0.35 * durationS * 1000 + 1000.0 / hz, "duration");
    }

    @Test
    void namesTheStruckSideFromTheForceDirection() {
        assertEquals(ImpactDirection.FRONT, measure(HalfSineWindows.window(5, 0.1, 10, 100, 14, 3, true)).direction());
        assertEquals(ImpactDirection.REAR, measure(HalfSineWindows.window(5, 0.1, 180, 100, 0, 5, true)).direction());
        assertEquals(ImpactDirection.LEFT, measure(HalfSineWindows.window(5, 0.1, 90, 100, 14, 3, true)).direction());
        assertEquals(ImpactDirection.RIGHT, measure(HalfSineWindows.window(5, 0.1, -100, 100, 14, 3, true)).direction());
    }

    @Test
    void reportsGnssSpeedsBeforeAndAfter() {
        PulseMeasurement m = measure(HalfSineWindows.window(5, 0.1, 0, 100, 14, 3, true));
        assertEquals(14, m.speedBeforeMps(), 1e-9);
        assertEquals(3, m.speedAfterMps(), 1e-9);
        assertEquals(11, m.maxSpeedChangeMps(), 1e-9);
        assertTrue(m.speedsKnown());
        assertEquals(48.1, m.position().latitudeDeg(), 1e-9);
    }

    @Test
    void measuresWithoutGnssButSaysSpeedsAreUnknown() {
        PulseMeasurement m = measure(HalfSineWindows.window(5, 0.1, 0, 100, 14, 3, false));
        assertNull(m.speedBeforeMps());
        assertNull(m.maxSpeedChangeMps());
        assertNull(m.position());
        assertEquals(5, m.deltaVMps(), 0.15);
    }

    @Test
    void removesGravityWhateverTheMountTilt() {
        // gravity reading rotated 20 degrees towards x (a tilted mount): still measured correctly
        List<Sample> w = new ArrayList<>();
        for (Sample s : HalfSineWindows.window(4, 0.1, 0, 100, 14, 3, false)) {
            VehicleSample v = (VehicleSample) s;
            Acceleration a = v.acceleration();
            double g = HalfSineWindows.G;
            w.add(VehicleSample.acceleration(v.time(), new Acceleration(a.xMps2() + g * Math.sin(0.35), a.yMps2(), g * Math.cos(0.35))));
        }
        assertEquals(4, measure(w).deltaVMps(), 0.12);
    }

    @Test
    void quietWindowHasNoImpulse() {
        PulseResult r = analyzer.analyze(HalfSineWindows.window(0.05, 0.1, 0, 100, 14, 14, true));
        assertInstanceOf(PulseResult.NoImpulse.class, r);
    }

    @Test
    void windowTruncatedInsideThePulseIsUnusable() {
        List<Sample> w = HalfSineWindows.window(5, 0.1, 0, 100, 14, 3, false).subList(0, 205); // cut 50 ms into the pulse
        PulseResult.Unusable u = assertInstanceOf(PulseResult.Unusable.class, analyzer.analyze(w));
        assertEquals(PulseResult.Reason.TRUNCATED, u.reason());
    }

    @Test
    void gapInsideThePulseIsUnusable() {
        List<Sample> w = new ArrayList<>(HalfSineWindows.window(5, 0.1, 0, 100, 14, 3, false));
        w.subList(203, 210).clear();
        PulseResult.Unusable u = assertInstanceOf(PulseResult.Unusable.class, analyzer.analyze(w));
        assertEquals(PulseResult.Reason.SAMPLE_GAP, u.reason());
    }

    @Test
    void windowWithoutAccelerometerOrTooShortIsUnusable() {
        List<Sample> gnssOnly = HalfSineWindows.window(5, 0.1, 0, 100, 14, 3, true).stream()
                .filter(s -> ((VehicleSample) s).acceleration() == null).toList();
        assertEquals(PulseResult.Reason.NO_ACCELERATION, ((PulseResult.Unusable) analyzer.analyze(gnssOnly)).reason());
        assertEquals(PulseResult.Reason.TOO_FEW_SAMPLES,
                ((PulseResult.Unusable) analyzer.analyze(HalfSineWindows.window(5, 0.1, 0, 100, 14, 3, false).subList(0, 5))).reason());
        assertEquals(PulseResult.Reason.NO_ACCELERATION, ((PulseResult.Unusable) analyzer.analyze(List.of())).reason());
    }

    @Test
    void repeatedSampleIsKeptOnceButConflictingReadingsAreRejected() {
        List<Sample> w = new ArrayList<>(HalfSineWindows.window(5, 0.1, 0, 100, 14, 3, false));
        w.add(w.get(10));
        w.add(w.get(205));
        assertEquals(5, measure(w).deltaVMps(), 0.15);
        VehicleSample v = (VehicleSample) w.get(10);
        w.add(VehicleSample.acceleration(v.time(), new Acceleration(3, 0, 9.8)));
        PulseResult.Unusable u = assertInstanceOf(PulseResult.Unusable.class, analyzer.analyze(w));
        assertEquals(PulseResult.Reason.OUT_OF_ORDER, u.reason());
        assertTrue(u.detail().contains("two different accelerometer readings"), u.detail());
    }

    @Test
    void crashFollowedByAStrongerButShortPhoneDropReportsTheCrash() {
        // 24 km/h crash peaking at 10 g, then 1.5 s later a dropped phone: 0.3 s free fall and a 15 g, 5 ms spike
        List<Sample> w = new ArrayList<>();
        for (Sample s : HalfSineWindows.window(24 / 3.6, 0.1, 0, 100, 14, 3, false)) {
            VehicleSample v = (VehicleSample) s;
            double t = java.time.Duration.between(HalfSineWindows.T0, v.time()).toNanos() / 1e9;
            Acceleration a = v.acceleration();
            if (t > 3.3 && t < 3.6) a = new Acceleration(0, 0, 0);
            else if (t >= 3.6 && t < 3.61) a = new Acceleration(0, 15 * HalfSineWindows.G, HalfSineWindows.G);
            w.add(VehicleSample.acceleration(v.time(), a));
        }
        PulseMeasurement m = measure(w);
        assertEquals(24 / 3.6, m.deltaVMps(), 0.03 * 24 / 3.6);
        assertEquals(ImpactDirection.FRONT, m.direction());
    }
}
