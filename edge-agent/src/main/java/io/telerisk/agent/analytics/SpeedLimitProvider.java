package io.telerisk.agent.analytics;

import io.telerisk.model.VehicleSample;

import java.util.OptionalDouble;

/** Tells the speed limit in force where a sample was taken. Pluggable: a constant, a road class, a map lookup. */
@FunctionalInterface
public interface SpeedLimitProvider {
    /** The limit in m/s, or empty when unknown (no speeding is judged then). */
    OptionalDouble limitMps(VehicleSample sample);

    /** The same limit everywhere. */
    static SpeedLimitProvider constant(double limitMps) {
        if (!(limitMps > 0)) throw new IllegalArgumentException("limit must be positive: " + limitMps);
        OptionalDouble l = OptionalDouble.of(limitMps);
        return s -> l;
    }
}
