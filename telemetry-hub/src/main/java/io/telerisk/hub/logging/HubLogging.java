package io.telerisk.hub.logging;

import io.telerisk.hub.config.LogFormat;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The process's one log output. Our code logs through {@code System.Logger}, which is java.util.logging; libraries
 * log through SLF4J, which the launcher binds to java.util.logging too ({@code slf4j-jdk14}), so every record passes
 * the one console handler set here and a JSON log has no stray text lines. Libraries log from WARN, our code from
 * INFO. Records go to standard error (under systemd both streams reach the journal).
 */
public final class HubLogging {
    // held so the level set on it is not lost when java.util.logging drops unreferenced loggers
    private static final Logger OURS = Logger.getLogger("io.telerisk");
    private static volatile boolean configured;

    private HubLogging() {
    }

    /** Replaces the root handlers with one console handler writing this format. Safe to call again to switch. */
    public static synchronized void configure(LogFormat format) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) root.removeHandler(h);
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        console.setFormatter(format == LogFormat.JSON ? new JsonLogFormatter() : new TextLogFormatter());
        root.addHandler(console);
        root.setLevel(Level.WARNING);
        OURS.setLevel(Level.INFO);
        configured = true;
    }

    /** Whether {@link #configure} has run in this process. */
    static boolean configured() {
        return configured;
    }
}
