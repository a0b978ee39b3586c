package io.telerisk.sim.vehicle;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How vehicles are simulated.
 *
 * @param batchSeconds              simulated seconds per telemetry envelope while driving
 * @param burstHz                   accelerometer rate inside bursts around events (10, 20, 25, 50 or 100)
 * @param burstPreSeconds           burst starts this long before the event
 * @param burstPostSeconds          burst ends this long after the event
 * @param edgeEvents                whether the device also publishes edge-detected events (trip start/end, harsh
 *                                  events, crash candidates) like an edge agent would
 * @param crashCandidateThresholdG  peak |a| in g that makes the edge raise a crash candidate
 * @param crashRateMultiplier       multiplies the (rare) crash probability; 1 is realistic
 * @param impulseRateMultiplier     multiplies the rate of non-crash impulses (potholes, kerbs, door slams, drops)
 * @param zone                      local time zone for daily routines and night (22:00–05:00)
 * @param parkedReportEvery         a parked vehicle reports its position this often (zero: never), like a telematics
 *                                  box's heartbeat, so a fleet map shows where it stands
 * @param parkedReportsFrom         parked reports start at this simulated time (null: never); the demo starts them
 *                                  where its replay reaches the present, so replayed days keep their data
 */
public record VehicleConfig(int batchSeconds, int burstHz, double burstPreSeconds, double burstPostSeconds,
                            boolean edgeEvents, double crashCandidateThresholdG, double crashRateMultiplier,
                            double impulseRateMultiplier, ZoneId zone, Duration parkedReportEvery, Instant parkedReportsFrom) {
    public VehicleConfig {
        Objects.requireNonNull(zone, "zone");
        if (batchSeconds < 1) throw new IllegalArgumentException("batchSeconds < 1");
        if (burstHz != 10 && burstHz != 20 && burstHz != 25 && burstHz != 50 && burstHz != 100)
            throw new IllegalArgumentException("burstHz must be 10, 20, 25, 50 or 100: " + burstHz);
        if (burstPreSeconds < 0 || burstPostSeconds < 0.5) throw new IllegalArgumentException("burst window too short");
        if (crashRateMultiplier < 0 || impulseRateMultiplier < 0) throw new IllegalArgumentException("negative rate multiplier");
        Objects.requireNonNull(parkedReportEvery, "parkedReportEvery");
        if (parkedReportEvery.isNegative()) throw new IllegalArgumentException("parkedReportEvery < 0");
    }

    /** Settings without parked reports (as before they existed). */
    public VehicleConfig(int batchSeconds, int burstHz, double burstPreSeconds, double burstPostSeconds, boolean edgeEvents,
                         double crashCandidateThresholdG, double crashRateMultiplier, double impulseRateMultiplier, ZoneId zone) {
        this(batchSeconds, burstHz, burstPreSeconds, burstPostSeconds, edgeEvents, crashCandidateThresholdG, crashRateMultiplier,
                impulseRateMultiplier, zone, Duration.ZERO, null);
    }

    /** Parked vehicles report their position every {@code every} from {@code from} on (simulated time). */
    public VehicleConfig withParkedReports(Duration every, Instant from) {
        return new VehicleConfig(batchSeconds, burstHz, burstPreSeconds, burstPostSeconds, edgeEvents,
                crashCandidateThresholdG, crashRateMultiplier, impulseRateMultiplier, zone, every, from);
    }

    /** Whether parked vehicles report their position at all. */
    public boolean parkedReports() {
        return !parkedReportEvery.isZero() && parkedReportsFrom != null;
    }

    public static VehicleConfig defaults() {
        return new VehicleConfig(10, 100, 1.0, 2.0, true, 4.0, 1.0, 1.0, ZoneOffset.UTC);
    }

    public VehicleConfig withCrashRateMultiplier(double m) {
        return new VehicleConfig(batchSeconds, burstHz, burstPreSeconds, burstPostSeconds, edgeEvents,
                crashCandidateThresholdG, m, impulseRateMultiplier, zone, parkedReportEvery, parkedReportsFrom);
    }

    public VehicleConfig withImpulseRateMultiplier(double m) {
        return new VehicleConfig(batchSeconds, burstHz, burstPreSeconds, burstPostSeconds, edgeEvents,
                crashCandidateThresholdG, crashRateMultiplier, m, zone, parkedReportEvery, parkedReportsFrom);
    }

    public VehicleConfig withEdgeEvents(boolean on) {
        return new VehicleConfig(batchSeconds, burstHz, burstPreSeconds, burstPostSeconds, on,
                crashCandidateThresholdG, crashRateMultiplier, impulseRateMultiplier, zone, parkedReportEvery, parkedReportsFrom);
    }

    public VehicleConfig withZone(ZoneId z) {
        return new VehicleConfig(batchSeconds, burstHz, burstPreSeconds, burstPostSeconds, edgeEvents,
                crashCandidateThresholdG, crashRateMultiplier, impulseRateMultiplier, z, parkedReportEvery, parkedReportsFrom);
    }
}
