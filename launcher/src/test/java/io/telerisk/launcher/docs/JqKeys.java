package io.telerisk.launcher.docs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys a doc's jq filter reads, and the keys an answer has. jq answers {@code null} for a key that is not there,
 * so a doc naming a field the hub does not send would print nulls and pass; a filter's keys are checked against
 * every key anywhere in the answer it read.
 */
final class JqKeys {
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern PATH_KEY = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*+)(?!\\s*=[^=])");
    private static final Pattern SHORTHAND = Pattern.compile("[{,]\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?=[,}])");

    private JqKeys() {
    }

    /** Keys read by {@code filter}: {@code .name} paths (not assigned to) and {@code {name, …}} shorthands. */
    static Set<String> readBy(String filter) {
        String code = STRING.matcher(filter).replaceAll("\"\"");
        Set<String> keys = new LinkedHashSet<>();
        Matcher p = PATH_KEY.matcher(code);
        while (p.find()) {
            // ".a.b = x" assigns b, but reads a
            keys.add(p.group(1));
        }
        Matcher s = SHORTHAND.matcher(code);
        while (s.find()) keys.add(s.group(1));
        return keys;
    }

    /** Every object key anywhere in {@code json} (an object or array). */
    static Set<String> of(Object json) {
        Set<String> out = new TreeSet<>();
        collect(json, out);
        return out;
    }

    private static void collect(Object v, Set<String> out) {
        if (v instanceof JsonObject o) {
            for (String k : o.fieldNames()) {
                out.add(k);
                collect(o.getValue(k), out);
            }
        } else if (v instanceof JsonArray a) {
            for (Object e : a) collect(e, out);
        }
    }
}
