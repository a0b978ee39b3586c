package io.telerisk.agent.analytics;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.EventTypes;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Edge analytics on a vehicle's samples: trips, harsh braking, acceleration and cornering, speeding. Each
 * finding becomes a {@link DeviceEvent} (measures with units in their keys, the raw window around it at full
 * rate) handed to the sink once its after-window is complete.
 * <p>Longitudinal and lateral acceleration come from the accelerometer (x forward, y left) when it reports;
 * without one they are derived from consecutive GNSS fixes (dv/dt, and v·dθ/dt for cornering).
 * Samples must arrive in time order. Not thread-safe: one instance per vehicle.
 */
public final class VehicleAnalytics {
    private static final Duration MAX_GNSS_GAP = Duration.ofSeconds(3);
    private static final Duration ACCEL_FRESH = Duration.ofSeconds(2);

    private final AnalyticsConfig cfg;
    private final Consumer<DeviceEvent> sink;
    private final SampleWindow window;
    private final SustainedThreshold braking, accelerating, cornering;
    private final List<Pending> pending = new ArrayList<>();

    private static final double BASELINE_TAU_S = 10.0;
    private static final Duration MAX_MANOEUVRE = Duration.ofSeconds(10);
    private double baseX, baseY; // slow x/y offset: road grade, mounting tilt

    private Instant lastAccelAt;
    private Instant lastAccelSampleAt;
    private VehicleSample lastGnss;
    private Double lastSpeedMps;
    private String brakingSource = "accelerometer", accelSource = "accelerometer", cornerSource = "accelerometer";

    // trip state
    private Boolean ignitionSeen;
    private boolean inTrip;
    private Instant tripStart, candidateChange;
    private double tripDistanceM, tripMaxSpeedMps, candidateDistanceM;
    private Instant lastSpeedAt;

    // speeding state
    private Instant speedingStart;
    private double speedingMaxMps, speedingLimitMps, speedingDistanceM;
    private List<Sample> speedingWindow;

    /** A detected event waiting for its after-window. */
    private record Pending(String type, Instant time, Instant windowFrom, Instant windowTo, Map<String, Double> measures,
                           Map<String, String> labels) {
    }

