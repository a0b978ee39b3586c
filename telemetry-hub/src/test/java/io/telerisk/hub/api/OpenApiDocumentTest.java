package io.telerisk.hub.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiDocumentTest {
    private static JsonObject base() {
        return new JsonObject().put("paths", new JsonObject().put("/a", new JsonObject()))
                .put("components", new JsonObject().put("schemas", new JsonObject().put("A", new JsonObject())));
    }

    @Test
    void fragmentsAddTheirPathsAndSchemas() {
        JsonObject doc = base();
        OpenApiDocument.merge(doc, new JsonObject().put("paths", new JsonObject().put("/b", new JsonObject().put("get", new JsonObject())))
                .put("components", new JsonObject().put("schemas", new JsonObject().put("B", new JsonObject()))), "f");
        assertTrue(doc.getJsonObject("paths").containsKey("/b"));
        assertTrue(doc.getJsonObject("components").getJsonObject("schemas").containsKey("B"));
        assertEquals(2, doc.getJsonObject("paths").size());
    }

    @Test
    void aFragmentMayNotRedefineAPathOrSchema() {
        assertThrows(IllegalStateException.class, () -> OpenApiDocument.merge(base(),
                new JsonObject().put("paths", new JsonObject().put("/a", new JsonObject())), "f"));
        assertThrows(IllegalStateException.class, () -> OpenApiDocument.merge(base(),
                new JsonObject().put("components", new JsonObject().put("schemas", new JsonObject().put("A", new JsonObject()))), "f"));
    }

    @Test
    void theServedDocumentParses() {
        JsonObject doc = new JsonObject(ApiRouter.openApiDocument());
        assertTrue(doc.getJsonObject("paths").containsKey("/api/v1/devices"));
    }
}
