package io.telerisk.hub.agri;

import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.model.Amounts;
import io.telerisk.model.topic.Topic;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading crop-credit request bodies and parameters, for the farmer's side ({@link AgriApi}) and the lender's desk
 * ({@link LenderApi}) alike: each wrong value is a 400 naming the field and what it should be, never a 500.
 */
final class AgriInput {
    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000");

    private AgriInput() {
    }

    static void requireAny(Principal p, Role... roles) {
        if (!p.hasAny(roles)) {
            List<String> names = new ArrayList<>();
            for (Role r : roles) names.add(r.wireName());
            throw AgriProblem.forbidden("requires role " + String.join(" or ", names));
        }
    }

    /** A string field, stripped; null when absent and not required. */
    static String text(JsonObject b, String name, boolean required) {
        Object v = b.getValue(name);
        if (v == null) {
            if (required) throw AgriProblem.badRequest(name + " is required");
            return null;
        }
        if (!(v instanceof String s)) throw AgriProblem.badRequest(name + " must be a string");
        if (s.isBlank()) throw AgriProblem.badRequest(name + " must not be blank");
        if (s.length() > 1000) throw AgriProblem.badRequest(name + " longer than 1000 characters");
        if (s.chars().anyMatch(Character::isISOControl)) throw AgriProblem.badRequest(name + " contains control characters");
        return s.strip();
    }

    /** An id with the same rule as topic segments, so a field, device or cover id is usable in topics and URLs alike. */
    static String id(JsonObject b, String name, boolean required) {
        String s = text(b, name, required);
        if (s != null && !Topic.isValidSegment(s)) throw AgriProblem.badRequest(name + " must be 1-64 characters of [A-Za-z0-9._-]");
        return s;
    }

    /** A required enum constant, case-insensitive, {@code -} for {@code _}. */
    static <E extends Enum<E>> E enumValue(Class<E> type, JsonObject b, String name) {
        List<String> ok = new ArrayList<>();
        for (E c : type.getEnumConstants()) ok.add(c.name());
        if (b.getValue(name) == null) throw AgriProblem.badRequest(name + " is required, one of " + ok);
        String s = text(b, name, true);
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw AgriProblem.badRequest(name + " '" + s + "' is not one of " + ok);
        }
    }

    /** A required calendar date (YYYY-MM-DD). */
    static LocalDate date(JsonObject b, String name) {
        String s = text(b, name, true);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw AgriProblem.badRequest(name + " '" + s + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** The {@code asOf} parameter, today (UTC, on the hub's clock) when absent. */
    static LocalDate asOf(Clock clock, String asOf) {
        if (asOf == null) return today(clock);
        try {
            return LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw AgriProblem.badRequest("asOf '" + asOf + "' is not a date (YYYY-MM-DD)");
        }
    }

    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static Instant instant(String name, String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw AgriProblem.badRequest(name + " '" + s + "' is not an ISO-8601 UTC instant (e.g. 2025-06-01T00:00:00Z)");
        }
    }

    /**
     * A money amount, a decimal string (or a JSON number): not negative, at most 2 decimals, at most 1,000,000,000; the
     * exponent is checked before any expansion ({@link Amounts}), so {@code 1e-300000000} is a short 400.
     */
    static BigDecimal amount(JsonObject b, String name, boolean required) {
        Object v = b.getValue(name);
        if (v == null) {
            if (required) throw AgriProblem.badRequest(name + " is required (a decimal string, e.g. \"250.00\")");
            return null;
        }
        try {
            BigDecimal a = v instanceof Number n ? Amounts.of(name, n) : Amounts.parse(name, v.toString());
            if (a.signum() < 0) throw AgriProblem.badRequest(name + " must not be negative");
            if (a.stripTrailingZeros().scale() > 2) throw AgriProblem.badRequest(name + " has more than 2 decimals");
            if (a.compareTo(LARGEST_AMOUNT) > 0) throw AgriProblem.badRequest(name + " is implausibly large");
            return a.setScale(2, RoundingMode.UNNECESSARY);
        } catch (IllegalArgumentException e) {
            throw AgriProblem.badRequest(e.getMessage());
        }
    }

    static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }

    /** Money as the API writes it: a plain decimal string with 2 decimals. */
    static String money(BigDecimal m) {
        return m.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
