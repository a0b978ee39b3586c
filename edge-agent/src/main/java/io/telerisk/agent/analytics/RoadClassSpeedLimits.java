package io.telerisk.agent.analytics;

import io.telerisk.model.VehicleSample;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Speed limit from the current road class, which the input (a map-matching unit, the simulator) passes in
 * alongside the samples with {@link #setRoadClass}. Default limits are typical European ones in m/s.
 */
public final class RoadClassSpeedLimits implements SpeedLimitProvider {
    /** Urban 50 km/h, rural 90 km/h, motorway 130 km/h, residential 30 km/h. */
    public static final Map<String, Double> EUROPEAN_DEFAULTS_MPS = Map.of(
            "residential", 30 / 3.6, "urban", 50 / 3.6, "rural", 90 / 3.6, "motorway", 130 / 3.6);

    private final Map<String, Double> limitsMps;
    private volatile String roadClass;

    /** @param limitsMps limit per road class, m/s */
    public RoadClassSpeedLimits(Map<String, Double> limitsMps) {
        this.limitsMps = Map.copyOf(limitsMps);
    }

    /** The road class the vehicle is on from now on, or {@code null} when unknown. */
    public void setRoadClass(String roadClass) {
        if (roadClass != null && !limitsMps.containsKey(roadClass)) {
            throw new IllegalArgumentException("unknown road class '" + roadClass + "' (known: " + limitsMps.keySet() + ")");
        }
        this.roadClass = roadClass;
    }

    @Override
    public OptionalDouble limitMps(VehicleSample sample) {
        String rc = roadClass;
        return rc == null ? OptionalDouble.empty() : OptionalDouble.of(limitsMps.get(rc));
    }
}
