package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.MqttLimits;
import io.telerisk.hub.ingest.RateBuckets;

/**
 * A device's token buckets for PUBLISHes and payload bytes on this hub (the arithmetic is {@link RateBuckets}', the
 * whole budget: one hub serves a device's connection). {@link DeviceAllowances} keeps one per device, not per
 * connection, so reconnecting does not refill them, and a take-over by another hub hands their level over
 * ({@link SessionTakeOver}). A device that keeps publishing while refused is told to go away after
 * {@link MqttLimits#refusalsBeforeDisconnect()} refusals in a row on one connection.
 *
 * <p>Synchronised: while a newer connection replaces an older one on this hub, both may publish from different event
 * loops for a moment; otherwise the lock is uncontended.
 */
final class DeviceRateLimit {
    enum Verdict { PASS, REFUSE, DISCONNECT }

    /** The built-in endpoint's share of a device's budget: all of it, since the device talks to one hub at a time. */
    private static final double WHOLE = 1;

    /** What is left in the buckets at one moment: the part of the allowance that moves with the device. */
    record Level(double messages, double bytes) {
        Level {
            if (!(messages >= 0) || !(bytes >= 0)) throw new IllegalArgumentException("negative or NaN level: " + messages + ", " + bytes);
        }
    }

    private final MqttLimits limits;
    private final RateBuckets buckets;
    private int refusedInARow;
    /** Connections of the device on this hub using these buckets (a bucket in use is never evicted). */
    private int connections;
    /** The device's allowance went to another hub's session: what refills here meanwhile is not the device's. */
    private boolean away;
    /** A connection attached while away: the buckets stay empty until the previous hub's level arrives. */
    private boolean awaitingLevel;
    private long lastAttachNanos;
    /**
     * How long the buckets are kept after a connection attached, even when full: twice the time an empty bucket takes to
     * fill, so that they outlive the empty buckets the other hubs keep for the device ({@link #moveAway}) and this hub
     * still hands their level over when the device turns up on one of those.
     */
    private final long holdNanos;

    DeviceRateLimit(MqttLimits limits, long nowNanos) {
        this.limits = limits;
        this.buckets = new RateBuckets(limits, WHOLE, nowNanos);
        this.lastAttachNanos = nowNanos;
        this.holdNanos = (long) (2e9 * Math.max((double) limits.messageBurst() / limits.messagesPerSecond(),
                (double) limits.byteBurst() / limits.bytesPerSecond()));
    }

    /** Takes one message of {@code payloadBytes} from the buckets if both hold enough. */
    synchronized Verdict admit(int payloadBytes, long nowNanos) {
        refill(nowNanos);
        if (buckets.take(limits, WHOLE, payloadBytes, nowNanos)) {
            refusedInARow = 0;
            return Verdict.PASS;
        }
        return ++refusedInARow >= limits.refusalsBeforeDisconnect() ? Verdict.DISCONNECT : Verdict.REFUSE;
    }

    /** The previous hub's level did not come in time (that hub is gone, say): the buckets refill from empty from now. */
    synchronized void stopAwaiting(long nowNanos) {
        refill(nowNanos);
        awaitingLevel = false;
    }

    /** Whether a connection started from empty here and the previous hub's level has not arrived yet. */
    synchronized boolean awaitingLevel() {
        return awaitingLevel;
    }

    /** What is left now. */
    synchronized Level level(long nowNanos) {
        refill(nowNanos);
        return new Level(buckets.messages(), buckets.bytes());
    }

    /**
     * The level the device's previous hub handed over: taken as it is when a connection attached here while the
     * allowance was away (the buckets waited, empty, for it: the level already holds the refill up to when that hub
     * measured it), otherwise the lower of the two, bucket by bucket.
     */
    synchronized void continueFrom(Level previous, long nowNanos) {
        refill(nowNanos);
        if (awaitingLevel) {
            awaitingLevel = false;
            buckets.set(limits, WHOLE, previous.messages(), previous.bytes());
        } else {
            buckets.set(limits, WHOLE, Math.min(buckets.messages(), previous.messages()), Math.min(buckets.bytes(), previous.bytes()));
        }
    }

    /**
     * The device's session moved to another hub: the buckets empty here.
     *
     * @return what was left, for the new session's hub; null when the allowance was not here (already away)
     */
    synchronized Level moveAway(long nowNanos) {
        refill(nowNanos);
        Level left = away ? null : new Level(buckets.messages(), buckets.bytes());
        away = true;
        awaitingLevel = false;
        buckets.set(limits, WHOLE, 0, 0);
        return left;
    }

    /**
     * A connection of the device starts using these buckets; its refusals in a row start from none. When the
     * allowance is away it starts from empty and waits for the previous hub's level ({@link #continueFrom}).
     */
    synchronized void attach(long nowNanos) {
        refill(nowNanos);
        connections++;
        refusedInARow = 0;
        lastAttachNanos = nowNanos;
        if (away) {
            away = false;
            awaitingLevel = true;
            buckets.set(limits, WHOLE, 0, 0);
        }
    }

    /** A connection that used these buckets ended. */
    synchronized void detach() {
        connections = Math.max(0, connections - 1);
    }

    /**
     * Whether no connection uses the buckets, both are full again (dropping them gives nothing away) and, unless the
     * allowance is away, they were held long enough to hand their level over to another hub.
     */
    synchronized boolean idleAndFull(long nowNanos) {
        return connections == 0 && !awaitingLevel && buckets.fullBy(limits, WHOLE, nowNanos)
                && (away || nowNanos - lastAttachNanos >= holdNanos);
    }

    /** Refills, except while waiting for the previous hub's level: that level already holds the refill. */
    private void refill(long nowNanos) {
        buckets.refill(limits, WHOLE, nowNanos);
        if (awaitingLevel) buckets.set(limits, WHOLE, 0, 0);
    }

    /** The limit in words, for the MQTT 5 reason string. */
    String describe() {
        return "rate limit: " + limits.messagesPerSecond() + " messages/s (burst " + limits.messageBurst() + "), "
                + limits.bytesPerSecond() + " bytes/s (burst " + limits.byteBurst() + ")";
    }
}
