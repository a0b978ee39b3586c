package io.telerisk.hub.claims;

import io.telerisk.claims.fnol.Coverage;
import io.telerisk.claims.parametric.ParametricTerms;
import io.telerisk.hub.api.ApiException;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Set;

/**
 * The JSON of a parametric cover's index terms ({@code coverages[].terms} of a policy, and the {@code index_terms}
 * column of {@code claims_coverage}). A key left out takes the default of {@link ParametricTerms.Drought#defaults()} or
 * {@link ParametricTerms.ExcessRain#defaults()}; an unknown key, a value of the wrong kind or out of bounds is a 400
 * naming it.
 *
 * <pre>{@code
 * DROUGHT:     {"wiltingPointVwc": 0.12, "triggerDays": 10, "ndviAnomalyAtMost": -1.5,
 *               "percentAtTrigger": "20", "percentPerExtraDay": "5", "maxPercent": "100"}
 * EXCESS_RAIN: {"windowDays": 3, "triggerMm": 100, "exitMm": 200, "maxPercent": "100"}
 * }</pre>
 */
final class CoverTermsJson {
    private static final Set<String> DROUGHT_KEYS = Set.of("wiltingPointVwc", "triggerDays", "ndviAnomalyAtMost", "percentAtTrigger",
            "percentPerExtraDay", "maxPercent");
    private static final Set<String> RAIN_KEYS = Set.of("windowDays", "triggerMm", "exitMm", "maxPercent");

    private CoverTermsJson() {
    }

    /**
     * The terms of cover {@code code} from {@code value} (a JSON object, or null for none).
     *
     * @throws ApiException 400 naming what is wrong
     */
    static ParametricTerms.Index parse(String code, Object value) {
        if (value == null) return null;
        if (!(value instanceof JsonObject o)) throw ApiException.badRequest("coverage " + code + ": terms must be an object");
        try {
            if (Coverage.DROUGHT.equals(code)) {
                unknownKeys(code, o, DROUGHT_KEYS);
                ParametricTerms.Drought d = ParametricTerms.Drought.defaults();
                Object ndvi = o.getValue("ndviAnomalyAtMost");
                return new ParametricTerms.Drought(number(code, o, "wiltingPointVwc", d.wiltingPointVwc()),
                        whole(code, o, "triggerDays", d.triggerDays()), ndvi == null ? null : number(code, o, "ndviAnomalyAtMost", 0),
                        percent(code, o, "percentAtTrigger", d.percentAtTrigger()), percent(code, o, "percentPerExtraDay", d.percentPerExtraDay()),
                        percent(code, o, "maxPercent", d.maxPercent()));
            }
            if (Coverage.EXCESS_RAIN.equals(code)) {
                unknownKeys(code, o, RAIN_KEYS);
                ParametricTerms.ExcessRain r = ParametricTerms.ExcessRain.defaults();
                return new ParametricTerms.ExcessRain(whole(code, o, "windowDays", r.windowDays()), number(code, o, "triggerMm", r.triggerMm()),
                        number(code, o, "exitMm", r.exitMm()), percent(code, o, "maxPercent", r.maxPercent()));
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("coverage " + code + ": " + e.getMessage());
        }
        throw ApiException.badRequest("coverage " + code + " takes no terms (only " + Coverage.DROUGHT + " and " + Coverage.EXCESS_RAIN + " do)");
    }

    /** The terms in force for a parametric cover: its own, else the defaults; null for other covers. */
    static ParametricTerms.Index effective(Coverage c) {
        if (c.index() != null) return c.index();
        if (Coverage.DROUGHT.equals(c.code())) return ParametricTerms.Drought.defaults();
        if (Coverage.EXCESS_RAIN.equals(c.code())) return ParametricTerms.ExcessRain.defaults();
        return null;
    }

    static JsonObject json(ParametricTerms.Index index) {
        if (index == null) return null;
        if (index instanceof ParametricTerms.Drought d) {
            return new JsonObject().put("wiltingPointVwc", d.wiltingPointVwc()).put("triggerDays", d.triggerDays())
                    .put("ndviAnomalyAtMost", d.ndviAnomalyAtMost()).put("percentAtTrigger", d.percentAtTrigger().toPlainString())
                    .put("percentPerExtraDay", d.percentPerExtraDay().toPlainString()).put("maxPercent", d.maxPercent().toPlainString());
        }
        ParametricTerms.ExcessRain r = (ParametricTerms.ExcessRain) index;
        return new JsonObject().put("windowDays", r.windowDays()).put("triggerMm", r.triggerMm()).put("exitMm", r.exitMm())
                .put("maxPercent", r.maxPercent().toPlainString());
    }

    /** The stored form ({@code index_terms}), or null. */
    static String encode(ParametricTerms.Index index) {
        return index == null ? null : json(index).encode();
    }

    /** Reads the stored form back (it was validated when stored). */
    static ParametricTerms.Index decode(String code, String stored) {
        return stored == null ? null : parse(code, new JsonObject(stored));
    }

    private static void unknownKeys(String code, JsonObject o, Set<String> known) {
        for (String k : o.fieldNames()) {
            if (!known.contains(k)) throw ApiException.badRequest("coverage " + code + ": unknown term '" + ClaimsInput.echo(k) + "' (known: "
                    + known.stream().sorted().toList() + ")");
        }
    }

    private static double number(String code, JsonObject o, String key, double fallback) {
        Object v = o.getValue(key);
        if (v == null) return fallback;
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) throw ApiException.badRequest("coverage " + code + ": " + key + " must be a number");
        return n.doubleValue();
    }

    private static int whole(String code, JsonObject o, String key, int fallback) {
        Object v = o.getValue(key);
        if (v == null) return fallback;
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > 10_000) {
            throw ApiException.badRequest("coverage " + code + ": " + key + " must be a whole number");
        }
        return n.intValue();
    }

    private static BigDecimal percent(String code, JsonObject o, String key, BigDecimal fallback) {
        Object v = o.getValue(key);
        if (v == null) return fallback;
        try {
            BigDecimal p = v instanceof Number n ? new BigDecimal(n.toString()) : v instanceof String s && s.length() <= 12 ? new BigDecimal(s.trim()) : null;
            if (p == null || p.scale() > 4) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("coverage " + code + ": " + key + " must be a percentage such as \"20\" or \"7.5\"");
        }
    }
}
