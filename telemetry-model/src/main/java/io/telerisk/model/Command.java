package io.telerisk.model;

import com.fasterxml.jackson.core.JsonToken;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message from the hub to a device on its {@code cmd} topic (QoS 1, JSON): a configuration change, a request, or
 * a decision (e.g. the answer to a loan request). {@code {"v":1,"id":"c-42","name":"set_sample_rate","args":{"hz":"10"}}}.
 * The device acknowledges by publishing an event whose {@code labels.commandId} is {@link #id()}.
 *
 * @param id   unique per command, so a device can ignore a redelivered one
 * @param name what to do, lower snake case
 * @param args string arguments (numbers and booleans are read as their JSON text)
 */
public record Command(String id, String name, Map<String, String> args) {
    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isEmpty() || name.isEmpty()) throw new IllegalArgumentException("command id and name must not be empty");
        args = args == null ? Map.of() : Map.copyOf(args);
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
                default -> p.skipChildren();
            }
        });
        if (idName[0] == null || idName[0].isEmpty()) throw new IllegalArgumentException("cmd: field 'id' is missing");
        if (idName[1] == null || idName[1].isEmpty()) throw new IllegalArgumentException("cmd: field 'name' is missing");
        return new Command(idName[0], idName[1], args);
    }
}
