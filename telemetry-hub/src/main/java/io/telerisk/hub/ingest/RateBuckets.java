package io.telerisk.hub.ingest;

/**
 * One device's two token buckets, PUBLISHes and payload bytes, filled at the rates of {@link MqttLimits} up to its
 * bursts, both scaled by this hub's share of the device's budget (1 with one hub; 1/N where a broker spreads a
 * device's messages over N hubs). The limits and the share are passed with every call, so a changed share applies
 * at once (a bucket fuller than its new size is cut down to it). Not thread-safe: the caller confines or locks it.
 */
public final class RateBuckets {
    private double messages;
    private double bytes;
    private long lastNanos;

    /** Full buckets: a device that was quiet may send a whole burst. */
    public RateBuckets(MqttLimits limits, double share, long nowNanos) {
        this.messages = messageBurst(limits, share);
        this.bytes = byteBurst(limits, share);
        this.lastNanos = nowNanos;
    }

    /**
     * Refills for the time since the last call, then takes one message of {@code payloadBytes} if both buckets hold
     * enough.
     *
     * @param share this hub's part of the device's budget, in (0, 1]
     * @return whether the message is within the rate (taken), false when over it (nothing taken)
     */
    public boolean take(MqttLimits limits, double share, int payloadBytes, long nowNanos) {
        refill(limits, share, nowNanos);
        double byteBurst = byteBurst(limits, share);
        // a payload larger than the whole byte burst passes when the bucket is full, or it could never pass
        double cost = Math.min(payloadBytes, byteBurst);
        if (messages >= 1 && bytes >= cost) {
            messages -= 1;
            bytes -= cost;
            return true;
        }
        return false;
    }

    /** Refills for the time since the last call (up to the bursts). */
    public void refill(MqttLimits limits, double share, long nowNanos) {
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must be in (0, 1]: " + share);
        double seconds = Math.max(0, nowNanos - lastNanos) / 1e9;
        lastNanos = nowNanos;
        messages = Math.min(messageBurst(limits, share), messages + seconds * limits.messagesPerSecond() * share);
        bytes = Math.min(byteBurst(limits, share), bytes + seconds * limits.bytesPerSecond() * share);
    }

    /** Messages the bucket holds, as of the last refill or take. */
    public double messages() {
        return messages;
    }

    /** Payload bytes the bucket holds, as of the last refill or take. */
    public double bytes() {
        return bytes;
    }

    /**
     * Sets what the buckets hold, e.g. the level another hub handed over with a device's session (at most the bursts,
     * at least nothing). Refill the buckets first: refilling goes on from their last refill.
     */
    public void set(MqttLimits limits, double share, double messages, double bytes) {
        this.messages = Math.max(0, Math.min(messageBurst(limits, share), messages));
        this.bytes = Math.max(0, Math.min(byteBurst(limits, share), bytes));
    }

    /** Whether both buckets would be full by {@code nowNanos}: then forgetting them changes nothing. */
    public boolean fullBy(MqttLimits limits, double share, long nowNanos) {
        double seconds = Math.max(0, nowNanos - lastNanos) / 1e9;
        return messages + seconds * limits.messagesPerSecond() * share >= messageBurst(limits, share)
                && bytes + seconds * limits.bytesPerSecond() * share >= byteBurst(limits, share);
    }

    /** A bucket must hold at least one message, or a device could never publish at all. */
    private static double messageBurst(MqttLimits limits, double share) {
        return Math.max(1, limits.messageBurst() * share);
    }

    private static double byteBurst(MqttLimits limits, double share) {
        return Math.max(1, limits.byteBurst() * share);
    }
}
