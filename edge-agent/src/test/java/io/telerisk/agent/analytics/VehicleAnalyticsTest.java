package io.telerisk.agent.analytics;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.EventTypes;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.telerisk.agent.analytics.SyntheticTrace.T0;
import static org.junit.jupiter.api.Assertions.*;

class VehicleAnalyticsTest {
    private final List<DeviceEvent> events = new ArrayList<>();

    private List<DeviceEvent> run(AnalyticsConfig cfg, List<VehicleSample> trace) {
        VehicleAnalytics a = new VehicleAnalytics(cfg, events::add);
        trace.forEach(a::accept);
        return events;
    }

    private List<String> types() {
        return events.stream().map(e -> e.type() + "@" + e.time() + e.measures()).toList();
    }

    private List<DeviceEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    private static double[] gravity(double x, double y) {
        return new double[] {x, y, 9.81};
    }

    @Test
    void harshBrakeSustainedForHalfASecondIsOneEventWithItsRawWindow() {
        // cruising at 20 m/s, braking at -5 m/s² from t=10.00 to t=10.50 s, then cruising
        run(AnalyticsConfig.defaults(), SyntheticTrace.trace(15, s -> s < 10 ? 20 : 17.5,
                s -> gravity(s >= 10.0 && s < 10.5 ? -5.0 : 0.0, 0)));
        List<DeviceEvent> brakes = ofType(EventTypes.HARSH_BRAKING);
        assertEquals(1, brakes.size(), () -> "events " + types());
        DeviceEvent e = brakes.get(0);
        assertEquals(5.0, e.measures().get("peakDecelMps2"), 1e-9);
        assertEquals(500, e.measures().get("durationMs"), 10);
        assertEquals("accelerometer", e.labels().get("source"));
        assertEquals(T0.plusSeconds(10), e.time());
        // window: 2 s before the start to 2 s after the end, at full rate (100 Hz plus the 1 Hz fixes)
        List<Sample> w = e.window();
        assertEquals(T0.plusSeconds(8), w.get(0).time());
        assertEquals(T0.plusMillis(12_500), w.get(w.size() - 1).time()); // end of the 500 ms episode + 2 s
        assertTrue(w.size() >= 449, "full rate window: " + w.size());
        assertTrue(ofType(EventTypes.HARSH_ACCELERATION).isEmpty());
    }

    @Test
    void steepGradeDoesNotLookLikeHarshAccelerationAndBrakingIsMeasuredFromTheBaseline() {
        // 25 % grade: gravity leaks 2.4 m/s² into x the whole time; a -5 m/s² brake for 600 ms at t=40 s
        double leak = 9.81 * Math.sin(Math.atan(0.25));
        run(AnalyticsConfig.defaults(), SyntheticTrace.trace(50, s -> 15,
                s -> gravity(leak + (s >= 40 && s < 40.6 ? -5.0 : 0), 0)));
        assertTrue(ofType(EventTypes.HARSH_ACCELERATION).isEmpty(), () -> "events " + types());
        List<DeviceEvent> brakes = ofType(EventTypes.HARSH_BRAKING);
        assertEquals(1, brakes.size(), () -> "events " + types());
        assertEquals(5.0, brakes.get(0).measures().get("peakDecelMps2"), 0.1);
    }

    @Test
    void unitMountedTiltedBeyondTheThresholdSettlesInsteadOfReportingEndlessEvents() {
        // 25° nose-up mounting: 4.1 m/s² of gravity on x from the first sample, more than the 3.0 threshold
        double leak = 9.81 * Math.sin(Math.toRadians(25));
        run(AnalyticsConfig.defaults(), SyntheticTrace.trace(120, s -> 15,
                s -> gravity(leak + (s >= 100 && s < 100.6 ? -5.0 : 0), 0)));
        assertTrue(ofType(EventTypes.HARSH_ACCELERATION).isEmpty(), () -> "events " + types());
        assertEquals(1, ofType(EventTypes.HARSH_BRAKING).size(), () -> "events " + types());
    }

