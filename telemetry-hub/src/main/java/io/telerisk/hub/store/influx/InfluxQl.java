package io.telerisk.hub.store.influx;

import io.telerisk.hub.store.EventJson;

import java.time.Duration;
import java.time.Instant;

/** Quoting for InfluxQL: identifiers in double quotes, string literals in single quotes, times as nanoseconds. */
final class InfluxQl {
    private InfluxQl() {
    }

    /** A quoted identifier: {@code "name"} with backslashes and double quotes escaped. */
    static String ident(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A quoted string literal: {@code 'value'} with backslashes and single quotes escaped; no line breaks. */
    static String literal(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("line break in InfluxQL literal: " + value.replace("\n", "\\n"));
        }
        return '\'' + value.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }

    /** A time as an integer nanosecond literal, what InfluxQL compares {@code time} with. */
    static String time(Instant t) {
        return Long.toString(EventJson.epochNanos(t));
    }

    /** A GROUP BY time() duration literal: whole seconds when possible, else milliseconds. */
    static String duration(Duration d) {
        if (d.toMillis() <= 0) throw new IllegalArgumentException("bucket below 1 ms: " + d);
        if (d.toMillis() % 1000 == 0) return d.toSeconds() + "s";
        return d.toMillis() + "ms";
    }
}
