package io.telerisk.sim;

import io.telerisk.model.DeviceKey;

/**
 * One simulated device: a deterministic generator of batches in simulated time. Given the same seed and start,
 * the sequence of batches is identical, whatever the wall-clock pace at which it is pulled. Not thread-safe.
 */
public interface DeviceSimulator {
    /** The device's identity. */
    DeviceKey key();

    /**
     * The next non-empty batch, in simulated-time order, or {@code null} once the simulated span has ended.
     * Ground-truth records for what happened in the batch are emitted while it is generated.
     */
    Batch next();
}
