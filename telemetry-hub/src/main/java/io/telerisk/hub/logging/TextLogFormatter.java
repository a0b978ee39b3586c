package io.telerisk.hub.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** One line per record for people: {@code 2026-12-06T14:53:42.123Z INFO  io.telerisk.hub.Hub [main] - message}, then the stack trace. */
public final class TextLogFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord r) {
        StringBuilder b = new StringBuilder(160).append(TIME.format(r.getInstant())).append(' ')
                .append(String.format("%-5s", LogLevels.name(r.getLevel()))).append(' ').append(r.getLoggerName())
                .append(" [").append(LogLevels.threadName(r)).append("] - ").append(formatMessage(r)).append('\n');
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            b.append(trace);
        }
        return b.toString();
    }
}
