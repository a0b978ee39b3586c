package io.telerisk.claims.crash;

import io.telerisk.model.GnssFix;

import java.time.Instant;

/**
 * What the physics says about the strongest impulse of a raw window.
 *
 * @param pulseStart          first sample of the integrated pulse
 * @param pulseEnd            last sample of the integrated pulse
 * @param deltaVMps           |∫a dt| over the pulse, gravity removed, trapezoid rule, m/s
 * @param peakG               peak dynamic acceleration, g
 * @param durationMs          pulse duration (samples at or above the extension level, plus one period), ms
 * @param impactAngleDeg      angle of −∫a in the horizontal plane: 0 front, 90 left, ±180 rear, −90 right
 * @param direction           sector of {@code impactAngleDeg}
 * @param horizontalShare     |∫a_xy dt| / ∫|a| dt: near 1 for a crash's straight push, small for a pothole's up-down
 * @param speedBeforeMps      last GNSS speed before the pulse, or {@code null} when the window has none
 * @param speedAfterMps       first GNSS speed after the pulse, or {@code null}
 * @param maxSpeedChangeMps   largest |speed after − speed before| within the look-after time, or {@code null}
 * @param minTotalGBefore     smallest total acceleration (gravity included) in the second before the pulse, g:
 *                            near 0 means free fall (a dropped phone)
 * @param position            GNSS fix nearest the pulse, or {@code null}
 * @param sampleRateHz        median accelerometer rate of the window
 */
public record PulseMeasurement(Instant pulseStart, Instant pulseEnd, double deltaVMps, double peakG, double durationMs,
                               double impactAngleDeg, ImpactDirection direction, double horizontalShare,
                               Double speedBeforeMps, Double speedAfterMps, Double maxSpeedChangeMps,
                               double minTotalGBefore, GnssFix position, double sampleRateHz) {
    /** Delta-V in km/h. */
    public double deltaVKmh() {
        return deltaVMps * 3.6;
    }

    /** Whether GNSS speeds both before and after the pulse were found. */
    public boolean speedsKnown() {
        return speedBeforeMps != null && maxSpeedChangeMps != null;
    }
}
