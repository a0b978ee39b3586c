package io.telerisk.claims.crash;

/**
 * The hub's verdict on a raw window.
 *
 * @param outcome          confirmed, not confirmed, or unusable window
 * @param measurement      the measured pulse, or {@code null} when there is none
 * @param crashProbability classifier output, or {@code NaN} without a measured pulse
 * @param classifier       classifier name
 * @param detail           why (for not confirmed and unusable)
 */
public record CrashVerdict(Outcome outcome, PulseMeasurement measurement, double crashProbability, String classifier, String detail) {
    public enum Outcome { CONFIRMED, NOT_CONFIRMED, UNUSABLE }

    public boolean confirmed() {
        return outcome == Outcome.CONFIRMED;
    }
}