    @Test
    void shortSpikeBelowTheMinimumDurationIsNotHarshBraking() {
        run(AnalyticsConfig.defaults(), SyntheticTrace.trace(15, s -> 20,
                s -> gravity(s >= 10.0 && s < 10.2 ? -8.0 : 0, 0))); // 200 ms < 300 ms
        assertTrue(ofType(EventTypes.HARSH_BRAKING).isEmpty(), () -> "events " + types());
    }

    @Test
    void decelerationJustBelowTheThresholdIsNotHarsh() {
        run(AnalyticsConfig.defaults(), SyntheticTrace.trace(15, s -> 20,
                s -> gravity(s >= 10.0 && s < 12 ? -3.4 : 0, 0)));
        assertTrue(ofType(EventTypes.HARSH_BRAKING).isEmpty());
    }

    @Test
    void harshAccelerationAndCorneringFromTheAccelerometer() {
        run(AnalyticsConfig.defaults(), SyntheticTrace.trace(20, s -> 10,
                s -> gravity(s >= 5 && s < 5.6 ? 3.6 : 0, s >= 12 && s < 13 ? -4.5 : 0)));
        assertEquals(1, ofType(EventTypes.HARSH_ACCELERATION).size(), () -> "events " + types());
        assertEquals(3.6, ofType(EventTypes.HARSH_ACCELERATION).get(0).measures().get("peakAccelMps2"), 1e-9);
        assertEquals(1, ofType(EventTypes.HARSH_CORNERING).size());
        assertEquals(4.5, ofType(EventTypes.HARSH_CORNERING).get(0).measures().get("peakLateralMps2"), 1e-9);
    }

    @Test
    void harshBrakingFromGnssSpeedDeltaWithoutAccelerometer() {
        // 25 m/s, then 5 m/s² deceleration for 3 s, then 10 m/s
        run(AnalyticsConfig.defaults(), SyntheticTrace.gnss(30, s -> s < 10 ? 25 : s < 13 ? 25 - 5 * (s - 10) : 10, s -> 90));
        List<DeviceEvent> brakes = ofType(EventTypes.HARSH_BRAKING);
        assertEquals(1, brakes.size(), () -> "events " + types());
        assertEquals("gnss", brakes.get(0).labels().get("source"));
        assertEquals(5.0, brakes.get(0).measures().get("peakDecelMps2"), 1e-9);
        assertEquals(3000, brakes.get(0).measures().get("durationMs"), 1e-9);
    }

    @Test
    void corneringFromGnssHeadingRate() {
        // 15 m/s, turning 20°/s for 3 s: lateral = v·ω = 15 · 0.349 = 5.2 m/s²
        run(AnalyticsConfig.defaults(), SyntheticTrace.gnss(20, s -> 15, s -> s < 5 ? 0 : s < 8 ? (s - 5) * 20 : 60));
        List<DeviceEvent> c = ofType(EventTypes.HARSH_CORNERING);
        assertEquals(1, c.size(), () -> "events " + types());
        assertEquals(15 * Math.toRadians(20), c.get(0).measures().get("peakLateralMps2"), 1e-3);
    }

    @Test
    void tripsStartAndEndWithSpeedHysteresisIgnoringAShortStop() {
        AnalyticsConfig cfg = AnalyticsConfig.defaults().withTripStop(0.5, Duration.ofSeconds(60));
        // stand 10 s, drive 100 s at 10 m/s with a 30 s red light in the middle, stop for 120 s
        run(cfg, SyntheticTrace.gnss(240, s -> s < 10 ? 0 : s < 50 ? 10 : s < 80 ? 0 : s < 110 ? 10 : 0, s -> 90));
        List<DeviceEvent> starts = ofType(EventTypes.TRIP_START);
        List<DeviceEvent> ends = ofType(EventTypes.TRIP_END);
        assertEquals(1, starts.size(), () -> "events " + types());
        assertEquals(1, ends.size(), "the red light does not split the trip");
        assertEquals(T0.plusSeconds(10), starts.get(0).time());
        assertEquals(T0.plusSeconds(110), ends.get(0).time());
        assertEquals(starts.get(0).labels().get("tripId"), ends.get(0).labels().get("tripId"));
        // 39 s + 29 s at 10 m/s plus three 1 s ramps of the trapezoid integration (5 m each)
        assertEquals(0.695, ends.get(0).measures().get("distanceKm"), 1e-9);
        assertEquals(100, ends.get(0).measures().get("durationS"));
        assertEquals(10, ends.get(0).measures().get("maxSpeedMps"));
    }

