package io.telerisk.agent.crash;

import java.time.Duration;

/**
 * Thresholds of crash-candidate detection (documented in docs/edge-agent.md).
 *
 * @param impactThresholdG  acceleration magnitude above this (in g, 9.80665 m/s²) is an impact ...
 * @param minImpactDuration ... if it lasts at least this long (filters single-sample spikes: a dropped phone,
 *                          a pothole hit by the mount)
 * @param minSpeedDropMps   the speed after the impact must fall at least this much below the speed before it
 * @param windowBefore      raw window sent before the impact
 * @param windowAfter       raw window sent after the impact; the candidate goes out when it is complete
 * @param cancelWindow      after the candidate is raised the driver may dismiss it for this long
 */
public record CrashConfig(double impactThresholdG, Duration minImpactDuration, double minSpeedDropMps,
                          Duration windowBefore, Duration windowAfter, Duration cancelWindow) {
    /** Standard gravity, m/s². */
    public static final double G_MPS2 = 9.80665;

    public CrashConfig {
        if (!(impactThresholdG > 1)) throw new IllegalArgumentException("impact threshold must exceed 1 g: " + impactThresholdG);
        if (minSpeedDropMps < 0) throw new IllegalArgumentException("minSpeedDropMps must not be negative");
        if (minImpactDuration.isNegative() || windowBefore.isNegative() || windowAfter.isNegative() || cancelWindow.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** 4 g for at least 20 ms, speed drop of 2.5 m/s (9 km/h), window 10 s before and 5 s after, 15 s to dismiss. */
    public static CrashConfig defaults() {
        return new CrashConfig(4.0, Duration.ofMillis(20), 2.5, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(15));
    }
}
