package io.telerisk.agent.queue;

/**
 * Priority class of a queued message. Decides what the disk bound drops (only {@link #RAW} under normal
 * pressure) and the backlog replay order (highest class first).
 */
public enum Priority {
    /** Raw telemetry batches: the first to go when the disk bound is reached. */
    RAW,
    /** Aggregates the device computed (kept under normal disk pressure). */
    SUMMARY,
    /** Edge events: trips, harsh events, speeding (kept under normal disk pressure). */
    EVENT,
    /** Crash candidates and their follow-ups: never dropped, sent first. */
    CRASH;

    byte code() {
        return (byte) ordinal();
    }

    static Priority fromCode(int code) {
        Priority[] v = values();
        if (code < 0 || code >= v.length) throw new IllegalArgumentException("priority code " + code);
        return v[code];
    }
}
