package io.telerisk.sim.faults;

import io.telerisk.model.codec.RejectReason;

import java.util.Locale;

/** The kinds of bad message the simulator injects, with the rejection the hub should record for each. */
public enum MalformedKind {
    /** Random bytes. */
    GARBAGE(RejectReason.MALFORMED),
    /** A valid payload cut in the middle. */
    TRUNCATED(RejectReason.MALFORMED),
    /** JSON with a string where a number belongs ({@code "seq":"12"}). */
    WRONG_TYPE(RejectReason.MALFORMED),
    /** JSON with a NaN reading. */
    NAN(RejectReason.NOT_A_NUMBER),
    /** A sample stamped in the year 2100. */
    FUTURE_TIMESTAMP(RejectReason.FUTURE_TIMESTAMP);

    private final RejectReason expected;

    MalformedKind(RejectReason expected) {
        this.expected = expected;
    }

    /** The reason a correct hub rejects this message with. */
    public RejectReason expectedRejection() {
        return expected;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
