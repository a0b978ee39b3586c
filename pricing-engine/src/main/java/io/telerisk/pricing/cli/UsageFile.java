package io.telerisk.pricing.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telerisk.model.summary.DailyUsage;
import io.telerisk.pricing.glm.DataTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads DailyUsage rows from CSV (header with the record's field names; drivingTime as ISO-8601 duration or
 * drivingTimeS in seconds) or from a JSON array of objects with the same fields. Every bad row is reported with
 * its line or index and the reason; a file with any bad row is refused as a whole so no day is silently lost.
 */
public final class UsageFile {
    private static final int MAX_REPORTED = 20;

    private UsageFile() {}

    /** Thrown when rows are bad: {@link #errors()} has one entry per bad row. */
    public static final class BadUsageFile extends RuntimeException {
        private final transient List<String> errors;

        BadUsageFile(Path file, List<String> errors) {
            super(file + ": " + errors.size() + " bad row(s)\n  " + String.join("\n  ", errors.subList(0, Math.min(MAX_REPORTED, errors.size())))
                    + (errors.size() > MAX_REPORTED ? "\n  ..." : ""));
            this.errors = List.copyOf(errors);
        }

        public List<String> errors() { return errors; }
    }

    public static List<DailyUsage> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") ? readJson(file) : readCsv(file);
    }

    static List<DailyUsage> readCsv(Path file) throws IOException {
        DataTable t;
        try {
            t = DataTable.readCsv(file);
        } catch (IllegalArgumentException e) {
            throw new BadUsageFile(file, List.of(e.getMessage()));
        }
        for (String c : List.of("tenant", "deviceId", "day", "distanceKm", "nightDistanceKm", "speedingDistanceKm", "urbanDistanceKm",
                "trips", "harshBrakes", "harshAccelerations", "harshCorners")) {
            if (!t.has(c)) throw new BadUsageFile(file, List.of("missing column '" + c + "' (have " + t.names() + ")"));
        }
        if (!t.has("drivingTime") && !t.has("drivingTimeS")) throw new BadUsageFile(file, List.of("missing column 'drivingTime' or 'drivingTimeS'"));
        List<DailyUsage> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            int row = i;
            try {
                out.add(new DailyUsage(t.text("tenant")[i], t.text("deviceId")[i], LocalDate.parse(t.text("day")[i]),
                        num(t, "distanceKm", row), num(t, "nightDistanceKm", row), num(t, "speedingDistanceKm", row),
                        num(t, "urbanDistanceKm", row), t.has("drivingTime") ? Duration.parse(t.text("drivingTime")[i])
                        : Duration.ofMillis(Math.round(num(t, "drivingTimeS", row) * 1000)), integer(t, "trips", row),
                        integer(t, "harshBrakes", row), integer(t, "harshAccelerations", row), integer(t, "harshCorners", row)));
            } catch (RuntimeException e) {
                errors.add("data row " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) throw new BadUsageFile(file, errors);
        return out;
    }

    private static double num(DataTable t, String c, int row) {
        String s = t.text(c)[row];
        try {
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d)) throw new IllegalArgumentException(c + " is not finite: '" + s + "'");
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(c + " is not a number: '" + s + "'");
        }
    }

    private static int integer(DataTable t, String c, int row) {
        String s = t.text(c)[row];
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(c + " is not an integer: '" + s + "'");
        }
    }

    static List<DailyUsage> readJson(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadUsageFile(file, List.of("malformed JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isArray()) throw new BadUsageFile(file, List.of("expected a JSON array of DailyUsage objects"));
        List<DailyUsage> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            try {
                Duration driving = n.hasNonNull("drivingTime") ? Duration.parse(text(n, "drivingTime"))
                        : Duration.ofMillis(Math.round(number(n, "drivingTimeS") * 1000));
                out.add(new DailyUsage(text(n, "tenant"), text(n, "deviceId"), LocalDate.parse(text(n, "day")), number(n, "distanceKm"),
                        number(n, "nightDistanceKm"), number(n, "speedingDistanceKm"), number(n, "urbanDistanceKm"), driving,
                        (int) number(n, "trips"), (int) number(n, "harshBrakes"), (int) number(n, "harshAccelerations"), (int) number(n, "harshCorners")));
            } catch (RuntimeException e) {
                errors.add("[" + i + "]: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) throw new BadUsageFile(file, errors);
        return out;
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException(f + " must be a string");
        return v.textValue();
    }

    private static double number(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || !v.isNumber()) throw new IllegalArgumentException(f + " must be a number");
        return v.doubleValue();
    }
}
