package io.telerisk.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/** Streaming JSON plumbing shared by the small control messages ({@link DeviceStatus}, {@link Command}). */
final class SmallJson {
    /** Control messages are small; anything bigger is hostile or a bug. */
    static final int MAX_BYTES = 64 * 1024;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16).maxStringLength(MAX_BYTES).maxNameLength(1024).maxNumberLength(64).build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private SmallJson() {
    }

    interface Body {
        void fields(JsonParser p, String name, JsonToken value) throws IOException;
    }

    /**
     * Parses one JSON object, handing each field to {@code body}; checks {@code "v"} (absent means 1).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static void parseObject(byte[] json, String what, Body body) {
        if (json == null) throw new IllegalArgumentException(what + ": payload is null");
        if (json.length > MAX_BYTES) throw new IllegalArgumentException(what + ": payload is " + json.length + " bytes, limit " + MAX_BYTES);
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException(what + ": not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) continue;
                if (name.equals("v")) {
                    if (value != JsonToken.VALUE_NUMBER_INT || p.getLongValue() != 1) {
                        throw new IllegalArgumentException(what + ": schema version v=" + p.getText() + " is not supported (expected 1)");
                    }
                } else {
                    body.fields(p, name, value);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IllegalArgumentException(what + ": trailing content or unclosed object");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": not readable: " + e.getMessage(), e);
        }
    }

    static String string(JsonParser p, JsonToken value, String path) throws IOException {
        if (value != JsonToken.VALUE_STRING) throw new IllegalArgumentException(path + " must be a string, got " + value);
        return p.getText();
    }

    static Instant time(JsonParser p, JsonToken value, String path) throws IOException {
        String s = string(p, value, path);
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(path + " '" + (s.length() > 64 ? s.substring(0, 61) + "..." : s)
                    + "' is not an ISO-8601 UTC instant");
        }
    }

    interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(Writer w) {
        com.fasterxml.jackson.core.util.ByteArrayBuilder out = new com.fasterxml.jackson.core.util.ByteArrayBuilder(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", 1);
            w.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen writing to memory
        }
        return out.toByteArray();
    }
}
