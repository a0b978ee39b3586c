package io.telerisk.pricing.cli;

import io.telerisk.model.summary.DailyUsage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a vehicle's driving usage ({@link DailyUsage} rows) from a daily-summary file: CSV or JSON as
 * {@link SummaryFile} describes, e.g. the hub's {@code daily-usage} answer saved as is. Fields are the record's:
 * {@code deviceId}, {@code day}, {@code distanceKm}, {@code nightDistanceKm}, {@code speedingDistanceKm},
 * {@code urbanDistanceKm} (km that day; optional {@code ruralDistanceKm} and {@code motorwayDistanceKm}, 0 when absent:
 * km beyond urban + rural + motorway are of unknown road class), {@code drivingTime} (ISO-8601, {@code PT45M}) or {@code drivingTimeS}
 * (seconds), {@code trips}, {@code harshBrakes}, {@code harshAccelerations}, {@code harshCorners}; {@code tenant} is
 * optional. Values outside what a day can hold (more than {@value #MAX_KM_PER_DAY} km, more than 24 h of driving) are
 * refused as probably in another unit. Every bad row is reported with its row and reason; a file with any bad row is
 * refused as a whole, so no day is silently lost.
 */
public final class UsageFile {
    /** Columns a driving usage file must have (besides drivingTime or drivingTimeS). */
    static final List<String> REQUIRED = List.of("deviceId", "day", "distanceKm", "nightDistanceKm", "speedingDistanceKm",
            "urbanDistanceKm", "trips", "harshBrakes", "harshAccelerations", "harshCorners");
    /** About 24 h at 200 km/h: a larger day is in another unit (metres, say). */
    static final double MAX_KM_PER_DAY = 5000;
    static final int MAX_TRIPS_PER_DAY = 500, MAX_EVENTS_PER_DAY = 10_000;
    private static final int SECONDS_PER_DAY = 86_400;

    private UsageFile() {}

    public static List<DailyUsage> read(Path file) throws IOException {
        return from(SummaryFile.read(file));
    }

    static List<DailyUsage> from(SummaryFile f) {
        f.require(REQUIRED, "driving usage");
        f.requireOneOf(List.of("drivingTimeS", "drivingTime"), "driving usage (seconds, or ISO-8601 like PT45M)");
        List<DailyUsage> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (SummaryFile.Row r : f.rows()) {
            try {
                out.add(new DailyUsage(r.id("tenant", "local"), r.id("deviceId"), r.day("day"),
                        r.number("distanceKm", 0, MAX_KM_PER_DAY, "km in a day"), r.number("nightDistanceKm", 0, MAX_KM_PER_DAY, "km in a day"),
                        r.number("speedingDistanceKm", 0, MAX_KM_PER_DAY, "km in a day"), r.number("urbanDistanceKm", 0, MAX_KM_PER_DAY, "km in a day"),
                        orZero(r.optionalNumber("ruralDistanceKm", 0, MAX_KM_PER_DAY, "km in a day")),
                        orZero(r.optionalNumber("motorwayDistanceKm", 0, MAX_KM_PER_DAY, "km in a day")),
                        drivingTime(r), r.count("trips", MAX_TRIPS_PER_DAY, "trips in a day"),
                        r.count("harshBrakes", MAX_EVENTS_PER_DAY, "events in a day"),
                        r.count("harshAccelerations", MAX_EVENTS_PER_DAY, "events in a day"),
                        r.count("harshCorners", MAX_EVENTS_PER_DAY, "events in a day")));
            } catch (IllegalArgumentException e) {
                errors.add(r.where() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) throw BadSummaryFile.rows(f.path(), errors);
        return out;
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    private static Duration drivingTime(SummaryFile.Row r) {
        String iso = r.raw("drivingTime");
        if (iso == null) return Duration.ofMillis(Math.round(r.number("drivingTimeS", 0, SECONDS_PER_DAY, "seconds in a day") * 1000));
        Duration d;
        try {
            d = Duration.parse(iso.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("drivingTime " + SummaryFile.quote(iso) + " is not an ISO-8601 duration like PT45M");
        }
        if (d.isNegative() || d.toSeconds() > SECONDS_PER_DAY) throw new IllegalArgumentException("drivingTime " + d + " is not within a day");
        return d;
    }
}
