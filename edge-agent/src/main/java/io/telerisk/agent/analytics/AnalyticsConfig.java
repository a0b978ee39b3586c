package io.telerisk.agent.analytics;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of the vehicle edge analytics. Defaults follow common telematics practice (documented in
 * docs/edge-agent.md).
 *
 * @param tripStartSpeedMps      moving above this ...
 * @param tripStartAfter         ... for this long starts a trip (when no ignition signal is available)
 * @param tripStopSpeedMps       below this ...
 * @param tripStopAfter          ... for this long ends a trip (hysteresis: short stops at lights stay in the trip)
 * @param harshBrakingMps2       longitudinal deceleration above this is harsh braking
 * @param harshAccelerationMps2  longitudinal acceleration above this is harsh acceleration
 * @param harshCorneringMps2     lateral acceleration above this is harsh cornering
 * @param harshMinDuration       a harsh episode must last at least this long
 * @param speedingMinDuration    speeding must last at least this long to count
 * @param speedingToleranceMps   speed may exceed the limit by this much without counting
 * @param windowBefore           raw window kept before an event
 * @param windowAfter            raw window kept after an event
 * @param speedLimits            where speed limits come from
 */
public record AnalyticsConfig(double tripStartSpeedMps, Duration tripStartAfter, double tripStopSpeedMps,
                              Duration tripStopAfter, double harshBrakingMps2, double harshAccelerationMps2,
                              double harshCorneringMps2, Duration harshMinDuration, Duration speedingMinDuration,
                              double speedingToleranceMps, Duration windowBefore, Duration windowAfter,
                              SpeedLimitProvider speedLimits) {
    public AnalyticsConfig {
        Objects.requireNonNull(speedLimits, "speedLimits");
        if (tripStopSpeedMps > tripStartSpeedMps) throw new IllegalArgumentException("trip stop speed above start speed: no hysteresis");
        if (harshBrakingMps2 <= 0 || harshAccelerationMps2 <= 0 || harshCorneringMps2 <= 0) throw new IllegalArgumentException("harsh thresholds must be positive");
    }

    /** Defaults: trip at 2 m/s for 5 s, ends below 0.5 m/s for 3 min; harsh 3.5 / 3.0 / 4.0 m/s² for 300 ms; speeding 10 s at 130 km/h constant. */
    public static AnalyticsConfig defaults() {
        return new AnalyticsConfig(2.0, Duration.ofSeconds(5), 0.5, Duration.ofMinutes(3), 3.5, 3.0, 4.0,
                Duration.ofMillis(300), Duration.ofSeconds(10), 0.0, Duration.ofSeconds(2), Duration.ofSeconds(2),
                SpeedLimitProvider.constant(130 / 3.6));
    }

    public AnalyticsConfig withSpeedLimits(SpeedLimitProvider p) {
        return new AnalyticsConfig(tripStartSpeedMps, tripStartAfter, tripStopSpeedMps, tripStopAfter, harshBrakingMps2,
                harshAccelerationMps2, harshCorneringMps2, harshMinDuration, speedingMinDuration, speedingToleranceMps,
                windowBefore, windowAfter, p);
    }

    public AnalyticsConfig withTripStop(double speedMps, Duration after) {
        return new AnalyticsConfig(tripStartSpeedMps, tripStartAfter, speedMps, after, harshBrakingMps2,
                harshAccelerationMps2, harshCorneringMps2, harshMinDuration, speedingMinDuration, speedingToleranceMps,
                windowBefore, windowAfter, speedLimits);
    }
}
