package io.telerisk.claims.assessment;

import java.util.Objects;

/**
 * A reason to look twice, with the evidence behind it.
 *
 * @param code     what
 * @param evidence the facts, in words an adjuster can check
 */
public record FraudSignal(Code code, String evidence) {
    public enum Code {
        /** Reported loss time far from what the telemetry shows. */
        REPORTED_TIME_INCONSISTENT,
        /** Reported place far from the vehicle's position at that time. */
        REPORTED_PLACE_INCONSISTENT,
        /** A collision is reported but the accelerometer shows no impulse around that time. */
        NO_IMPULSE_FOR_REPORTED_COLLISION,
        /** The loss happened soon after the policy started. */
        CLAIM_SOON_AFTER_INCEPTION,
        /** Several claims on the same policy within a year. */
        REPEATED_CLAIMS,
        /** Another claim (e.g. the device's own crash claim) is about the same impulse: decide them together, pay once. */
        SAME_LOSS_AS_OTHER_CLAIM
    }

    public FraudSignal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(evidence, "evidence");
    }
}
