package io.telerisk.pricing.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed access to a plan document's fields that records each shape problem (missing, wrong type, unknown field or
 * value) with its path instead of throwing, so {@link PlanDocumentReader} reports all of a document's problems at once.
 */
final class PlanFields {
    private final List<PlanProblem> problems = new ArrayList<>();

    /** The problems recorded so far, in document order. */
    List<PlanProblem> problems() {
        return problems;
    }


    void problem(String path, String message) { problems.add(new PlanProblem(path, message)); }

    void allowOnly(JsonNode n, String p, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) problem(p + "." + f, "unknown field (allowed: " + new java.util.TreeSet<>(allowed) + ")");
        }
    }

    JsonNode obj(JsonNode n, String f, String p) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) { problem(p + "." + f, "missing"); return null; }
        if (!v.isObject()) { problem(p + "." + f, "must be an object"); return null; }
        return v;
    }

    List<JsonNode> array(JsonNode n, String f, String p) {
        JsonNode v = n.get(f);
        List<JsonNode> out = new ArrayList<>();
        if (v == null || v.isNull()) { problem(p + "." + f, "missing"); return out; }
        if (!v.isArray()) { problem(p + "." + f, "must be an array"); return out; }
        v.forEach(out::add);
        return out;
    }

    String str(JsonNode n, String f, String p, boolean required) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            if (required) problem(p + "." + f, "missing");
            return null;
        }
        if (!v.isTextual()) { problem(p + "." + f, "must be a string"); return null; }
        return v.textValue();
    }

    Double num(JsonNode n, String f, String p, boolean required) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            if (required) problem(p + "." + f, "missing");
            return null;
        }
        if (!v.isNumber()) { problem(p + "." + f, "must be a number, got " + v.getNodeType().name().toLowerCase()); return null; }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) { problem(p + "." + f, "must be finite"); return null; }
        return d;
    }

    Integer integer(JsonNode n, String f, String p, boolean required) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            if (required) problem(p + "." + f, "missing");
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) { problem(p + "." + f, "must be an integer"); return null; }
        return v.intValue();
    }

    /** Money and percentages are read as decimals, exactly as written (no binary rounding). */
    BigDecimal money(JsonNode n, String f, String p, boolean required) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            if (required) problem(p + "." + f, "missing");
            return null;
        }
        try {
            // bounded: an absurd exponent (1e-300000000) must not expand later into millions of digits
            if (v.isNumber()) return io.telerisk.model.Amounts.of(f, v.decimalValue());
            if (v.isTextual()) return io.telerisk.model.Amounts.parse(f, v.textValue());
        } catch (IllegalArgumentException e) {
            problem(p + "." + f, e.getMessage());
            return null;
        }
        String shown = v.asText().length() > 32 ? v.asText().substring(0, 32) + "…" : v.asText();
        problem(p + "." + f, "must be a decimal number, got '" + shown + "'");
        return null;
    }

    <E extends Enum<E>> E enumValue(JsonNode n, String f, String p, Class<E> type, E dflt) {
        String s = str(n, f, p, dflt == null);
        if (s == null) return dflt;
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(p + "." + f, "unknown value '" + s + "', expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return dflt;
        }
    }
}
