package io.telerisk.claims.cli;

import io.telerisk.model.Acceleration;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import io.telerisk.model.csv.Csv;
import io.telerisk.model.csv.CsvDialect;
import io.telerisk.model.csv.CsvFormatException;
import io.telerisk.model.csv.CsvLimits;
import io.telerisk.model.csv.CsvLine;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a raw crash window from CSV: {@code time, ax, ay, az[, speed]} — time as an ISO-8601 instant or seconds
 * (decimal, epoch or relative), accelerations in m/s² in the vehicle frame with gravity as measured, speed in m/s
 * (empty when there is no GNSS speed for that row). An optional header line starting with {@code time} is skipped,
 * as are blank lines and lines starting with {@code #}. Read by the platform's one CSV reader, so a {@code ;}-separated
 * export with decimal commas, a byte order mark or CRLF line ends read as well. Every problem names its line.
 */
public final class WindowCsv {
    /** Bad CSV, with the 1-based line number. */
    public static final class BadCsvException extends Exception {
        private final int line;

        public BadCsvException(int line, String message) {
            super(line > 0 ? "line " + line + ": " + message : message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** A crash window is seconds of samples: 16 MiB is far above any real one. */
    private static final CsvLimits LIMITS = CsvLimits.DEFAULT.withMaxBytes(16L << 20);
    private static final double MAX_ACCEL_MPS2 = 50 * 9.80665 * 1.05, MAX_SPEED_MPS = 120;

    private WindowCsv() {
    }

    public static List<Sample> read(Path file) throws IOException, BadCsvException {
        try {
            return parse(Csv.readRecords(file, null, LIMITS));
        } catch (CsvFormatException e) {
            throw new BadCsvException(e.line(), e.getMessage().replaceFirst("^line \\d+: ", ""));
        }
    }

    /** Parses CSV bytes (UTF-8 unless a byte order mark says otherwise; {@code ,} or {@code ;} with decimal commas). */
    public static List<Sample> parse(byte[] csv) throws BadCsvException {
        try {
            return parse(Csv.readRecords(csv, null, LIMITS));
        } catch (CsvFormatException e) {
            throw new BadCsvException(e.line(), e.getMessage().replaceFirst("^line \\d+: ", ""));
        }
    }

    private static List<Sample> parse(Csv.Records records) throws BadCsvException {
        List<Sample> out = new ArrayList<>();
        Instant prev = null;
        CsvDialect d = records.dialect();
        for (CsvLine l : records.lines()) {
            int n = l.line();
            String first = l.get(0);
            if (first.startsWith("#")) continue;
            if (out.isEmpty() && prev == null && first.toLowerCase(java.util.Locale.ROOT).startsWith("time")) continue;
            if (l.size() != 4 && l.size() != 5) {
                throw new BadCsvException(n, "expected 4 or 5 columns (time, ax, ay, az, speed), got " + l.size());
            }
            Instant t = time(d.plainNumber(first), n);
            if (prev != null && !t.isAfter(prev)) throw new BadCsvException(n, "time " + t + " is not after the previous row's " + prev);
            prev = t;
            double ax = number(d.plainNumber(l.get(1)), "ax", n, MAX_ACCEL_MPS2), ay = number(d.plainNumber(l.get(2)), "ay", n, MAX_ACCEL_MPS2),
                    az = number(d.plainNumber(l.get(3)), "az", n, MAX_ACCEL_MPS2);
            Double speed = null;
            if (l.size() == 5 && !l.get(4).isBlank()) {
                speed = number(d.plainNumber(l.get(4)), "speed", n, MAX_SPEED_MPS);
                if (speed < 0) throw new BadCsvException(n, "speed " + speed + " m/s is negative");
            }
            out.add(new VehicleSample(t, null, speed, null, new Acceleration(ax, ay, az), null, null));
        }
        if (out.isEmpty()) throw new BadCsvException(0, "no samples in the window");
        return out;
    }

    private static Instant time(String v, int line) throws BadCsvException {
        if (v.isEmpty()) throw new BadCsvException(line, "time is empty");
        try {
            if (Character.isDigit(v.charAt(v.length() - 1)) && v.indexOf('T') < 0) {
                BigDecimal secs = new BigDecimal(v);
                if (secs.signum() < 0) throw new BadCsvException(line, "time " + v + " is negative");
                // checked on precision and scale, which cost nothing: expanding 1e999999999 or 1e-300000000 would not
                if (secs.precision() - secs.scale() > 12) throw new BadCsvException(line, "time " + quote(v) + " is beyond the year 33000");
                if (secs.scale() - secs.precision() > 9) secs = BigDecimal.ZERO; // below a nanosecond
                BigDecimal nanos = secs.remainder(BigDecimal.ONE).movePointRight(9);
                return Instant.ofEpochSecond(secs.longValue(), nanos.longValue());
            }
            return Instant.parse(v);
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            throw new BadCsvException(line, "time " + quote(v) + " is neither an ISO-8601 instant nor seconds");
        }
    }

    private static String quote(String v) {
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'";
    }

    private static double number(String v, String name, int line, double maxAbs) throws BadCsvException {
        String s = v.strip();
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadCsvException(line, name + " '" + s + "' is not a number");
        }
        if (!Double.isFinite(d)) throw new BadCsvException(line, name + " '" + s + "' is not finite");
        if (Math.abs(d) > maxAbs) throw new BadCsvException(line, name + " " + s + " is outside ±" + Math.round(maxAbs) + " (units: m/s² and m/s)");
        return d;
    }
}