    @Test
    void ignitionDecidesTripsWhenTheDeviceReportsIt() {
        VehicleAnalytics a = new VehicleAnalytics(AnalyticsConfig.defaults(), events::add);
        a.accept(new VehicleSample(T0, null, 0.0, null, null, null, true));
        a.accept(new VehicleSample(T0.plusSeconds(5), null, 0.0, null, null, null, true)); // idling, still one trip
        a.accept(new VehicleSample(T0.plusSeconds(60), null, 0.0, null, null, null, false));
        assertEquals(List.of(EventTypes.TRIP_START, EventTypes.TRIP_END), events.stream().map(DeviceEvent::type).toList());
        assertEquals("ignition", events.get(0).labels().get("detectedBy"));
    }

    @Test
    void speedingOverTheProvidedLimitForLongEnoughIsOneEvent() {
        RoadClassSpeedLimits limits = new RoadClassSpeedLimits(RoadClassSpeedLimits.EUROPEAN_DEFAULTS_MPS);
        limits.setRoadClass("urban"); // 50 km/h = 13.89 m/s
        AnalyticsConfig cfg = AnalyticsConfig.defaults().withSpeedLimits(limits);
        // 12 s at 16 m/s (counts), later 5 s at 16 m/s (too short)
        run(cfg, SyntheticTrace.gnss(60, s -> (s >= 10 && s < 22) || (s >= 40 && s < 45) ? 16 : 12, s -> 90));
        List<DeviceEvent> sp = ofType(EventTypes.SPEEDING);
        assertEquals(1, sp.size(), () -> "events " + types());
        DeviceEvent e = sp.get(0);
        assertEquals(T0.plusSeconds(10), e.time());
        assertEquals(12.0, e.measures().get("durationS"), 1e-9);
        assertEquals(50 / 3.6, e.measures().get("limitMps"), 1e-3);
        assertEquals(16 - 50 / 3.6, e.measures().get("maxExcessMps"), 1e-3);
        assertEquals(T0.plusSeconds(8), e.window().get(0).time(), "window starts 2 s before");
        assertEquals(T0.plusSeconds(12), e.window().get(e.window().size() - 1).time(), "and ends 2 s after the start");
    }

    @Test
    void unknownSpeedLimitJudgesNoSpeeding() {
        RoadClassSpeedLimits limits = new RoadClassSpeedLimits(Map.of("urban", 13.9));
        run(AnalyticsConfig.defaults().withSpeedLimits(limits), SyntheticTrace.gnss(60, s -> 40, s -> 90));
        assertTrue(ofType(EventTypes.SPEEDING).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> limits.setRoadClass("autobahn"));
    }

    @Test
    void windowOnlyHoldsSamplesInRange() {
        SampleWindow w = new SampleWindow(Duration.ofSeconds(5));
        for (int i = 0; i <= 20; i++) w.add(new VehicleSample(T0.plusSeconds(i), GnssFix.of(0, 0), 1.0, null, null, null, null));
        assertTrue(w.between(T0, T0.plusSeconds(14)).isEmpty(), "older than the retention: gone");
        assertEquals(3, w.between(T0.plusSeconds(16), T0.plusSeconds(18)).size());
        Instant last = w.between(T0, T0.plusSeconds(100)).get(5).time();
        assertEquals(T0.plusSeconds(20), last);
    }
}
