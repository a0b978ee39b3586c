package io.telerisk.hub.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code time} (ISO-8601 UTC), {@code level} (ERROR, WARN, INFO, DEBUG, TRACE), {@code logger},
 * {@code message}, {@code thread} and, when there is one, {@code exception} (the stack trace as one string). Jackson
 * writes it, so quotes, newlines and control characters in messages are escaped and a line is always one record.
 */
public final class JsonLogFormatter extends Formatter {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(LogRecord r) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", r.getInstant().toString());
            g.writeStringField("level", LogLevels.name(r.getLevel()));
            g.writeStringField("logger", r.getLoggerName() == null ? "" : r.getLoggerName());
            g.writeStringField("message", formatMessage(r));
            g.writeStringField("thread", LogLevels.threadName(r));
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                g.writeStringField("exception", trace.toString().stripTrailing());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }
}
