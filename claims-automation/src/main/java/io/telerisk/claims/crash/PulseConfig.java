package io.telerisk.claims.crash;

import java.time.Duration;

/**
 * Thresholds of the hub's pulse measurement.
 *
 * @param triggerG          dynamic acceleration (gravity removed) above this, in g, marks an impulse
 * @param extendG           the integration window grows outward from the peak while the dynamic acceleration stays at
 *                          or above this (in g); below it only sensor noise and ordinary driving remain, so the
 *                          half-sine's tails are integrated but post-crash braking (≤ 1 g) is not
 * @param maxSampleGap      a gap between accelerometer samples longer than this inside the pulse makes it unmeasurable
 * @param minAccelSamples   fewer accelerometer samples than this in the window: unusable
 * @param speedLookBefore   the speed before is the last GNSS speed at most this long before the pulse
 * @param speedLookAfter    the speed after is looked for up to this long after the pulse
 */
public record PulseConfig(double triggerG, double extendG, Duration maxSampleGap, int minAccelSamples,
                          Duration speedLookBefore, Duration speedLookAfter) {
    /** Standard gravity, m/s². */
    public static final double G_MPS2 = 9.80665;

    public PulseConfig {
        if (!(triggerG > 0) || !(extendG > 0) || extendG > triggerG) {
            throw new IllegalArgumentException("need 0 < extendG ≤ triggerG: " + extendG + ", " + triggerG);
        }
        if (minAccelSamples < 3) throw new IllegalArgumentException("minAccelSamples must be at least 3");
    }

    /** 2 g trigger (an 8 km/h pulse of 150 ms peaks at 2.4 g), 1 g extension, 50 ms gaps, 3 s before and 5 s after. */
    public static PulseConfig defaults() {
        return new PulseConfig(2.0, 1.0, Duration.ofMillis(50), 20, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }
}
