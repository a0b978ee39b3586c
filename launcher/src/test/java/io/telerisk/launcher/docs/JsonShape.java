package io.telerisk.launcher.docs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a JSON answer as a doc shows it, elisions included ({@code {"device":{…},"count":3600,"items":[{…},…]}}),
 * compared with a real answer: every key the doc shows must be there, with a value of the same kind (string, number,
 * boolean, object, array; a documented {@code null} or {@code …} is any value), and the first element of a
 * documented array must fit the first element of the real one when both have one.
 */
sealed interface JsonShape {
    /** Any value ({@code …} or {@code null} in the doc). */
    record Any() implements JsonShape {
    }

    record Scalar(Class<?> kind) implements JsonShape {
    }

    record Obj(Map<String, JsonShape> members) implements JsonShape {
    }

    record Arr(List<JsonShape> elements) implements JsonShape {
    }

    /** Reads a documented answer; {@code …} stands for any value, any members or any elements. */
    static JsonShape parse(String documented) {
        Reader r = new Reader(documented.replace("...", "…"));
        JsonShape shape = r.value();
        return shape;
    }

    /** What differs between the documented shape and a real value: empty when the value fits. */
    static List<String> mismatches(JsonShape doc, Object actual) {
        List<String> out = new ArrayList<>();
        compare(doc, actual, "$", out);
        return out;
    }

    private static void compare(JsonShape doc, Object actual, String path, List<String> out) {
        if (doc instanceof Scalar sc) {
            if (actual != null && !sc.kind().isInstance(actual)) {
                out.add(path + " is documented as a " + sc.kind().getSimpleName().toLowerCase() + ", the hub answers " + describe(actual));
            }
        } else if (doc instanceof Obj o) {
            if (!(actual instanceof JsonObject real)) {
                if (actual != null) out.add(path + " is documented as an object, the hub answers " + describe(actual));
                return;
            }
            for (Map.Entry<String, JsonShape> m : o.members().entrySet()) {
                if (!real.containsKey(m.getKey())) {
                    out.add(path + "." + m.getKey() + " is documented but missing (the hub answers " + real.fieldNames() + ")");
                } else {
                    compare(m.getValue(), real.getValue(m.getKey()), path + "." + m.getKey(), out);
                }
            }
        } else if (doc instanceof Arr a) {
            if (!(actual instanceof JsonArray real)) {
                if (actual != null) out.add(path + " is documented as an array, the hub answers " + describe(actual));
                return;
            }
            if (!a.elements().isEmpty() && !real.isEmpty()) compare(a.elements().get(0), real.getValue(0), path + "[0]", out);
        }
    }

    private static String describe(Object v) {
        String text = String.valueOf(v);
        return (v == null ? "null" : v.getClass().getSimpleName()) + " " + (text.length() > 80 ? text.substring(0, 80) + "…" : text);
    }

    /** A forgiving JSON reader: {@code …} (with any words up to a closing {@code …}) is an elision. */
    final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        JsonShape value() {
            blanks();
            if (i >= s.length()) throw new IllegalArgumentException("documented answer ends early: " + s);
            char c = s.charAt(i);
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') {
                string();
                return new Scalar(String.class);
            }
            if (c == '…') {
                elision();
                return new Any();
            }
            if (s.startsWith("true", i) || s.startsWith("false", i)) {
                i += s.startsWith("true", i) ? 4 : 5;
                return new Scalar(Boolean.class);
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return new Any();
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (i == start) throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " in documented answer: " + s);
            return new Scalar(Number.class);
        }

        private JsonShape object() {
            i++;
            Map<String, JsonShape> members = new LinkedHashMap<>();
            while (true) {
                blanks();
                char c = s.charAt(i);
                if (c == '}') {
                    i++;
                    return new Obj(members);
                }
                if (c == ',') {
                    i++;
                } else if (c == '…') {
                    elision();
                } else {
                    String key = string();
                    blanks();
                    expect(':');
                    members.put(key, value());
                }
            }
        }

        private JsonShape array() {
            i++;
            List<JsonShape> elements = new ArrayList<>();
            while (true) {
                blanks();
                char c = s.charAt(i);
                if (c == ']') {
                    i++;
                    return new Arr(elements);
                }
                if (c == ',') {
                    i++;
                } else {
                    JsonShape v = value();
                    if (!(v instanceof Any)) elements.add(v);
                }
            }
        }

        /** {@code …}, or {@code …some words, even commas…}. */
        private void elision() {
            i++;
            int j = i;
            while (j < s.length() && "…,]}:\"".indexOf(s.charAt(j)) < 0) j++;
            if (j < s.length() && s.charAt(j) == '…') {
                i = j + 1;
                return;
            }
            if (j > i && !s.substring(i, j).isBlank()) {
                int close = s.indexOf('…', i);
                if (close > 0) {
                    i = close + 1;
                    return;
                }
            }
            // a bare … before a separator
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (s.charAt(i) != '"') {
                if (s.charAt(i) == '\\') i++;
                b.append(s.charAt(i++));
            }
            i++;
            return b.toString();
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + " in documented answer: " + s);
            }
            i++;
        }

        private void blanks() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }
    }
}
