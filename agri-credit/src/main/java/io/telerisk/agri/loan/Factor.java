package io.telerisk.agri.loan;

import java.util.Objects;

/**
 * One line of a decision's explanation, for a credit officer and for the farmer.
 *
 * @param code      what was looked at, lower snake case and stable, e.g. {@code ndvi_anomaly_z}
 * @param value     its value as plain decimal text (machine-readable where it is a number), e.g. {@code -1.23}
 * @param threshold the value it is compared with, where there is one (e.g. {@code -0.5}: below it the anomaly adds
 *                  risk points; for the limit check, the limit), else {@code null}
 * @param effect    what it did to the decision
 * @param points    risk points it added (0 unless {@code effect} is {@link Effect#RISK_POINTS})
 * @param text      the same in plain words
 */
public record Factor(String code, String value, String threshold, Effect effect, int points, String text) {
    public Factor {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(text, "text");
    }

    /** What a factor did to the decision. */
    public enum Effect {
        /** Shown for context (amount, field, estimates); changes nothing by itself. */
        INFORMATION,
        /** Scored: added {@link #points()} (possibly 0) to the risk grade. */
        RISK_POINTS,
        /** Set or reduced the credit limit. */
        LIMIT,
        /** Sent the application to a credit officer. */
        REFER,
        /** Declined the application. */
        DECLINE
    }

    static Factor info(String code, String value, String text) {
        return new Factor(code, value, null, Effect.INFORMATION, 0, text);
    }

    static Factor risk(String code, String value, String threshold, int points, String text) {
        return new Factor(code, value, threshold, Effect.RISK_POINTS, points, text);
    }
}
