package io.telerisk.hub.pricing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Field-by-field differences between two plan documents as {@code {path, from, to}} (a missing side is null).
 * Arrays of objects that carry a {@code variable} (factors) are matched by it, so inserting a factor does not show
 * every later factor as changed; other arrays are compared by position.
 */
final class PlanDiff {
    private PlanDiff() {
    }

    static void compare(String path, Object a, Object b, JsonArray out) {
        if (a instanceof JsonObject x && b instanceof JsonObject y) {
            Set<String> keys = new LinkedHashSet<>(x.fieldNames());
            keys.addAll(y.fieldNames());
            for (String k : keys) compare(path + "." + k, x.getValue(k), y.getValue(k), out);
        } else if (a instanceof JsonArray x && b instanceof JsonArray y) {
            Map<String, Object> left = keyed(x), right = keyed(y);
            if (left != null && right != null) {
                Set<String> keys = new LinkedHashSet<>(left.keySet());
                keys.addAll(right.keySet());
                for (String k : keys) compare(path + "[variable=" + k + "]", left.get(k), right.get(k), out);
            } else {
                for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                    compare(path + "[" + i + "]", i < x.size() ? x.getValue(i) : null, i < y.size() ? y.getValue(i) : null, out);
                }
            }
        } else if (!same(a, b)) {
            out.add(new JsonObject().put("path", path).put("from", a).put("to", b));
        }
    }

    /** The array's objects by their variable, or null when it is not an array of such objects. */
    private static Map<String, Object> keyed(JsonArray a) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Object o : a) {
            if (!(o instanceof JsonObject j) || !(j.getValue("variable") instanceof String v) || m.put(v, j) != null) return null;
        }
        return a.isEmpty() ? null : m;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        return Objects.equals(a, b);
    }
}
