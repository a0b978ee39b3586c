package io.telerisk.agent.crash;

import io.telerisk.agent.analytics.SyntheticTrace;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.EventTypes;
import io.telerisk.model.VehicleSample;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.telerisk.agent.analytics.SyntheticTrace.T0;
import static org.junit.jupiter.api.Assertions.*;

class CrashDetectorTest {
    private static final double G = CrashConfig.G_MPS2;
    private final List<DeviceEvent> events = new ArrayList<>();

    /** 30 s trace; impact of {@code g} for {@code ms} at t=15 s; speed 20 m/s before, {@code after} m/s from 16 s. */
    private CrashDetector run(double g, int ms, double after) {
        CrashDetector d = new CrashDetector(CrashConfig.defaults(), "car-1", events::add);
        List<VehicleSample> trace = SyntheticTrace.trace(30, s -> s < 16 ? 20 : after,
                s -> s >= 15 && s < 15 + ms / 1000.0 ? new double[] {-g * G, 0.5 * G, G} : new double[] {0, 0, G});
        trace.forEach(d::accept);
        return d;
    }

    @Test
    void impactAboveFourGForFortyMsWithASpeedDropIsACandidateWithTheFullWindow() {
        run(6, 40, 0);
        assertEquals(1, events.size(), () -> "events " + events);
        DeviceEvent e = events.get(0);
        assertEquals(EventTypes.CRASH_CANDIDATE, e.type());
        assertEquals(T0.plusSeconds(15), e.time());
        assertEquals(Math.sqrt(36 + 0.25), e.measures().get("peakAccelG"), 1e-3, "gravity (1 g on z) is not part of the impact");
        assertEquals(40, e.measures().get("impactDurationMs"), 10);
        assertEquals(20, e.measures().get("speedBeforeMps"));
        assertEquals(0, e.measures().get("speedAfterMps"));
        assertEquals(20, e.measures().get("speedDropMps"));
        assertEquals(Math.sqrt(36 + 0.25) * G * 0.04, e.measures().get("deltaVMps"), 1e-3, "delta-V of the pulse: Σ a·Δt");
        assertEquals("car-1-" + T0.plusSeconds(15).toEpochMilli(), e.labels().get("candidateId"));
        assertEquals(T0.plusSeconds(5), e.window().get(0).time(), "10 s before");
        assertEquals(T0.plusSeconds(20), e.window().get(e.window().size() - 1).time(), "5 s after");
        // full rate: 1501 accelerometer samples (5.00..20.00 s) and the fixes 5..19 s; the candidate goes out on
        // the accelerometer sample at 20.00 s, before that second's fix arrives
        assertEquals(1501 + 15, e.window().size());
    }

    @Test
    void impactShorterThanTheMinimumDurationIsIgnored() {
        run(10, 10, 0); // one 10 ms sample: a knock on the unit
        assertTrue(events.isEmpty(), () -> "events " + events);
    }

    @Test
    void impactBelowTheThresholdIsIgnored() {
        run(3.5, 100, 0);
        assertTrue(events.isEmpty());
    }

    @Test
    void gravityOnATiltedMountingDoesNotCountTowardsTheImpact() {
        // unit mounted tilted 60°: gravity shows as 0.87 g on x and 0.5 g on z; a 3.6 g pulse along x stays below 4 g
        CrashDetector d = new CrashDetector(CrashConfig.defaults(), "car-1", events::add);
        double gx = Math.sin(Math.toRadians(60)) * G, gz = Math.cos(Math.toRadians(60)) * G;
        SyntheticTrace.trace(30, s -> s < 16 ? 20 : 0,
                s -> s >= 15 && s < 15.1 ? new double[] {gx + 3.6 * G, 0, gz} : new double[] {gx, 0, gz}).forEach(d::accept);
        assertTrue(events.isEmpty(), () -> "raw magnitude is 4.5 g, the impact only 3.6 g: " + events);
    }

    @Test
    void impactWithoutSpeedDropIsNotACandidate() {
        run(6, 40, 19); // pothole: the car drives on
        assertTrue(events.isEmpty(), () -> "events " + events);
    }

    @Test
    void impactWithoutAnySpeedInformationIsRaisedAsUnknownDrop() {
        CrashDetector d = new CrashDetector(CrashConfig.defaults(), "car-1", events::add);
        SyntheticTrace.trace(30, s -> 0, s -> s >= 15 && s < 15.05 ? new double[] {-6 * G, 0, G} : new double[] {0, 0, G})
                .stream().filter(s -> s.acceleration() != null).forEach(d::accept);
        assertEquals(1, events.size());
        assertEquals("unknown", events.get(0).labels().get("speedDrop"));
    }

    @Test
    void driverDismissalWithinTheCancelWindowSendsAReferencingEvent() {
        CrashDetector d = run(6, 40, 0);
        String id = events.get(0).labels().get("candidateId");
        // the candidate was raised when its after-window completed (t = 20 s)
        assertEquals(List.of(id), d.dismissible(T0.plusSeconds(30)));
        assertTrue(d.dismiss(id, T0.plusSeconds(30)));
        assertEquals(2, events.size());
        DeviceEvent dismissed = events.get(1);
        assertEquals(EventTypes.CRASH_DISMISSED, dismissed.type());
        assertEquals(id, dismissed.labels().get("candidateId"));
        assertEquals(10.0, dismissed.measures().get("secondsAfterCandidate"));
        assertEquals(EventTypes.CRASH_CANDIDATE, events.get(0).type(), "the candidate stays");
        assertFalse(d.dismiss(id, T0.plusSeconds(31)), "only once");
    }

    @Test
    void dismissalAfterTheCancelWindowIsRefused() {
        CrashDetector d = run(6, 40, 0);
        String id = events.get(0).labels().get("candidateId");
        assertFalse(d.dismiss(id, T0.plusSeconds(20).plus(Duration.ofSeconds(16))));
        assertEquals(1, events.size());
        assertFalse(d.dismiss("no-such-candidate", T0.plusSeconds(21)));
    }
}
