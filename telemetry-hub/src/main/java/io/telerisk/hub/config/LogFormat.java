package io.telerisk.hub.config;

import java.util.Locale;

/** How the hub writes its log to standard output. */
public enum LogFormat {
    /** One human-readable line per record. */
    TEXT,
    /** One JSON object per line (time, level, logger, message, thread, exception), for log collectors. */
    JSON;

    /** {@code text} or {@code json}, any case. */
    public static LogFormat parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("expected text or json, not '" + s + "'");
        };
    }
}
