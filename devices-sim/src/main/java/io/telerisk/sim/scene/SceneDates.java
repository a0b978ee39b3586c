package io.telerisk.sim.scene;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Acquisition dates for a scene series, from a list ({@code 2026-05-01,2026-06-15}) or a revisit ({@code 5d}). */
public final class SceneDates {
    /** More dates than a few seasons of daily scenes is a typo, not a plan. */
    static final int MAX_DATES = 1000;

    private SceneDates() {
    }

    /** Parses comma-separated ISO dates; sorted, duplicates removed. */
    public static List<LocalDate> parseList(String csv) {
        TreeSet<LocalDate> out = new TreeSet<>();
        for (String part : csv.split(",")) {
            String s = part.strip();
            if (s.isEmpty()) continue;
            try {
                out.add(LocalDate.parse(s));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("scene date '" + s + "' is not an ISO date (YYYY-MM-DD)");
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no scene dates in '" + csv + "'");
        if (out.size() > MAX_DATES) throw new IllegalArgumentException("more than " + MAX_DATES + " scene dates");
        return List.copyOf(out);
    }

    /** Every {@code Nd} days from {@code first} to {@code last} inclusive (Sentinel-2 revisits every 5 days). */
    public static List<LocalDate> every(String spec, LocalDate first, LocalDate last) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (!s.matches("[0-9]{1,4}d")) throw new IllegalArgumentException("scene interval '" + spec + "' must look like 5d");
        int days = Integer.parseInt(s.substring(0, s.length() - 1));
        if (days < 1) throw new IllegalArgumentException("scene interval must be at least 1d");
        if (last.isBefore(first)) throw new IllegalArgumentException("scene span ends before it starts: " + first + " .. " + last);
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(days)) {
            if (out.size() == MAX_DATES) throw new IllegalArgumentException("more than " + MAX_DATES + " scene dates; use a longer interval");
            out.add(d);
        }
        return out;
    }
}
