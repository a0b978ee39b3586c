package io.telerisk.model;

import java.math.BigDecimal;

/**
 * Reads a money amount a person or a device typed, without letting the text decide how much work or memory it costs.
 * {@code new BigDecimal("1e-300000000")} is cheap, but printing it, rounding it or comparing it with a scaled value
 * expands 300 million digits: a 130-byte request once answered 30 MB and larger ones ran the hub out of memory. So the
 * text is bounded first (at most {@link #MAX_TEXT} characters), and the value must have at most
 * {@link #MAX_INTEGER_DIGITS} integer digits and {@link #MAX_DECIMALS} decimals; anything else is refused with a
 * message that quotes at most the first 32 characters.
 */
public final class Amounts {
    /** Longest amount text accepted. */
    public static final int MAX_TEXT = 40;
    /** Integer digits: up to 999 trillion, beyond any premium, limit or loan. */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** Decimals: more than any currency's minor unit, enough for rates. */
    public static final int MAX_DECIMALS = 10;

    private Amounts() {
    }

    /**
     * Parses {@code text} (trimmed) as an amount.
     *
     * @param field the name the message uses for the value
     * @throws IllegalArgumentException naming the field and the rule
     */
    public static BigDecimal parse(String field, String text) {
        if (text == null) throw new IllegalArgumentException(field + " is required");
        String t = text.strip();
        if (t.isEmpty() || t.length() > MAX_TEXT) throw refused(field, t);
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw refused(field, t);
        }
        return checked(field, v, t);
    }

    /** Checks a value that arrived as a JSON number (already a BigDecimal or a Number's text). */
    public static BigDecimal of(String field, Number n) {
        if (n == null) throw new IllegalArgumentException(field + " is required");
        if (n instanceof BigDecimal b) return checked(field, b, null);
        if (n instanceof Double d && (d.isNaN() || d.isInfinite())) throw refused(field, d.toString());
        return parse(field, n.toString());
    }

    private static BigDecimal checked(String field, BigDecimal v, String text) {
        // precision and scale are read without expanding the number
        long integerDigits = (long) v.precision() - v.scale();
        long decimals = Math.max(0, v.scale());
        if (v.signum() != 0 && (integerDigits > MAX_INTEGER_DIGITS || decimals > MAX_DECIMALS + 20L)) {
            throw refused(field, text != null ? text : "(a number)");
        }
        BigDecimal stripped = v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
        if (stripped.scale() > MAX_DECIMALS) throw refused(field, text != null ? text : "(a number)");
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static IllegalArgumentException refused(String field, String text) {
        String shown = text.length() > 32 ? text.substring(0, 32) + "…" : text;
        return new IllegalArgumentException(field + " '" + shown + "' is not an amount: a decimal number with at most "
                + MAX_INTEGER_DIGITS + " integer digits and " + MAX_DECIMALS + " decimals");
    }
}
