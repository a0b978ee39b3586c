package io.telerisk.claims.classifier;

import io.telerisk.claims.crash.PulseMeasurement;

import java.util.List;

/**
 * The classifier's inputs, computed from a {@link PulseMeasurement} only (never from ground truth). Unknown GNSS speeds
 * are encoded as 0 with {@code speedKnown} = 0 so the model can learn not to rely on them.
 */
public final class CrashFeatures {
    /** Feature names in input order; the exported model's card records them and loading checks them. */
    public static final List<String> NAMES = List.of("deltaVKmh", "peakG", "durationMs", "horizontalShare",
            "speedBeforeKmh", "maxSpeedChangeKmh", "speedKnown", "minTotalGBefore");

    private CrashFeatures() {
    }

    public static float[] of(PulseMeasurement m) {
        boolean known = m.speedsKnown();
        return new float[] {
                (float) m.deltaVKmh(),
                (float) m.peakG(),
                (float) Math.min(m.durationMs(), 1000),
                (float) m.horizontalShare(),
                known ? (float) (m.speedBeforeMps() * 3.6) : 0f,
                known ? (float) (m.maxSpeedChangeMps() * 3.6) : 0f,
                known ? 1f : 0f,
                (float) m.minTotalGBefore()};
    }
}
