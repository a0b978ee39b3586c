package io.telerisk.pricing.glm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An R-style model formula: {@code y ~ x + log(km) + factor(region) + band(age, 25, 40, 60)}, with an intercept
 * unless {@code - 1} or {@code + 0} is given. Offsets are parsed separately by {@link #parseExpression}.
 */
public record Formula(String response, List<Term> terms, boolean intercept) {
    /** A model term on one column. */
    public sealed interface Term permits Numeric, Log, Factor, Band {
        String column();

        /** The term as written in R. */
        String label();
    }

    /** The column as it is. */
    public record Numeric(String column) implements Term {
        public String label() { return column; }
    }

    /** Natural log of the column (values must be > 0). */
    public record Log(String column) implements Term {
        public String label() { return "log(" + column + ")"; }
    }

    /** Categorical with treatment contrasts; the first level (sorted) is the reference. */
    public record Factor(String column) implements Term {
        public String label() { return "factor(" + column + ")"; }
    }

    /** Banded like R's cut(x, c(-Inf, b1, ..., Inf)): intervals closed on the right; the first band is the reference. */
    public record Band(String column, double[] breaks) implements Term {
        public String label() {
            StringBuilder sb = new StringBuilder("band(").append(column);
            for (double b : breaks) sb.append(", ").append(fmt(b));
            return sb.append(')').toString();
        }

        @Override
        public boolean equals(Object o) { return o instanceof Band b && b.column.equals(column) && Arrays.equals(b.breaks, breaks); }

        @Override
        public int hashCode() { return column.hashCode() * 31 + Arrays.hashCode(breaks); }

        @Override
        public String toString() { return label(); }
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Parses "y ~ a + log(b) + factor(c) + band(d, 1, 2)". */
    public static Formula parse(String text) {
        int tilde = text.indexOf('~');
        if (tilde < 0) throw new IllegalArgumentException("formula needs '~': " + text);
        String response = text.substring(0, tilde).trim();
        if (!response.matches("[A-Za-z_.][A-Za-z0-9_.]*")) throw new IllegalArgumentException("bad response '" + response + "' in formula " + text);
        List<String> parts = splitTopLevel(text.substring(tilde + 1));
        List<Term> terms = new ArrayList<>();
        boolean intercept = true;
        for (String part : parts) {
            String p = part.trim();
            if (p.equals("-1") || p.equals("+0") || p.equals("0")) { intercept = false; continue; }
            if (p.equals("1") || p.equals("+1")) continue;
            if (p.startsWith("+")) p = p.substring(1).trim();
            if (p.isEmpty()) throw new IllegalArgumentException("empty term in formula " + text);
            Term t = parseTerm(p);
            if (terms.contains(t)) throw new IllegalArgumentException("term " + t.label() + " appears twice");
            terms.add(t);
        }
        return new Formula(response, List.copyOf(terms), intercept);
    }

    /** Splits on + and - at parenthesis depth 0, keeping "-1" as its own part. */
    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (depth < 0) throw new IllegalArgumentException("unbalanced ')' in formula: " + s);
            if (depth == 0 && (c == '+' || c == '-')) {
                if (!sb.toString().isBlank()) out.add(sb.toString());
                sb.setLength(0);
                if (c == '-') sb.append('-');
                continue;
            }
            sb.append(c);
        }
        if (depth != 0) throw new IllegalArgumentException("unbalanced '(' in formula: " + s);
        if (!sb.toString().isBlank()) out.add(sb.toString());
        List<String> cleaned = new ArrayList<>();
        for (String p : out) {
            String t = p.trim().replaceAll("\\s+", "");
            if (t.startsWith("-") && !t.equals("-1")) throw new IllegalArgumentException("only '- 1' may be subtracted in a formula, got '" + t + "'");
            if (t.startsWith("-")) cleaned.add("-1");
            else cleaned.add(t);
        }
        return cleaned;
    }

    private static Term parseTerm(String p) {
        int open = p.indexOf('(');
        if (open < 0) {
            checkName(p);
            return new Numeric(p);
        }
        if (!p.endsWith(")")) throw new IllegalArgumentException("bad term '" + p + "'");
        String fn = p.substring(0, open).trim().toLowerCase(Locale.ROOT);
        String[] args = p.substring(open + 1, p.length() - 1).split(",");
        String col = args[0].trim();
        checkName(col);
        switch (fn) {
            case "log" -> {
                if (args.length != 1) throw new IllegalArgumentException("log() takes one column: " + p);
                return new Log(col);
            }
            case "factor" -> {
                if (args.length != 1) throw new IllegalArgumentException("factor() takes one column: " + p);
                return new Factor(col);
            }
            case "band" -> {
                if (args.length < 2) throw new IllegalArgumentException("band() needs at least one break: " + p);
                double[] breaks = new double[args.length - 1];
                for (int i = 1; i < args.length; i++) {
                    try {
                        breaks[i - 1] = Double.parseDouble(args[i].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("band() break '" + args[i].trim() + "' is not a number in " + p);
                    }
                    if (i > 1 && !(breaks[i - 1] > breaks[i - 2])) throw new IllegalArgumentException("band() breaks must increase: " + p);
                }
                return new Band(col, breaks);
            }
            default -> throw new IllegalArgumentException("unknown function '" + fn + "' in term '" + p + "' (use log, factor, band)");
        }
    }

    private static void checkName(String c) {
        if (!c.matches("[A-Za-z_.][A-Za-z0-9_.]*")) throw new IllegalArgumentException("bad column name '" + c + "'");
    }

    /** Parses an offset expression: a column or log(column). Returns the term. */
    public static Term parseExpression(String text) {
        Term t = parseTerm(text.trim());
        if (t instanceof Factor || t instanceof Band) throw new IllegalArgumentException("offset must be a column or log(column): " + text);
        return t;
    }
}
