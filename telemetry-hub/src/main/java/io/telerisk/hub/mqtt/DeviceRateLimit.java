package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.MqttLimits;

/**
 * A device's token buckets for PUBLISHes and payload bytes on this hub. {@link DeviceAllowances} keeps one per device,
 * not per connection, so reconnecting does not refill them, and a take-over by another hub hands their level over
 * ({@link SessionTakeOver}). A device that keeps publishing while refused is told to go away after
 * {@link MqttLimits#refusalsBeforeDisconnect()} refusals in a row on one connection.
 *
 * <p>Synchronised: while a newer connection replaces an older one on this hub, both may publish from different event
 * loops for a moment; otherwise the lock is uncontended.
 */
final class DeviceRateLimit {
    enum Verdict { PASS, REFUSE, DISCONNECT }

    /** What is left in the buckets at one moment: the part of the allowance that moves with the device. */
    record Level(double messages, double bytes) {
        Level {
            if (!(messages >= 0) || !(bytes >= 0)) throw new IllegalArgumentException("negative or NaN level: " + messages + ", " + bytes);
        }
    }

    private final MqttLimits limits;
    private double messages;
    private double bytes;
    private long lastNanos;
    private int refusedInARow;
    /** Connections of the device on this hub using these buckets (a bucket in use is never evicted). */
    private int connections;
    /** The device's allowance went to another hub's session: what refills here meanwhile is not the device's. */
    private boolean away;
    /** A connection attached while away: the previous hub's level is to be added when it arrives. */
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
        this.messages = limits.messageBurst();
        this.bytes = limits.byteBurst();
        this.lastNanos = nowNanos;
        this.lastAttachNanos = nowNanos;
        this.holdNanos = (long) (2e9 * Math.max((double) limits.messageBurst() / limits.messagesPerSecond(),
                (double) limits.byteBurst() / limits.bytesPerSecond()));
    }

    /** Takes one message of {@code payloadBytes} from the buckets if both hold enough. */
    synchronized Verdict admit(int payloadBytes, long nowNanos) {
        refill(nowNanos);
        // a payload larger than the whole byte burst passes when the bucket is full, or it could never pass
        double cost = Math.min(payloadBytes, limits.byteBurst());
        if (messages >= 1 && bytes >= cost) {
            messages -= 1;
            bytes -= cost;
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
        return new Level(messages, bytes);
    }

    /**
     * The level the device's previous hub handed over: taken as it is when a connection attached here while the
     * allowance was away (the buckets wait, empty and not refilling, for it: the level already holds the refill up to
     * when that hub measured it), otherwise the lower of the two, bucket by bucket.
     */
    synchronized void continueFrom(Level previous, long nowNanos) {
        refill(nowNanos);
        if (awaitingLevel) {
            awaitingLevel = false;
            messages = Math.min(limits.messageBurst(), previous.messages());
            bytes = Math.min(limits.byteBurst(), previous.bytes());
        } else {
            messages = Math.min(messages, previous.messages());
            bytes = Math.min(bytes, previous.bytes());
        }
    }

    /**
     * The device's session moved to another hub: the buckets empty here.
     *
     * @return what was left, for the new session's hub; null when the allowance was not here (already away)
     */
    synchronized Level moveAway(long nowNanos) {
        refill(nowNanos);
        Level left = away ? null : new Level(messages, bytes);
        away = true;
        awaitingLevel = false;
        messages = 0;
        bytes = 0;
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
            messages = 0;
            bytes = 0;
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
        refill(nowNanos);
        return connections == 0 && messages >= limits.messageBurst() && bytes >= limits.byteBurst()
                && (away || nowNanos - lastAttachNanos >= holdNanos);
    }

    private void refill(long nowNanos) {
        double seconds = awaitingLevel ? 0 : Math.max(0, nowNanos - lastNanos) / 1e9;
        lastNanos = Math.max(lastNanos, nowNanos);
        messages = Math.min(limits.messageBurst(), messages + seconds * limits.messagesPerSecond());
        bytes = Math.min(limits.byteBurst(), bytes + seconds * limits.bytesPerSecond());
    }

    /** The limit in words, for the MQTT 5 reason string. */
    String describe() {
        return "rate limit: " + limits.messagesPerSecond() + " messages/s (burst " + limits.messageBurst() + "), "
                + limits.bytesPerSecond() + " bytes/s (burst " + limits.byteBurst() + ")";
    }
}
