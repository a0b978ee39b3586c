package io.telerisk.sim.publish;

import java.util.Locale;

/**
 * A publishing rate for the whole fleet: messages per second or points (samples) per second, or unlimited.
 *
 * @param perSecond amount per second (ignored when unlimited)
 * @param unit      what is counted
 */
public record Rate(double perSecond, Unit unit) {
    /** What a rate counts. */
    public enum Unit { MESSAGES, POINTS, UNLIMITED }

    public Rate {
        if (unit != Unit.UNLIMITED && !(perSecond > 0 && Double.isFinite(perSecond))) {
            throw new IllegalArgumentException("rate must be a positive number per second: " + perSecond);
        }
    }

    public static Rate messagesPerSecond(double n) {
        return new Rate(n, Unit.MESSAGES);
    }

    public static Rate pointsPerSecond(double n) {
        return new Rate(n, Unit.POINTS);
    }

    public static Rate unlimited() {
        return new Rate(0, Unit.UNLIMITED);
    }

    /** Parses {@code 500} or {@code 500msg/s} (messages), {@code 20000pts/s} (points), or {@code max}. */
    public static Rate parse(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.equals("max") || t.equals("unlimited")) return unlimited();
        Unit u = Unit.MESSAGES;
        if (t.endsWith("pts/s") || t.endsWith("points/s")) {
            u = Unit.POINTS;
            t = t.substring(0, t.indexOf('p'));
        } else if (t.endsWith("msg/s") || t.endsWith("messages/s")) {
            t = t.substring(0, t.indexOf('m'));
        } else if (t.endsWith("/s")) {
            throw new IllegalArgumentException("rate '" + s + "': unit must be msg/s or pts/s");
        }
        try {
            return new Rate(Double.parseDouble(t), u);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate '" + s + "' is not like 500, 500msg/s, 20000pts/s or max");
        }
    }

    /** This rate split evenly over {@code shards}. */
    public Rate share(int shards) {
        return unit == Unit.UNLIMITED ? this : new Rate(perSecond / shards, unit);
    }

    @Override
    public String toString() {
        return unit == Unit.UNLIMITED ? "max" : perSecond + (unit == Unit.POINTS ? "pts/s" : "msg/s");
    }
}
