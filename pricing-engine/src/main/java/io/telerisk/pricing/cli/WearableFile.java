package io.telerisk.pricing.cli;

import io.telerisk.model.summary.WearableDay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a wearable's daily summaries ({@link WearableDay} rows) for wellness plans from a daily-summary file: CSV or
 * JSON as {@link SummaryFile} describes, e.g. the hub's {@code wearable-days} answer saved as is. Columns:
 * {@code deviceId}, {@code day}, {@code steps} (that day), {@code activeMinutes}, {@code wornMinutes} (minutes with any
 * reading), {@code restingHeartRateBpm} (beats per minute; the column is required, a cell may be empty on days without
 * an estimate); optional {@code tenant}, {@code sleepMinutes} and {@code meanSpo2Percent} (not rated). Values a day
 * cannot hold (more than 1440 minutes, a resting heart rate outside 25-220 bpm, SpO2 as a fraction) are refused as
 * probably in another unit. Only daily aggregates: a file of raw samples has none of these columns and is refused.
 */
public final class WearableFile {
    /** Columns a wearable file must have. */
    static final List<String> REQUIRED = List.of("deviceId", "day", "steps", "activeMinutes", "restingHeartRateBpm", "wornMinutes");
    static final int MAX_STEPS_PER_DAY = 200_000, MINUTES_PER_DAY = 1440;

    private WearableFile() {}

    public static List<WearableDay> read(Path file) throws IOException {
        return from(SummaryFile.read(file));
    }

    static List<WearableDay> from(SummaryFile f) {
        f.require(REQUIRED, "wearable days");
        List<WearableDay> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (SummaryFile.Row r : f.rows()) {
            try {
                String minutes = "minutes in a day";
                out.add(new WearableDay(r.id("tenant", "local"), r.id("deviceId"), r.day("day"),
                        r.count("steps", MAX_STEPS_PER_DAY, "steps in a day"), r.count("activeMinutes", MINUTES_PER_DAY, minutes),
                        r.optionalNumber("restingHeartRateBpm", 25, 220, "beats per minute"),
                        r.raw("sleepMinutes") == null ? 0 : r.count("sleepMinutes", MINUTES_PER_DAY, minutes),
                        r.optionalNumber("meanSpo2Percent", 50, 100, "percent"), r.count("wornMinutes", MINUTES_PER_DAY, minutes)));
            } catch (IllegalArgumentException e) {
                errors.add(r.where() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) throw BadSummaryFile.rows(f.path(), errors);
        return out;
    }
}