    public VehicleAnalytics(AnalyticsConfig cfg, Consumer<DeviceEvent> sink) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.window = new SampleWindow(cfg.windowBefore().plus(cfg.windowAfter()).plusSeconds(15));
        this.braking = new SustainedThreshold(cfg.harshBrakingMps2(), cfg.harshMinDuration(), MAX_MANOEUVRE);
        this.accelerating = new SustainedThreshold(cfg.harshAccelerationMps2(), cfg.harshMinDuration(), MAX_MANOEUVRE);
        this.cornering = new SustainedThreshold(cfg.harshCorneringMps2(), cfg.harshMinDuration(), MAX_MANOEUVRE);
    }

    /** Feeds one sample. */
    public void accept(VehicleSample s) {
        window.add(s);
        Instant t = s.time();
        if (s.acceleration() != null) accelerometer(s, s.acceleration());
        if (s.speedMps() != null) gnss(s);
        trip(s);
        speeding(s);
        release(t);
    }

    private void accelerometer(VehicleSample s, Acceleration a) {
        Duration interval = lastAccelSampleAt == null ? Duration.ofMillis(10)
                : clamp(Duration.between(lastAccelSampleAt, s.time()), Duration.ofMillis(100));
        lastAccelSampleAt = s.time();
        lastAccelAt = s.time();
        // Gravity is included in what devices report: on a slope or with a tilted unit it leaks into x and y.
        // A slow baseline takes it out. It is frozen during a harsh episode (seconds long); an "episode" lasting
        // longer than any manoeuvre is an offset, not driving: the baseline adapts and the episode is not reported.
        double dx = a.xMps2() - baseX, dy = a.yMps2() - baseY;
        Instant t = s.time();
        boolean offset = braking.activeLongerThan(t, MAX_MANOEUVRE) || accelerating.activeLongerThan(t, MAX_MANOEUVRE)
                || cornering.activeLongerThan(t, MAX_MANOEUVRE);
        if (offset || (!braking.active() && !accelerating.active() && !cornering.active())) {
            double sec = interval.toNanos() / 1e9;
            double alpha = sec / (BASELINE_TAU_S + sec);
            baseX += alpha * dx;
            baseY += alpha * dy;
        }
        longitudinal(s.time(), dx, interval, "accelerometer");
        lateral(s.time(), Math.abs(dy), interval, "accelerometer");
    }

    private void gnss(VehicleSample s) {
        VehicleSample prev = lastGnss;
        lastGnss = s;
        boolean accelFresh = lastAccelAt != null && Duration.between(lastAccelAt, s.time()).compareTo(ACCEL_FRESH) <= 0;
        if (prev == null || accelFresh) return;
        Duration dt = Duration.between(prev.time(), s.time());
        if (dt.isNegative() || dt.isZero() || dt.compareTo(MAX_GNSS_GAP) > 0) {
            braking.end();
            accelerating.end();
            cornering.end();
            return;
        }
        double sec = dt.toNanos() / 1e9;
        // a GNSS-derived value stands for the interval between the fixes: it is timed at the interval's start
        longitudinal(prev.time(), (s.speedMps() - prev.speedMps()) / sec, dt, "gnss");
        if (s.headingDeg() != null && prev.headingDeg() != null) {
            double dh = ((s.headingDeg() - prev.headingDeg() + 540) % 360) - 180; // shortest turn, degrees
            double v = (s.speedMps() + prev.speedMps()) / 2;
            lateral(prev.time(), Math.abs(v * Math.toRadians(dh) / sec), dt, "gnss");
        }
    }

    private void longitudinal(Instant t, double ax, Duration interval, String source) {
        braking.update(t, -ax, interval).ifPresent(e -> harsh(EventTypes.HARSH_BRAKING, "peakDecelMps2", e, brakingSource));
        if (braking.active()) brakingSource = source;
        accelerating.update(t, ax, interval).ifPresent(e -> harsh(EventTypes.HARSH_ACCELERATION, "peakAccelMps2", e, accelSource));
        if (accelerating.active()) accelSource = source;
    }

    private void lateral(Instant t, double ay, Duration interval, String source) {
        cornering.update(t, ay, interval).ifPresent(e -> harsh(EventTypes.HARSH_CORNERING, "peakLateralMps2", e, cornerSource));
        if (cornering.active()) cornerSource = source;
    }

    private void harsh(String type, String peakKey, SustainedThreshold.Episode e, String source) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(peakKey, round(e.peak()));
        m.put("durationMs", (double) e.duration().toMillis());
        if (lastSpeedMps != null) m.put("speedMps", round(lastSpeedMps));
        pending.add(new Pending(type, e.start(), e.start().minus(cfg.windowBefore()), e.start().plus(e.duration()).plus(cfg.windowAfter()), m,
                Map.of("source", source)));
    }

    private void trip(VehicleSample s) {
        Instant t = s.time();
        if (s.speedMps() != null) {
            if (lastSpeedAt != null && lastSpeedMps != null) {
                double dt = Duration.between(lastSpeedAt, t).toNanos() / 1e9;
                double d = dt > 0 && dt <= MAX_GNSS_GAP.toSeconds() ? (lastSpeedMps + s.speedMps()) / 2 * dt : 0;
                if (inTrip) tripDistanceM += d;
                else if (candidateChange != null) candidateDistanceM += d; // driven before the trip was confirmed
            }
            if (inTrip) tripMaxSpeedMps = Math.max(tripMaxSpeedMps, s.speedMps());
            lastSpeedMps = s.speedMps();
            lastSpeedAt = t;
        }
        if (s.ignitionOn() != null) {
            ignitionSeen = true;
            if (s.ignitionOn() && !inTrip) startTrip(t, "ignition");
            else if (!s.ignitionOn() && inTrip) endTrip(t, "ignition");
            return;
        }
        if (Boolean.TRUE.equals(ignitionSeen) || s.speedMps() == null) return;
        double v = s.speedMps();
        if (!inTrip) {
            if (v > cfg.tripStartSpeedMps()) {
                if (candidateChange == null) {
                    candidateChange = t;
                    candidateDistanceM = 0;
                }
                if (Duration.between(candidateChange, t).compareTo(cfg.tripStartAfter()) >= 0) {
                    startTrip(candidateChange, "speed");
                    tripDistanceM = candidateDistanceM;
                    candidateChange = null;
                }
            } else {
                candidateChange = null;
            }
        } else {
            if (v < cfg.tripStopSpeedMps()) {
                if (candidateChange == null) candidateChange = t;
                if (Duration.between(candidateChange, t).compareTo(cfg.tripStopAfter()) >= 0) {
                    endTrip(candidateChange, "speed");
                    candidateChange = null;
                }
            } else {
                candidateChange = null;
            }
        }
    }

    private void startTrip(Instant t, String by) {
        inTrip = true;
        tripStart = t;
        tripDistanceM = 0;
        tripMaxSpeedMps = lastSpeedMps == null ? 0 : lastSpeedMps;
        sink.accept(new DeviceEvent(EventTypes.TRIP_START, t, Map.of(), Map.of("tripId", tripId(t), "detectedBy", by), List.of()));
    }

    private void endTrip(Instant t, String by) {
        inTrip = false;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("distanceKm", round(tripDistanceM / 1000));
        m.put("durationS", (double) Duration.between(tripStart, t).toSeconds());
        m.put("maxSpeedMps", round(tripMaxSpeedMps));
        sink.accept(new DeviceEvent(EventTypes.TRIP_END, t, m, Map.of("tripId", tripId(tripStart), "detectedBy", by), List.of()));
    }

    private static String tripId(Instant start) {
        return Long.toString(start.toEpochMilli());
    }

    /** Whether a trip is in progress. */
    public boolean inTrip() {
        return inTrip;
    }

    private void speeding(VehicleSample s) {
        if (s.speedMps() == null) return;
        Instant t = s.time();
        OptionalDouble limit = cfg.speedLimits().limitMps(s);
        boolean over = limit.isPresent() && s.speedMps() > limit.getAsDouble() + cfg.speedingToleranceMps();
        if (over) {
            if (speedingStart == null) {
                speedingStart = t;
                speedingMaxMps = 0;
                speedingDistanceM = 0;
                speedingLimitMps = limit.getAsDouble();
                speedingWindow = null;
            } else if (lastGnssBefore != null) {
                double dt = Duration.between(lastGnssBefore, t).toNanos() / 1e9;
                if (dt > 0 && dt <= MAX_GNSS_GAP.toSeconds()) speedingDistanceM += s.speedMps() * dt;
            }
            speedingMaxMps = Math.max(speedingMaxMps, s.speedMps());
            speedingLimitMps = Math.min(speedingLimitMps, limit.getAsDouble());
            if (speedingWindow == null && !t.isBefore(speedingStart.plus(cfg.windowAfter()))) {
                speedingWindow = window.between(speedingStart.minus(cfg.windowBefore()), speedingStart.plus(cfg.windowAfter()));
            }
        } else if (speedingStart != null) {
            Duration d = Duration.between(speedingStart, t);
            if (d.compareTo(cfg.speedingMinDuration()) >= 0) {
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("durationS", d.toMillis() / 1000.0);
                m.put("maxSpeedMps", round(speedingMaxMps));
                m.put("limitMps", round(speedingLimitMps));
                m.put("maxExcessMps", round(speedingMaxMps - speedingLimitMps));
                m.put("distanceKm", round(speedingDistanceM / 1000));
                List<Sample> w = speedingWindow != null ? speedingWindow
                        : window.between(speedingStart.minus(cfg.windowBefore()), speedingStart.plus(cfg.windowAfter()));
                sink.accept(new DeviceEvent(EventTypes.SPEEDING, speedingStart, m, Map.of(), w));
            }
            speedingStart = null;
        }
        lastGnssBefore = t;
    }

    private Instant lastGnssBefore;

    private void release(Instant now) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now.isBefore(p.windowTo())) continue;
            it.remove();
            sink.accept(new DeviceEvent(p.type(), p.time(), p.measures(), p.labels(), window.between(p.windowFrom(), p.windowTo())));
        }
    }

    private static Duration clamp(Duration d, Duration max) {
        if (d.isNegative() || d.isZero()) return Duration.ofMillis(1);
        return d.compareTo(max) > 0 ? max : d;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
