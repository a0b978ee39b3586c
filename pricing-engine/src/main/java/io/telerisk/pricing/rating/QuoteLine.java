package io.telerisk.pricing.rating;

import java.math.BigDecimal;

/**
 * One line of a quote's explanation. {@code effect} is the money this step added (negative: removed), so the
 * effects of all lines add up exactly to the total premium.
 *
 * @param step       what kind of step
 * @param variable   the variable rated (or the name of the base part, fee, tax)
 * @param inputValue numeric input, NaN when the input is a category or there is none
 * @param inputLevel categorical input, {@code null} for numbers
 * @param bandOrTerm the band "(25, 40]", level, term formula or rule that applied
 * @param relativity  the multiplier applied (1 for additive steps)
 * @param effectMinor money effect in the currency's minor unit (pence, cents)
 * @param scale       digits of the minor unit (2 for GBP, 0 for JPY)
 */
public record QuoteLine(Step step, String variable, double inputValue, String inputLevel, String bandOrTerm,
                        double relativity, long effectMinor, int scale) {
    /** Money effect at the currency's scale (built on demand: the hot path allocates no BigDecimal per line). */
    public BigDecimal effect() {
        return BigDecimal.valueOf(effectMinor, scale);
    }

    /** Kinds of explanation lines, in the order they are applied. */
    public enum Step { BASE, CLASSIC, TELEMATICS, CREDIBILITY, CAP, WELLNESS, MINIMUM_PREMIUM, FEE, TAX }

    /** The input as text. */
    public String input() {
        if (inputLevel != null) return inputLevel;
        if (Double.isNaN(inputValue)) return "";
        return inputValue == Math.rint(inputValue) && Math.abs(inputValue) < 1e15
                ? Long.toString((long) inputValue) : String.format(java.util.Locale.ROOT, "%.4f", inputValue);
    }
}
