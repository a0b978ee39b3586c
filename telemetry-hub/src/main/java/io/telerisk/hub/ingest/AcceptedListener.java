package io.telerisk.hub.ingest;

import io.telerisk.model.Envelope;

/**
 * Told about every envelope once the telemetry store holds it (directly, or on replay from the spool), in store
 * order. Subscribers: the store engineer's summariser, claims (crash candidates), agri-credit (loan requests).
 *
 * <p>Called on an ingest writer thread (the telemetry lane's or the urgent lane's, see {@code IngestLanes}): return
 * quickly, never block (hand heavy work to your own executor) and be thread-safe.
 * An exception is logged and does not affect ingestion. Delivery is at-least-once: after a hub restart or with
 * several hubs on one shared subscription, an envelope may be announced again, so subscribers key their state by
 * (device, sequence) or recompute from the store.
 */
@FunctionalInterface
public interface AcceptedListener {
    void accepted(Envelope envelope);

    /**
     * Called after {@link #accepted} was called for every envelope of one stored batch, on the same thread, before
     * the batch's messages are acknowledged: the place to write, in one go, what must be durable before that.
     */
    default void batchStored() {
    }
}
