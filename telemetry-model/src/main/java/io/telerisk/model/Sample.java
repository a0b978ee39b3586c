package io.telerisk.model;

import java.time.Instant;

/**
 * One timestamped measurement from a device. Each sample is one stored point.
 * Optional readings are {@code null} when the device did not measure them in this sample
 * (a 100 Hz accelerometer sample carries no GNSS fix, for instance).
 */
public sealed interface Sample permits VehicleSample, WearableSample, FarmSample {
    /** When the measurement was taken (device clock, UTC). */
    Instant time();

    /** The device type this sample belongs to. */
    DeviceType deviceType();
}
