package io.telerisk.hub.api;

import io.telerisk.hub.config.ConfigSource;
import io.telerisk.hub.store.Aggregate;
import io.telerisk.model.DeviceType;
import io.telerisk.model.topic.Topic;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * Validation of request parameters. Every parser either returns a clean value or throws a 400
 * {@link ApiException} naming the parameter and the accepted form; echoed values are shortened so a hostile
 * string cannot bloat the response.
 */
final class Params {
    /** Instants before this or after {@link #LATEST} are rejected: no device measured then, and backends overflow. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private Params() {
    }

    /** At most the first 64 characters of a value, for error messages. */
    static String echo(String s) {
        if (s == null) return "null";
        String t = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        StringBuilder b = new StringBuilder(t.length());
        for (char c : t.toCharArray()) b.append(c < 0x20 || c == 0x7f ? '?' : c);
        return b.toString();
    }

    /** The single value of a query parameter, or null; more than one value is an error. */
    static String query(RoutingContext ctx, String name) {
        List<String> v = ctx.queryParam(name);
        if (v.isEmpty()) return null;
        if (v.size() > 1) throw ApiException.badRequest("parameter '" + name + "' given more than once");
        String s = v.get(0);
        if (s.length() > 256) throw ApiException.badRequest("parameter '" + name + "' is longer than 256 characters");
        return s;
    }

    static String requiredQuery(RoutingContext ctx, String name) {
        String s = query(ctx, name);
        if (s == null || s.isBlank()) throw ApiException.badRequest("parameter '" + name + "' is required");
        return s;
    }

    static DeviceType deviceType(String s) {
        try {
            return DeviceType.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown device type '" + echo(s) + "' (expected vehicle, wearable or farm-sensor)");
        }
    }

    /** A tenant, device id, username or claim id: 1-64 of {@code [A-Za-z0-9._-]}. */
    static String segment(String what, String s) {
        if (!Topic.isValidSegment(s)) {
            throw ApiException.badRequest("invalid " + what + " '" + echo(s) + "': 1-64 characters of [A-Za-z0-9._-]");
        }
        return s;
    }

    static Instant instant(String name, String s) {
        Instant t;
        try {
            t = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.badRequest("parameter '" + name + "' = '" + echo(s)
                    + "' is not an ISO-8601 instant like 2026-01-31T08:00:00Z");
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw ApiException.badRequest("parameter '" + name + "' = '" + echo(s) + "' is outside 1970..2200");
        }
        return t;
    }

    /** A [from, to) range of instants; to defaults to now, from to {@code to - defaultSpan}. */
    static Range range(RoutingContext ctx, Instant now, Duration defaultSpan) {
        String f = query(ctx, "from");
        String t = query(ctx, "to");
        Instant to = t == null ? now : instant("to", t);
        Instant from = f == null ? to.minus(defaultSpan) : instant("from", f);
        if (!from.isBefore(to)) throw ApiException.badRequest("'from' (" + from + ") must be before 'to' (" + to + ")");
        return new Range(from, to);
    }

    /** A [from, to) range of calendar days, both required. */
    static DayRange days(RoutingContext ctx, int maxDays) {
        LocalDate from = date("from", requiredQuery(ctx, "from"));
        LocalDate to = date("to", requiredQuery(ctx, "to"));
        if (!from.isBefore(to)) throw ApiException.badRequest("'from' (" + from + ") must be before 'to' (" + to + "); 'to' is exclusive");
        if (from.plusDays(maxDays).isBefore(to)) throw ApiException.badRequest("at most " + maxDays + " days per request");
        return new DayRange(from, to);
    }

    static LocalDate date(String name, String s) {
        try {
            LocalDate d = LocalDate.parse(s);
            if (d.getYear() < 1970 || d.getYear() > 2199) throw ApiException.badRequest("parameter '" + name + "' = '" + echo(s) + "' is outside 1970..2199");
            return d;
        } catch (DateTimeException e) {
            throw ApiException.badRequest("parameter '" + name + "' = '" + echo(s) + "' is not a date like 2026-01-31");
        }
    }

    static int limit(RoutingContext ctx, int def, int max) {
        return intParam(ctx, "limit", def, 1, max);
    }

    static int intParam(RoutingContext ctx, String name, int def, int min, int max) {
        String s = query(ctx, name);
        if (s == null) return def;
        long v;
        try {
            v = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("parameter '" + name + "' = '" + echo(s) + "' is not an integer");
        }
        if (v < min || v > max) throw ApiException.badRequest("parameter '" + name + "' must be in " + min + ".." + max + ", got " + v);
        return (int) v;
    }

    static Duration bucket(String s) {
        Duration d = ConfigSource.parseDuration(s);
        if (d == null) throw ApiException.badRequest("parameter 'bucket' = '" + echo(s) + "' is not a duration like 10s, 5m, 1h, 1d or PT15M");
        if (d.compareTo(Duration.ofSeconds(1)) < 0) throw ApiException.badRequest("parameter 'bucket' must be at least 1s");
        if (d.compareTo(Duration.ofDays(366)) > 0) throw ApiException.badRequest("parameter 'bucket' must be at most 366d");
        return d;
    }

    static Aggregate aggregate(String s) {
        if (s == null) return Aggregate.MEAN;
        for (Aggregate a : Aggregate.values()) {
            if (a.name().equalsIgnoreCase(s)) return a;
        }
        throw ApiException.badRequest("parameter 'agg' = '" + echo(s) + "' is not one of mean, min, max, sum, count");
    }

    /** The JSON object body of a request. */
    static JsonObject body(RoutingContext ctx) {
        JsonObject o;
        try {
            o = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            throw ApiException.badRequest("request body is not a JSON object");
        }
        if (o == null) throw ApiException.badRequest("request body must be a JSON object");
        return o;
    }

    static String string(JsonObject o, String field, boolean required) {
        Object v = o.getValue(field);
        if (v == null) {
            if (required) throw ApiException.badRequest("field '" + field + "' is required");
            return null;
        }
        if (!(v instanceof String s)) throw ApiException.badRequest("field '" + field + "' must be a string");
        return s;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** A half-open range of instants. */
    record Range(Instant from, Instant to) {
    }

    /** A half-open range of days. */
    record DayRange(LocalDate from, LocalDate toExclusive) {
    }
}
