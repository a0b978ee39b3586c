package io.telerisk.sim.truth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a ground-truth file back (for evaluations and other modules' tests): one {@link TruthRecord} per line,
 * fields in file order; numbers become Long or Double, lists become lists.
 */
public final class TruthFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TruthFile() {
    }

    /**
     * @throws IllegalArgumentException naming the line when a line is not a JSON object with a string "type"
     */
    public static InMemoryTruth read(Path file) {
        InMemoryTruth out = new InMemoryTruth();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(file + " line " + n + ": not JSON: " + e.getOriginalMessage());
                }
                if (node == null || !node.isObject() || !node.path("type").isTextual()) {
                    throw new IllegalArgumentException(file + " line " + n + ": expected a JSON object with a string \"type\"");
                }
                TruthRecord rec = TruthRecord.of(node.get("type").asText());
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (!f.getKey().equals("type")) rec.put(f.getKey(), value(f.getValue()));
                }
                out.record(rec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ground-truth file " + file, e);
        }
        return out;
    }

    private static Object value(JsonNode v) {
        if (v.isNull()) return null;
        if (v.isBoolean()) return v.booleanValue();
        if (v.isIntegralNumber()) return v.longValue();
        if (v.isNumber()) return v.doubleValue();
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            v.forEach(x -> l.add(value(x)));
            return l;
        }
        return v.asText();
    }
}
