package io.telerisk.hub.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;

/** What both formatters share: level names as log collectors know them, and the thread that logged. */
final class LogLevels {
    private LogLevels() {
    }

    /** SLF4J's names (what collectors and people expect) for java.util.logging's levels. */
    static String name(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) return "ERROR";
        if (v >= Level.WARNING.intValue()) return "WARN";
        if (v >= Level.INFO.intValue()) return "INFO";
        if (v >= Level.FINE.intValue()) return "DEBUG";
        return "TRACE";
    }

    /**
     * The name of the thread that logged. A record carries only the thread's id; handlers publish on the logging
     * thread, so its name is the current thread's whenever the ids match.
     */
    static String threadName(LogRecord r) {
        Thread t = Thread.currentThread();
        return t.getId() == r.getLongThreadID() ? t.getName() : "thread-" + r.getLongThreadID();
    }
}
