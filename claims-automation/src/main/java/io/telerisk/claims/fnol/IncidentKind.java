package io.telerisk.claims.fnol;

import io.telerisk.claims.crash.PulseMeasurement;

/**
 * What kind of incident a measured impulse was, from the GNSS speed before it: the same rule on the device path and
 * the reported path, so one impulse is one kind of incident whoever reports it.
 */
public enum IncidentKind {
    /** The vehicle was moving (GNSS speed before the impulse at or above {@link #STATIONARY_BELOW_MPS}). */
    MOVING_COLLISION,
    /** The vehicle stood still (parked or stopped) and was struck: never a moving collision. */
    PARKED_VEHICLE_DAMAGE,
    /** No GNSS speed before the impulse, neither in the window nor in the stored telemetry. */
    SPEED_UNKNOWN;

    /** Below this speed (3.6 km/h, about GNSS speed noise at a standstill) the vehicle is taken as stationary. */
    public static final double STATIONARY_BELOW_MPS = 1.0;

    public static IncidentKind of(PulseMeasurement m) {
        if (m.speedBeforeMps() == null) return SPEED_UNKNOWN;
        return m.speedBeforeMps() < STATIONARY_BELOW_MPS ? PARKED_VEHICLE_DAMAGE : MOVING_COLLISION;
    }

    /** One evidence line. */
    public String explain(PulseMeasurement m) {
        return switch (this) {
            case MOVING_COLLISION -> String.format(java.util.Locale.ROOT, "moving collision: GNSS speed %.1f km/h before the impulse", m.speedBeforeMps() * 3.6);
            case PARKED_VEHICLE_DAMAGE -> String.format(java.util.Locale.ROOT,
                    "impulse while stationary (GNSS speed %.1f km/h before it): parked-vehicle damage, not a moving collision", m.speedBeforeMps() * 3.6);
            case SPEED_UNKNOWN -> "no GNSS speed before the impulse (window and stored telemetry): moving or parked unknown";
        };
    }
}
