package io.telerisk.sim.publish;

import io.vertx.core.Future;

/** A running fleet publisher: live counters, completion, stop. */
public interface PublisherHandle {
    /** Current counters (cheap; callable from any thread). */
    PublisherStats stats();

    /**
     * Completes when every device has sent its whole simulated span and every message is acknowledged
     * (never, for an open-ended run that is stopped first).
     */
    Future<Void> completion();

    /**
     * Stops pacing, disconnects every device and writes one {@code device_summary} ground-truth line per device.
     * Idempotent; call it after completion too.
     */
    Future<Void> stop();
}
