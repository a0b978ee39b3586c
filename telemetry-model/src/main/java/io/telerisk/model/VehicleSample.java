package io.telerisk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A vehicle measurement. GNSS and speed typically come at 1 Hz, acceleration at up to 100 Hz in batches;
 * fields a sample does not carry are {@code null}.
 *
 * @param time         measurement time (UTC)
 * @param position     GNSS fix, or {@code null}
 * @param speedMps     ground speed in metres per second, or {@code null}
 * @param headingDeg   course over ground in degrees clockwise from true north, 0..360, or {@code null}
 * @param acceleration three-axis acceleration, or {@code null}
 * @param odometerKm   odometer reading in kilometres, or {@code null}
 * @param ignitionOn   ignition state, or {@code null}
 */
public record VehicleSample(Instant time, GnssFix position, Double speedMps, Double headingDeg,
                            Acceleration acceleration, Double odometerKm, Boolean ignitionOn) implements Sample {
    public VehicleSample {
        Objects.requireNonNull(time, "time");
    }

    @Override
    public DeviceType deviceType() {
        return DeviceType.VEHICLE;
    }

    /** An accelerometer-only sample, as produced at high rate between GNSS fixes. */
    public static VehicleSample acceleration(Instant time, Acceleration a) {
        return new VehicleSample(time, null, null, null, a, null, null);
    }
}
