package io.telerisk.hub.api;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The served OpenAPI document: the hub's {@code /openapi.json} plus, when present on the classpath, one fragment
 * per feature that mounts its own routes ({@code /openapi-pricing.json}, {@code /openapi-credit.json},
 * {@code /openapi-claims.json}), so each feature documents its routes in its own file. A fragment is an OpenAPI
 * object with {@code paths} and optionally {@code components.schemas}; a path or schema defined twice is an error
 * at start-up rather than a silent override. {@code OpenApiCoverageTest} checks the merged result against the router.
 */
public final class OpenApiDocument {
    /** Base document. */
    public static final String BASE = "/openapi.json";
    /** Optional fragments merged into the base, in this order. */
    public static final List<String> FRAGMENTS = List.of("/openapi-pricing.json", "/openapi-credit.json", "/openapi-claims.json");

    private OpenApiDocument() {
    }

    /** The merged document as JSON text. */
    public static String load() {
        JsonObject doc = read(BASE);
        if (doc == null) throw new IllegalStateException("OpenAPI resource " + BASE + " missing from the classpath");
        for (String f : FRAGMENTS) {
            JsonObject frag = read(f);
            if (frag != null) merge(doc, frag, f);
        }
        return doc.encodePrettily();
    }

    static void merge(JsonObject doc, JsonObject fragment, String name) {
        JsonObject paths = doc.getJsonObject("paths");
        JsonObject fp = fragment.getJsonObject("paths", new JsonObject());
        for (String p : fp.fieldNames()) {
            if (paths.containsKey(p)) throw new IllegalStateException("OpenAPI fragment " + name + " redefines path " + p);
            paths.put(p, fp.getValue(p));
        }
        JsonObject fs = fragment.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
        JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
        for (String s : fs.fieldNames()) {
            if (schemas.containsKey(s)) throw new IllegalStateException("OpenAPI fragment " + name + " redefines schema " + s);
            schemas.put(s, fs.getValue(s));
        }
    }

    private static JsonObject read(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) return null;
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
