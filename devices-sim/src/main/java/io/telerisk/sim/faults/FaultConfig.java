package io.telerisk.sim.faults;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Fault rates, each a probability per valid envelope, drawn from a seeded stream separate from the data, so
 * turning faults on or off never changes the generated telemetry.
 *
 * @param duplicate      resend the same envelope (same bytes, same sequence) right after it
 * @param reorder        hold the envelope back and send it after the next 1..{@code maxReorderDepth} envelopes
 * @param offline        before the envelope, disconnect for a simulated gap in [{@code minOffline}, {@code maxOffline}]
 *                       and send the backlog after reconnecting
 * @param malformed      before the envelope, send a bad message (garbage bytes, wrong types, NaN, future timestamp)
 *                       with a sequence number of its own
 * @param maxReorderDepth how many envelopes a held-back envelope may be overtaken by (≥ 1)
 * @param minOffline     shortest offline gap (simulated time)
 * @param maxOffline     longest offline gap (simulated time)
 */
public record FaultConfig(double duplicate, double reorder, double offline, double malformed, int maxReorderDepth,
                          Duration minOffline, Duration maxOffline) {
    /** No faults. */
    public static final FaultConfig NONE = new FaultConfig(0, 0, 0, 0, 3, Duration.ofMinutes(5), Duration.ofMinutes(60));

    public FaultConfig {
        check("duplicate", duplicate);
        check("reorder", reorder);
        check("offline", offline);
        check("malformed", malformed);
        if (maxReorderDepth < 1) throw new IllegalArgumentException("maxReorderDepth must be ≥ 1: " + maxReorderDepth);
        Objects.requireNonNull(minOffline, "minOffline");
        Objects.requireNonNull(maxOffline, "maxOffline");
        if (minOffline.isNegative() || maxOffline.compareTo(minOffline) < 0) {
            throw new IllegalArgumentException("offline gap range invalid: " + minOffline + ".." + maxOffline);
        }
    }

    private static void check(String name, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("fault rate " + name + "=" + p + " is not a probability in [0, 1]");
    }

    public boolean any() {
        return duplicate > 0 || reorder > 0 || offline > 0 || malformed > 0;
    }

    public FaultConfig withDuplicate(double p) {
        return new FaultConfig(p, reorder, offline, malformed, maxReorderDepth, minOffline, maxOffline);
    }

    public FaultConfig withReorder(double p) {
        return new FaultConfig(duplicate, p, offline, malformed, maxReorderDepth, minOffline, maxOffline);
    }

    public FaultConfig withOffline(double p) {
        return new FaultConfig(duplicate, reorder, p, malformed, maxReorderDepth, minOffline, maxOffline);
    }

    public FaultConfig withMalformed(double p) {
        return new FaultConfig(duplicate, reorder, offline, p, maxReorderDepth, minOffline, maxOffline);
    }

    public FaultConfig withOfflineRange(Duration min, Duration max) {
        return new FaultConfig(duplicate, reorder, offline, malformed, maxReorderDepth, min, max);
    }

    /**
     * Parses {@code dup=0.01,reorder=0.01,offline=0.001,malformed=0.005} (keys: dup|duplicate, reorder, offline,
     * malformed|bad, depth, offlineMin, offlineMax as ISO-8601 or 10m/2h/30s). Empty or "none" means no faults.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static FaultConfig parse(String spec) {
        FaultConfig f = NONE;
        if (spec == null || spec.isBlank() || spec.equalsIgnoreCase("none")) return f;
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("fault entry '" + p + "' must be key=value");
            String k = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String v = p.substring(eq + 1).strip();
            try {
                f = switch (k) {
                    case "dup", "duplicate" -> f.withDuplicate(Double.parseDouble(v));
                    case "reorder" -> f.withReorder(Double.parseDouble(v));
                    case "offline" -> f.withOffline(Double.parseDouble(v));
                    case "malformed", "bad" -> f.withMalformed(Double.parseDouble(v));
                    case "depth" -> new FaultConfig(f.duplicate, f.reorder, f.offline, f.malformed, Integer.parseInt(v), f.minOffline, f.maxOffline);
                    case "offlinemin" -> f.withOfflineRange(parseDuration(v), f.maxOffline.compareTo(parseDuration(v)) < 0 ? parseDuration(v) : f.maxOffline);
                    case "offlinemax" -> f.withOfflineRange(f.minOffline.compareTo(parseDuration(v)) > 0 ? parseDuration(v) : f.minOffline, parseDuration(v));
                    default -> throw new IllegalArgumentException("unknown fault '" + k + "' (expected dup, reorder, offline, malformed, depth, offlineMin, offlineMax)");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault entry '" + p + "': '" + v + "' is not a number");
            }
        }
        return f;
    }

    /** Parses 90s, 10m, 2h, 7d or an ISO-8601 duration (PT10M). */
    public static Duration parseDuration(String s) {
        String t = s.strip();
        if (t.isEmpty()) throw new IllegalArgumentException("empty duration");
        if (t.startsWith("P") || t.startsWith("p")) return Duration.parse(t.toUpperCase(Locale.ROOT));
        char unit = Character.toLowerCase(t.charAt(t.length() - 1));
        String num = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
        double n;
        try {
            n = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + s + "' is not like 90s, 10m, 2h, 7d or PT10M");
        }
        double seconds = switch (unit) {
            case 's' -> n;
            case 'm' -> n * 60;
            case 'h' -> n * 3600;
            case 'd' -> n * 86400;
            default -> {
                if (Character.isDigit(unit)) yield n;
                throw new IllegalArgumentException("duration '" + s + "' has unknown unit '" + unit + "' (s, m, h, d)");
            }
        };
        if (seconds < 0) throw new IllegalArgumentException("negative duration: " + s);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
