package io.telerisk.hub.claims;

import io.telerisk.claims.review.ReasonCode;
import io.telerisk.hub.api.ApiException;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/** Checks of claims request bodies: each returns a clean value or throws a 400 naming the field and the accepted form. */
final class ClaimsInput {
    private ClaimsInput() {
    }

    static DeviceType deviceType(Object v) {
        if (!(v instanceof String s)) throw ApiException.badRequest("deviceType is required (vehicle, wearable or farm-sensor)");
        try {
            return DeviceType.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown deviceType '" + echo(s) + "' (vehicle, wearable or farm-sensor)");
        }
    }

    static ReasonCode reasonCode(Object v) {
        if (!(v instanceof String s)) {
            throw ApiException.badRequest("reasonCode is required, one of " + Arrays.toString(ReasonCode.values()));
        }
        try {
            return ReasonCode.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown reasonCode '" + echo(s) + "', expected one of " + Arrays.toString(ReasonCode.values()));
        }
    }

    static String text(JsonObject o, String key, boolean required, int maxLen) {
        Object v = o.getValue(key);
        if (v == null) {
            if (required) throw ApiException.badRequest(key + " is required");
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) throw ApiException.badRequest(key + " must be a non-empty string");
        if (s.length() > maxLen) throw ApiException.badRequest(key + " is longer than " + maxLen + " characters");
        if (s.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t')) throw ApiException.badRequest(key + " contains control characters");
        return s;
    }

    static Instant instant(JsonObject o, String key) {
        String s = text(o, key, true, 40);
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            throw ApiException.badRequest(key + " must be an ISO-8601 instant such as 2026-06-01T10:00:00Z, not '" + echo(s) + "'");
        }
    }

    static double number(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) throw ApiException.badRequest(key + " must be a number");
        return n.doubleValue();
    }

    /** A non-negative whole number, or {@code null} when absent. */
    static Long version(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (v == null) return null;
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
            throw ApiException.badRequest(key + " must be the claim's version, a whole number (as the claim shows it)");
        }
        return n.longValue();
    }

    /** Money from a decimal string (preferred) or a JSON number; non-negative, at most 2 decimals. */
    static BigDecimal amount(Object v, String key) {
        BigDecimal b;
        try {
            // bounded before anything prints or rescales it: 1e-300000000 once expanded into a 30 MB answer
            if (v instanceof String s) b = io.telerisk.model.Amounts.parse(key, s);
            else if (v instanceof Number n) b = io.telerisk.model.Amounts.of(key, n);
            else throw ApiException.badRequest(key + " must be a decimal amount such as \"1250.00\"");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage() + ", such as \"1250.00\"");
        }
        if (b.signum() < 0) throw ApiException.badRequest(key + " must not be negative");
        if (b.scale() > 2) throw ApiException.badRequest(key + " has more than 2 decimals: " + b.toPlainString());
        return b.setScale(2, RoundingMode.UNNECESSARY);
    }

    static String echo(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return t.replaceAll("[\\p{Cntrl}]", "?");
    }
}
