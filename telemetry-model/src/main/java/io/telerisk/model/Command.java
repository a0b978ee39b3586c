package io.telerisk.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message from the hub to a device on its {@code cmd} topic (QoS 1, JSON): a configuration change, a request, or
 * a decision (e.g. the answer to a loan request). {@code {"v":1,"id":"c-42","name":"set_sample_rate","args":{"hz":"10"}}}.
 * The device acknowledges by publishing an event whose {@code labels.commandId} is {@link #id()}.
 *
 * <p>What does not fit in string arguments (a list of rows, e.g. a loan decision's factors and repayment schedule)
 * travels in {@code data}: named JSON arrays or objects beside {@code args}, so a device that reads only
 * {@code args} still understands the command and a richer one reads the structure without parsing strings.
 *
 * @param id   unique per command, so a device can ignore a redelivered one
 * @param name what to do, lower snake case
 * @param args string arguments (numbers and booleans are read as their JSON text), in the order given
 * @param data structured parts, each a JSON array or object held as its compact JSON text (whitespace between
 *             tokens removed, so two equal structures compare equal), in the order given
 */
public record Command(String id, String name, Map<String, String> args, Map<String, String> data) {
    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isEmpty() || name.isEmpty()) throw new IllegalArgumentException("command id and name must not be empty");
        args = args == null || args.isEmpty() ? Map.of() : ordered(args);
        data = data == null || data.isEmpty() ? Map.of() : compact(data);
    }

    /** A command with string arguments only. */
    public Command(String id, String name, Map<String, String> args) {
        this(id, name, args, Map.of());
    }

    /** The same command under another id (e.g. a second answer the device must not take for a redelivery). */
    public Command withId(String newId) {
        return new Command(newId, name, args, data);
    }

    /** A command without arguments. */
    public static Command of(String id, String name) {
        return new Command(id, name, Map.of());
    }

    /** UTF-8 JSON. */
    public byte[] toJson() {
        return SmallJson.write(g -> {
            g.writeStringField("id", id);
            g.writeStringField("name", name);
            if (!args.isEmpty()) {
                g.writeObjectFieldStart("args");
                for (Map.Entry<String, String> a : args.entrySet()) g.writeStringField(a.getKey(), a.getValue());
                g.writeEndObject();
            }
            if (!data.isEmpty()) {
                g.writeObjectFieldStart("data");
                for (Map.Entry<String, String> d : data.entrySet()) {
                    g.writeFieldName(d.getKey());
                    g.writeRawValue(d.getValue());
                }
                g.writeEndObject();
            }
        });
    }

    /**
     * Parses a command; unknown fields are ignored.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static Command fromJson(byte[] json) {
        String[] idName = {null, null};
        Map<String, String> args = new LinkedHashMap<>();
        Map<String, String> data = new LinkedHashMap<>();
        SmallJson.parseObject(json, "cmd", (p, field, value) -> {
            switch (field) {
                case "id" -> idName[0] = SmallJson.string(p, value, "cmd.id");
                case "name" -> idName[1] = SmallJson.string(p, value, "cmd.name");
                case "args" -> {
                    if (value != JsonToken.START_OBJECT) throw new IllegalArgumentException("cmd.args must be an object");
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        JsonToken v = p.nextToken();
                        if (v == JsonToken.VALUE_NULL) continue;
                        if (!v.isScalarValue()) throw new IllegalArgumentException("cmd.args." + key + " must be a string, number or boolean");
                        args.put(key, p.getText());
                    }
                }
                case "data" -> {
                    if (value != JsonToken.START_OBJECT) throw new IllegalArgumentException("cmd.data must be an object");
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        JsonToken v = p.nextToken();
                        if (v == JsonToken.VALUE_NULL) continue;
                        if (v != JsonToken.START_ARRAY && v != JsonToken.START_OBJECT) {
                            throw new IllegalArgumentException("cmd.data." + key + " must be an array or an object");
                        }
                        data.put(key, copy(p));
                    }
                }
                default -> p.skipChildren();
            }
        });
        if (idName[0] == null || idName[0].isEmpty()) throw new IllegalArgumentException("cmd: field 'id' is missing");
        if (idName[1] == null || idName[1].isEmpty()) throw new IllegalArgumentException("cmd: field 'name' is missing");
        return new Command(idName[0], idName[1], args, data);
    }

    /** A copy in the caller's order (a device's screen shows the arguments as sent); no null names or values. */
    private static Map<String, String> ordered(Map<String, String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : args.entrySet()) {
            out.put(Objects.requireNonNull(e.getKey(), "args key"), Objects.requireNonNull(e.getValue(), "args value"));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Checks that every value is one JSON array or object and rewrites it compactly. */
    private static Map<String, String> compact(Map<String, String> data) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : data.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "data key");
            String json = Objects.requireNonNull(e.getValue(), "data value");
            if (key.isEmpty()) throw new IllegalArgumentException("cmd.data names must not be empty");
            if (json.length() > SmallJson.MAX_BYTES) throw new IllegalArgumentException("cmd.data." + key + " is over " + SmallJson.MAX_BYTES + " characters");
            try (JsonParser p = SmallJson.FACTORY.createParser(json)) {
                JsonToken first = p.nextToken();
                if (first != JsonToken.START_ARRAY && first != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("cmd.data." + key + " must be an array or an object");
                }
                String text = copy(p);
                if (p.nextToken() != null) throw new IllegalArgumentException("cmd.data." + key + ": trailing content");
                out.put(key, text);
            } catch (JsonProcessingException x) {
                throw new IllegalArgumentException("cmd.data." + key + ": not valid JSON: " + x.getOriginalMessage(), x);
            } catch (IOException x) {
                throw new IllegalArgumentException("cmd.data." + key + ": not readable: " + x.getMessage(), x);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The structure the parser stands at the start of, as compact JSON text. */
    private static String copy(JsonParser p) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = SmallJson.FACTORY.createGenerator(w)) {
            g.copyCurrentStructure(p);
        }
        return w.toString();
    }
}
