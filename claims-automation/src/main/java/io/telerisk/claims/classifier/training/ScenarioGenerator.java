package io.telerisk.claims.classifier.training;

import io.telerisk.model.Acceleration;
import io.telerisk.model.GnssFix;
import io.telerisk.model.PulseShape;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small seeded physical scenario generator for training and evaluating the crash classifier without depending on
 * devices-sim: a vehicle at some speed, a pulse ({@link PulseShape}: crashes half-sine, haversine or triangular, drawn
 * with equal odds so a model is not fitted to one shape; other impulses half-sine; free fall a box) along a unit
 * direction in the vehicle frame,
 * box-averaged into 100 Hz accelerometer samples with gravity (+1 g on z) and road vibration, and 1 Hz GNSS speed with
 * noise that follows the vehicle's kinematics after the event. Deterministic for a seed.
 */
public final class ScenarioGenerator {
    private static final double G = 9.80665;
    private static final int HZ = 100;
    private static final double BEFORE_S = 3, AFTER_S = 5;
    private final Random rnd;
    private final Instant origin;

    public ScenarioGenerator(long seed) {
        this.rnd = new Random(seed);
        this.origin = Instant.parse("2026-06-01T08:00:00Z").plusSeconds(seed % 100_000);
    }

    /** A scenario of the given kind. */
    public Scenario next(ScenarioKind kind) {
        return switch (kind) {
            case CRASH -> crash(uniform(3 / 3.6, 60 / 3.6));
            case POTHOLE -> pothole(uniform(5, 30), 0);
            case KERB_STRIKE -> impulse(kind, uniform(1, 8), 0, List.of(half(0, uniform(0.02, 0.06), uniform(3, 10) * G,
                    0, side() * 0.9, 0.45)));
            case DOOR_SLAM -> impulse(kind, 0, 0, List.of(half(0, uniform(0.008, 0.025), uniform(2, 6) * G, 0.3, side() * 0.95, 0)));
            case PHONE_DROP -> {
                double fall = uniform(0.25, 0.45);
                double az = uniform(0, 2 * Math.PI), el = uniform(0.3, 1.2);
                yield impulse(kind, rnd.nextDouble() < 0.5 ? 0 : uniform(3, 30), 0, List.of(
                        new Pulse(0, fall, G, 0, 0, -1, PulseShape.BOX),
                        half(fall, uniform(0.003, 0.010), uniform(10, 40) * G, Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el))));
            }
            case POTHOLE_WHILE_BRAKING -> pothole(uniform(10, 30), uniform(0.6, 0.9) * G);
        };
    }

    /** The crash pulse shapes drawn, with equal odds. */
    public static final List<PulseShape> CRASH_SHAPES = List.of(PulseShape.HALF_SINE, PulseShape.HAVERSINE, PulseShape.TRIANGULAR);

    /** A crash with a given delta-V (m/s) and random configuration, shape, duration and post-crash behaviour. */
    public Scenario crash(double deltaVMps) {
        double r = rnd.nextDouble();
        double thetaDeg;
        double speed = uniform(2, 30);
        if (r < 0.55) thetaDeg = rnd.nextGaussian() * 15;
        else if (r < 0.80) thetaDeg = (rnd.nextBoolean() ? 90 : -90) + rnd.nextGaussian() * 15;
        else {
            thetaDeg = 180 + rnd.nextGaussian() * 12;
            if (rnd.nextDouble() < 0.5) speed = 0; // rear-ended while stopped
        }
        return crash(deltaVMps, thetaDeg, speed, CRASH_SHAPES.get(rnd.nextInt(CRASH_SHAPES.size())));
    }

    /**
     * A crash with a given delta-V (m/s) and pulse shape from a given direction: {@code thetaDeg} is where the other
     * object came from in the vehicle frame (0 front, 90 left, -90 right, 180 rear); speed, duration (60–150 ms) and
     * post-crash behaviour random, and a rear impact half the time on a stopped vehicle.
     */
    public Scenario crashFrom(double deltaVMps, double thetaDeg, PulseShape shape) {
        double speed = uniform(2, 30);
        if (Math.abs(Math.abs(thetaDeg) - 180) < 45 && rnd.nextDouble() < 0.5) speed = 0;
        return crash(deltaVMps, thetaDeg, speed, shape);
    }

    private Scenario crash(double deltaVMps, double thetaDeg, double speed, PulseShape shape) {
        double duration = uniform(0.06, 0.15);
        double th = Math.toRadians(thetaDeg);
        Pulse p = new Pulse(0, duration, shape.peakForDeltaV(deltaVMps, duration), -Math.cos(th), -Math.sin(th), 0, shape);
        double vx = speed - deltaVMps * Math.cos(th), vy = -deltaVMps * Math.sin(th);
        double after = Math.hypot(vx, vy);
        // minor crashes sometimes drive on; otherwise the driver brakes to a stop
        boolean drivesOn = deltaVMps < 15 / 3.6 && rnd.nextDouble() < 0.3;
        double brake = drivesOn ? 0 : uniform(3, 7);
        List<Sample> w = render(List.of(p), speed, after, brake, 0);
        return new Scenario(ScenarioKind.CRASH, deltaVMps, ((thetaDeg + 540) % 360) - 180, shape, w);
    }

    private Scenario pothole(double speed, double brakeMps2) {
        double dur = uniform(0.015, 0.040), peak = uniform(3, 8) * G;
        double n = Math.hypot(0.3, 0.95);
        List<Pulse> ps = List.of(half(0, dur, peak, -0.3 / n, 0, 0.95 / n), half(dur, dur * 1.3, peak * 0.6, 0, 0, -1));
        ScenarioKind kind = brakeMps2 > 0 ? ScenarioKind.POTHOLE_WHILE_BRAKING : ScenarioKind.POTHOLE;
        return new Scenario(kind, 0, 0, PulseShape.HALF_SINE, render(ps, speed, speed, 0, brakeMps2));
    }

    private Scenario impulse(ScenarioKind kind, double speed, double brake, List<Pulse> ps) {
        return new Scenario(kind, 0, 0, ps.get(ps.size() - 1).shape, render(ps, speed, speed, 0, brake));
    }

    private record Pulse(double startS, double durationS, double peakMps2, double ux, double uy, double uz, PulseShape shape) {
        /** Mean over [a, b) s: what a box-filtered accelerometer sample reports. */
        double meanOver(double a, double b) {
            return shape.integral(peakMps2, durationS, a - startS, b - startS) / (b - a);
        }
    }

    private Pulse half(double start, double dur, double peak, double ux, double uy, double uz) {
        double n = Math.sqrt(ux * ux + uy * uy + uz * uz);
        return new Pulse(start, dur, peak, ux / n, uy / n, uz / n, PulseShape.HALF_SINE);
    }

    /**
     * Renders the window: event at t = 0 (plus a random sub-sample offset), {@code before} s of driving at
     * {@code speedBefore}, then {@code speedAfter} decaying at {@code brakeAfter} m/s² (post-crash stop) or a hard stop
     * of {@code brakeDuring} m/s² that started 0.5 s before the event.
     */
    private List<Sample> render(List<Pulse> pulses, double speedBefore, double speedAfter, double brakeAfter, double brakeDuring) {
        double offset = rnd.nextDouble() / HZ;
        double vib = 0.05 + 0.02 * speedBefore;
        double lat = 48.1 + rnd.nextDouble() * 0.1, lon = 11.5 + rnd.nextDouble() * 0.1;
        boolean gnss = rnd.nextDouble() > 0.08; // some devices send no GNSS in the window
        double gnssPhase = rnd.nextDouble();
        double pulseEnd = 0;
        for (Pulse p : pulses) pulseEnd = Math.max(pulseEnd, p.startS + p.durationS);
        List<Sample> out = new ArrayList<>((int) ((BEFORE_S + AFTER_S) * HZ) + 10);
        double period = 1.0 / HZ;
        double gnssNext = -BEFORE_S + gnssPhase;
        for (double c = -BEFORE_S; c < AFTER_S; c += period) {
            double a = c + offset, b = a + period, mid = a + period / 2;
            double kin = 0;
            if (brakeDuring > 0 && mid > -0.5 && speedAt(mid, speedBefore, speedAfter, brakeAfter, brakeDuring, pulseEnd) > 0.2) kin = -brakeDuring;
            else if (brakeAfter > 0 && mid > pulseEnd + 0.3 && speedAt(mid, speedBefore, speedAfter, brakeAfter, brakeDuring, pulseEnd) > 0.2) kin = -brakeAfter;
            double ax = kin + rnd.nextGaussian() * vib, ay = rnd.nextGaussian() * vib, az = rnd.nextGaussian() * 1.5 * vib;
            for (Pulse p : pulses) {
                double m = p.meanOver(a, b);
                if (m != 0) {
                    ax += m * p.ux;
                    ay += m * p.uy;
                    az += m * p.uz;
                }
            }
            Instant t = at(mid);
            out.add(VehicleSample.acceleration(t, new Acceleration(ax, ay, G + az)));
            if (gnss && mid >= gnssNext) {
                double v = Math.max(0, speedAt(gnssNext, speedBefore, speedAfter, brakeAfter, brakeDuring, pulseEnd) + rnd.nextGaussian() * 0.15);
                out.add(new VehicleSample(at(gnssNext), GnssFix.of(lat, lon), Math.abs(v), 90.0, null, null, true));
                gnssNext += 1;
            }
        }
        return out;
    }

    private static double speedAt(double s, double before, double after, double brakeAfter, double brakeDuring, double pulseEnd) {
        if (brakeDuring > 0) return s < -0.5 ? before : Math.max(0, before - brakeDuring * (s + 0.5));
        if (s < 0) return before;
        if (s < pulseEnd + 0.3) return after;
        return Math.max(0, after - brakeAfter * (s - pulseEnd - 0.3));
    }

    private Instant at(double s) {
        return origin.plusNanos(Math.round(s * 1e9));
    }

    private double uniform(double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    private double side() {
        return rnd.nextBoolean() ? 1 : -1;
    }
}
