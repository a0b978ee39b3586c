package io.telerisk.claims.classifier.training;

import io.telerisk.model.PulseShape;
import io.telerisk.model.Sample;

import java.util.List;

/**
 * One simulated raw window with its ground truth.
 *
 * @param kind            what happened
 * @param trueDeltaVMps   velocity change of the main pulse, m/s (0 for non-crashes' bookkeeping is not used)
 * @param trueAngleDeg    true impact angle for crashes (0 front, 90 left, 180 rear, −90 right)
 * @param shape           shape of the main pulse (the crash pulse; for other impulses the last pulse of the window)
 * @param window          the samples the device would send: 100 Hz accelerometer (gravity on z) and 1 Hz GNSS
 */
public record Scenario(ScenarioKind kind, double trueDeltaVMps, double trueAngleDeg, PulseShape shape, List<Sample> window) {
    public boolean crash() {
        return kind.crash();
    }
}
