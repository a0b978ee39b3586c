package io.telerisk.pricing.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telerisk.pricing.glm.DataTable;

import io.telerisk.model.csv.Csv;
import io.telerisk.model.csv.CsvFormatException;
import io.telerisk.model.csv.CsvLimits;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file of daily summaries as the command line reads it, before it becomes {@code DailyUsage} or {@code WearableDay}
 * rows: CSV with a header row of field names, or JSON (told apart by the first character, not the file name): an
 * array of objects, or the hub's summary answer {@code {"items": [...]}} saved from
 * {@code GET /api/v1/devices/.../daily-usage} or {@code .../wearable-days}. Values are read field by field with errors
 * that name the row, the field and the expected unit, and quote the value {@linkplain #quote safely}: a hostile file
 * cannot inject terminal escapes or bidirectional overrides into the error output. Files above {@link #MAX_BYTES} are
 * refused unread (a quote period's summaries are a few hundred kilobytes at most).
 */
final class SummaryFile {
    /** Largest file read: about 100,000 days of summaries. */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    /** Tenant and device ids: as the hub allows them (an MQTT topic segment). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** A plain decimal number: no units, no hex, no "NaN"/"Infinity", no Java suffixes like "10d". */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d{1,3})?");
    private static final int QUOTE_MAX_CHARS = 40;

    /** What the columns say the file holds. */
    enum Kind { DRIVING, WEARABLE, UNKNOWN }

    private final Path path;
    private final Set<String> fields;
    private final List<Row> rows;

    private SummaryFile(Path path, Set<String> fields, List<Row> rows) {
        this.path = path;
        this.fields = fields;
        this.rows = rows;
    }

    Path path() { return path; }

    List<Row> rows() { return rows; }

    boolean has(String field) { return fields.contains(field); }

    /** Driving when there is a {@code distanceKm} column, wearable when there is {@code steps} or {@code wornMinutes}. */
    Kind kind() {
        boolean driving = has("distanceKm"), wearable = has("steps") || has("wornMinutes");
        return driving == wearable ? Kind.UNKNOWN : driving ? Kind.DRIVING : Kind.WEARABLE;
    }

    /**
     * Refuses the file unless it has every one of {@code required}, naming what is missing and what is there. An empty
     * JSON array (nothing driven or worn) has no fields and nothing to misread, so it passes.
     */
    void require(Collection<String> required, String what) {
        if (fields.isEmpty() && rows.isEmpty()) return;
        List<String> missing = required.stream().filter(c -> !has(c)).toList();
        if (!missing.isEmpty()) {
            throw BadSummaryFile.of(path, "missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " for " + what + " (the file has " + columns() + ")");
        }
    }

    /** As {@link #require}, for columns of which one suffices (e.g. a duration in either of two forms). */
    void requireOneOf(Collection<String> alternatives, String what) {
        if (fields.isEmpty() && rows.isEmpty()) return;
        if (alternatives.stream().noneMatch(this::has)) {
            throw BadSummaryFile.of(path, "missing column " + String.join(" or ", alternatives) + " for " + what + " (the file has " + columns() + ")");
        }
    }

    private String columns() {
        return fields.isEmpty() ? "no columns" : fields.stream().map(SummaryFile::quote).toList().toString();
    }

    static SummaryFile read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads a summary file: a byte order mark (UTF-8, UTF-16) decides its encoding, else {@code charset} (the
     * command line's {@code --encoding}, e.g. GBK for a CSV saved by Chinese Excel), else UTF-8; decoded by the
     * platform's one CSV reader ({@link Csv}), so the same dialects pass here as in every other CSV input.
     */
    static SummaryFile read(Path file, Charset charset) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw BadSummaryFile.of(file, "no such file");
        }
        if (size > MAX_BYTES) {
            throw BadSummaryFile.of(file, size + " bytes is more than the " + MAX_BYTES + " a file of daily summaries may have");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = Csv.text(bytes, charset);
        } catch (CsvFormatException e) {
            throw BadSummaryFile.of(file, "not " + (charset == null ? "UTF-8" : charset.name()) + " text at line " + e.line()
                    + " (export the summaries as CSV or JSON" + (charset == null ? "; for another encoding say which: --encoding GBK" : "") + ")");
        }
        String start = text.stripLeading();
        if (start.isEmpty()) throw BadSummaryFile.of(file, "empty file: expected a CSV header row or a JSON array");
        return start.charAt(0) == '[' || start.charAt(0) == '{' ? json(file, text) : csv(file, bytes, charset);
    }

    private static SummaryFile csv(Path file, byte[] bytes, Charset charset) {
        DataTable t;
        try {
            t = DataTable.readCsv(bytes, charset, CsvLimits.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw BadSummaryFile.of(file, printable(String.valueOf(e.getMessage()).replace(file + ": ", "").replace(file.toString(), "")));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            Map<String, Object> values = new HashMap<>();
            for (String c : t.names()) {
                String v = t.plainNumber(c, i);
                values.put(c, v.isEmpty() ? null : v);
            }
            rows.add(new Row("data row " + (i + 1), values));
        }
        return new SummaryFile(file, new LinkedHashSet<>(t.names()), rows);
    }

    private static SummaryFile json(Path file, String text) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw BadSummaryFile.of(file, "malformed JSON: " + printable(e.getOriginalMessage()));
        }
        if (root != null && root.isObject() && root.get("items") != null) root = root.get("items");
        if (root == null || !root.isArray()) {
            throw BadSummaryFile.of(file, "expected a JSON array of daily summaries, or an object with an \"items\" array (as the hub answers)");
        }
        Set<String> fields = new LinkedHashSet<>();
        List<Row> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            if (!n.isObject()) {
                errors.add("[" + i + "]: expected an object with the day's fields, got " + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
                continue;
            }
            Map<String, Object> values = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.add(f.getKey());
                JsonNode v = f.getValue();
                values.put(f.getKey(), v.isNull() ? null : v.isValueNode() && !v.isBoolean() ? v.asText() : Row.NOT_A_VALUE);
            }
            rows.add(new Row("[" + i + "]", values));
        }
        if (!errors.isEmpty()) throw BadSummaryFile.rows(file, errors);
        return new SummaryFile(file, fields, rows);
    }

    /**
     * {@code s} in single quotes for an error message: control, format (e.g. bidirectional override) and other
     * invisible characters as {@code \\uXXXX}, at most {@value #QUOTE_MAX_CHARS} characters.
     */
    static String quote(String s) {
        if (s == null) return "(empty)";
        StringBuilder b = new StringBuilder("'");
        int shown = 0, i = 0;
        while (i < s.length() && shown < QUOTE_MAX_CHARS) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendVisible(b, cp);
            shown++;
        }
        if (i < s.length()) b.append("…");
        return b.append('\'').toString();
    }

    /** {@code s} with invisible characters escaped and cut to 300 characters: for messages that embed file content. */
    static String printable(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length() && b.length() < 300) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') b.append(' ');
            else appendVisible(b, cp);
        }
        if (i < s.length()) b.append("…");
        return b.toString();
    }

    private static void appendVisible(StringBuilder b, int cp) {
        int type = Character.getType(cp);
        if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            if (cp > 0xFFFF) b.append(String.format("\\U%08x", cp));
            else b.append(String.format("\\u%04x", cp));
        } else {
            b.appendCodePoint(cp);
        }
    }

    /** One day's fields, read with typed accessors that throw {@link IllegalArgumentException} naming field and unit. */
    static final class Row {
        /** Marks a JSON object, array or boolean where a value was expected. */
        static final Object NOT_A_VALUE = new Object();

        private final String where;
        private final Map<String, Object> values;

        Row(String where, Map<String, Object> values) {
            this.where = where;
            this.values = values;
        }

        /** "data row 3" (CSV, counting data rows from 1) or "[2]" (JSON index). */
        String where() { return where; }

        /** The raw value, or {@code null} when absent or empty. */
        String raw(String field) {
            Object v = values.get(field);
            if (v == NOT_A_VALUE) throw new IllegalArgumentException(field + " must be a number or a string, not an object, array or boolean");
            return (String) v;
        }

        private String required(String field) {
            String v = raw(field);
            if (v == null || v.isBlank()) throw new IllegalArgumentException(field + " is empty");
            return v.trim();
        }

        /** A tenant or device id: 1-64 characters of [A-Za-z0-9._-], as the hub allows. */
        String id(String field) {
            String v = required(field);
            if (!ID.matcher(v).matches()) throw new IllegalArgumentException(field + " " + quote(v) + " is not 1-64 characters of [A-Za-z0-9._-]");
            return v;
        }

        /** An optional id, {@code def} when absent. */
        String id(String field, String def) {
            return raw(field) == null ? def : id(field);
        }

        LocalDate day(String field) {
            String v = required(field);
            try {
                return LocalDate.parse(v);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(field + " " + quote(v) + " is not a date YYYY-MM-DD");
            }
        }

        /** A number in [min, max] of {@code unit}; the range catches values given in another unit. */
        double number(String field, double min, double max, String unit) {
            return checked(field, parse(field, required(field), unit), min, max, unit);
        }

        /** As {@link #number}, {@code null} when empty (e.g. no resting heart rate that day). */
        Double optionalNumber(String field, double min, double max, String unit) {
            String v = raw(field);
            return v == null || v.isBlank() ? null : checked(field, parse(field, v.trim(), unit), min, max, unit);
        }

        /** A whole number in [0, max] of {@code unit} ("3" or "3.0", not "2.5"). */
        int count(String field, int max, String unit) {
            double d = number(field, 0, max, unit);
            if (d != Math.rint(d)) throw new IllegalArgumentException(field + " " + quote(raw(field)) + " is not a whole number of " + unit);
            return (int) d;
        }

        private static double parse(String field, String v, String unit) {
            if (!DECIMAL.matcher(v).matches()) {
                throw new IllegalArgumentException(field + " " + quote(v) + " is not a plain number (" + unit + ", without a unit sign)");
            }
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) throw new IllegalArgumentException(field + " " + quote(v) + " is out of range");
            return d;
        }

        private static double checked(String field, double d, double min, double max, String unit) {
            if (d < min || d > max) {
                throw new IllegalArgumentException(field + " " + fmt(d) + " is outside " + fmt(min) + ".." + fmt(max) + " " + unit
                        + ": is it in another unit?");
            }
            return d;
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
