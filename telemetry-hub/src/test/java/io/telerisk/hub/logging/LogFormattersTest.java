package io.telerisk.hub.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.*;

class LogFormattersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LogRecord record(Level level, String message, Throwable thrown, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("io.telerisk.hub.Hub");
        r.setInstant(Instant.parse("2026-12-06T14:53:42.123Z"));
        r.setThrown(thrown);
        r.setParameters(params.length == 0 ? null : params);
        return r;
    }

    @Test
    void aJsonRecordIsOneLineWithTimeLevelLoggerMessageThreadAndException() throws Exception {
        IllegalStateException boom = new IllegalStateException("store \"down\"\nsecond line");
        String line = new JsonLogFormatter().format(record(Level.SEVERE, "write failed for {0}: \"{1}\"\ttab", boom, "car-1", "x"));
        assertTrue(line.endsWith("\n"));
        assertEquals(1, line.lines().count(), "newlines inside message and stack trace are escaped: " + line);
        JsonNode n = JSON.readTree(line);
        assertEquals(List.of("time", "level", "logger", "message", "thread", "exception"), iterable(n.fieldNames()));
        assertEquals("2026-12-06T14:53:42.123Z", n.get("time").asText());
        assertEquals("ERROR", n.get("level").asText());
        assertEquals("io.telerisk.hub.Hub", n.get("logger").asText());
        assertEquals("write failed for car-1: \"x\"\ttab", n.get("message").asText());
        assertEquals(Thread.currentThread().getName(), n.get("thread").asText());
        assertTrue(n.get("exception").asText().startsWith("java.lang.IllegalStateException: store \"down\"\nsecond line"),
                n.get("exception").asText());
        assertTrue(n.get("exception").asText().contains("at io.telerisk.hub.logging.LogFormattersTest"));
    }

    @Test
    void aJsonRecordWithoutExceptionHasNoExceptionField() throws Exception {
        JsonNode n = JSON.readTree(new JsonLogFormatter().format(record(Level.WARNING, "spool at 80 %", null)));
        assertEquals("WARN", n.get("level").asText());
        assertFalse(n.has("exception"));
    }

    @Test
    void levelsUseTheNamesCollectorsKnow() throws Exception {
        assertEquals("INFO", JSON.readTree(new JsonLogFormatter().format(record(Level.INFO, "m", null))).get("level").asText());
        assertEquals("DEBUG", JSON.readTree(new JsonLogFormatter().format(record(Level.FINE, "m", null))).get("level").asText());
        assertEquals("TRACE", JSON.readTree(new JsonLogFormatter().format(record(Level.FINEST, "m", null))).get("level").asText());
    }

    @Test
    void aTextRecordIsOneLineThenTheStackTrace() {
        String text = new TextLogFormatter().format(record(Level.WARNING, "store slow", new RuntimeException("late")));
        List<String> lines = text.lines().toList();
        assertEquals("2026-12-06T14:53:42.123Z WARN  io.telerisk.hub.Hub [" + Thread.currentThread().getName() + "] - store slow", lines.get(0));
        assertEquals("java.lang.RuntimeException: late", lines.get(1));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
