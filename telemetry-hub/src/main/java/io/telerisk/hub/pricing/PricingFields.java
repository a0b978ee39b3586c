package io.telerisk.hub.pricing;

import io.telerisk.hub.api.ApiException;
import io.telerisk.model.csv.Csv;
import io.telerisk.model.csv.CsvLimits;
import io.telerisk.model.topic.Topic;
import io.telerisk.pricing.glm.DataTable;
import io.telerisk.pricing.plan.Jurisdiction;
import io.telerisk.pricing.plan.PlanProblem;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the fields of pricing requests: each bad field is a 400 naming it and what it must be. */
final class PricingFields {
    private PricingFields() {
    }

    static List<String> strings(List<PlanProblem> problems) {
        return problems.stream().map(PlanProblem::toString).toList();
    }

    static String text(JsonObject o, String field, boolean required) {
        Object v = o.getValue(field);
        if (v == null) {
            if (required) throw ApiException.badRequest("field '" + field + "' is required");
            return null;
        }
        if (!(v instanceof String s)) throw ApiException.badRequest("field '" + field + "' must be a string");
        if (required && s.isBlank()) throw ApiException.badRequest("field '" + field + "' must not be blank");
        if (s.length() > 1024) throw ApiException.badRequest("field '" + field + "' is longer than 1024 characters");
        return s;
    }

    static String id(JsonObject o, String field) {
        String s = text(o, field, true);
        if (!Topic.isValidSegment(s)) throw ApiException.badRequest("field '" + field + "' must be 1-64 characters of [A-Za-z0-9._-]");
        return s;
    }

    static int intField(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1 || n.longValue() > Integer.MAX_VALUE) {
            throw ApiException.badRequest("field '" + field + "' must be an integer >= 1");
        }
        return n.intValue();
    }

    static LocalDate date(JsonObject o, String field, boolean required) {
        String s = text(o, field, required);
        if (s == null) return null;
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("field '" + field + "' must be a date YYYY-MM-DD");
        }
    }

    static Double number(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) return null;
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) throw ApiException.badRequest("field '" + field + "' must be a number");
        return n.doubleValue();
    }

    /** Money as a decimal string (or a JSON number written as decimal text); null when absent. */
    static BigDecimal money(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) return null;
        try {
            BigDecimal d = v instanceof String s ? new BigDecimal(s.trim()) : v instanceof Number n ? new BigDecimal(PricingJson.number(n)) : null;
            if (d == null) throw new NumberFormatException();
            if (d.signum() < 0 || d.precision() - d.scale() > 15 || d.scale() > 4) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw ApiException.badRequest("field '" + field + "' must be a non-negative decimal string like \"123.45\" (at most 4 decimals)");
        }
    }

    static BigDecimal requiredMoney(JsonObject o, String field) {
        BigDecimal d = money(o, field);
        if (d == null) throw ApiException.badRequest("field '" + field + "' is required (a decimal string)");
        return d;
    }

    static Jurisdiction jurisdiction(String s) {
        try {
            return Jurisdiction.parse(s);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("jurisdiction '" + s + "' is not ISO 3166 like GB or US-CA");
        }
    }

    static void period(LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) throw ApiException.badRequest("'from' must be before 'to' (to is exclusive)");
        if (ChronoUnit.DAYS.between(from, to) > PricingApi.MAX_PERIOD_DAYS) throw ApiException.badRequest("period longer than " + PricingApi.MAX_PERIOD_DAYS + " days");
    }

    static Map<String, String> declared(Object inputs) {
        if (inputs == null) return Map.of();
        if (!(inputs instanceof JsonObject o)) throw ApiException.badRequest("field 'inputs' must be an object of declared plan variables");
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : o.fieldNames()) {
            Object v = o.getValue(k);
            if (v instanceof Number n) out.put(k, PricingJson.number(n));
            else if (v instanceof String s) out.put(k, s);
            else throw ApiException.badRequest("inputs." + k + " must be a number or a string");
        }
        return out;
    }
    /**
     * Parses a CSV request body with the platform's one reader: the charset from the Content-Type's {@code charset}
     * parameter (UTF-8 when absent, a byte order mark wins), {@code ,} or {@code ;} with decimal commas, quoted
     * fields; anything wrong is a 400 naming line and column.
     */
    static DataTable csvTable(CsvUpload upload) {
        try {
            DataTable t = DataTable.readCsv(upload.bytes(), Csv.charsetOfContentType(upload.contentType()), CsvLimits.DEFAULT);
            if (t.rows() == 0) throw ApiException.badRequest("CSV has a header but no data rows");
            return t;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("CSV: " + e.getMessage());
        }
    }

}
