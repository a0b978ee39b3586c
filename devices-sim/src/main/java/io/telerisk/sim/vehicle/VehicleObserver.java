package io.telerisk.sim.vehicle;

import java.time.Instant;

/**
 * Sees the simulator's hidden state once per simulated second while driving: for tests and for labelling
 * training data (the road class and true speed are not in the telemetry).
 */
@FunctionalInterface
public interface VehicleObserver {
    /**
     * @param time              the 1 Hz sample time
     * @param road              road class in force
     * @param trueSpeedMps      the vehicle's true speed
     * @param reportedSpeedMps  the speed in the sample (GNSS, with noise), or null during a dropout
     */
    void tick(Instant time, RoadClass road, double trueSpeedMps, Double reportedSpeedMps);

    VehicleObserver NONE = (t, r, v, rep) -> { };
}
