package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The served OpenAPI document and the router describe the same API, both ways. */
class OpenApiCoverageTest {
    private static ApiFixture hub;

    @BeforeAll
    static void start() {
        hub = ApiFixture.start(ApiFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static JsonObject served() {
        HttpResponse<String> r = hub.get("/api/v1/openapi.json", null);
        assertEquals(200, r.statusCode());
        return new JsonObject(r.body());
    }

    private static Set<String> documented(JsonObject doc) {
        Set<String> out = new TreeSet<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String p : paths.fieldNames()) {
            for (String m : paths.getJsonObject(p).fieldNames()) out.add(m.toUpperCase(Locale.ROOT) + " " + p);
        }
        return out;
    }

    @Test
    void everyRouteInTheRouterIsInTheDocumentAndViceVersa() {
        Set<String> routes = new TreeSet<>(ApiRouter.create(hub.vertx, hub.services).routeSignatures());
        Set<String> doc = documented(served());
        assertTrue(routes.size() >= 20, "router lists its routes: " + routes);
        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(doc);
        Set<String> phantom = new TreeSet<>(doc);
        phantom.removeAll(routes);
        assertTrue(undocumented.isEmpty(), "routes missing from openapi.json: " + undocumented);
        assertTrue(phantom.isEmpty(), "documented but not routed: " + phantom);
    }

    @Test
    void documentIsOpenApi3WithSecurityOnProtectedRoutesOnly() {
        JsonObject doc = served();
        assertTrue(doc.getString("openapi").startsWith("3."));
        JsonObject paths = doc.getJsonObject("paths");
        List<String> wrong = new ArrayList<>();
        for (String p : paths.fieldNames()) {
            for (String m : paths.getJsonObject(p).fieldNames()) {
                boolean secured = !paths.getJsonObject(p).getJsonObject(m).getJsonArray("security").isEmpty();
                // ask the server: a protected route answers 401 without a token
                String path = p.replace("{type}", "vehicle").replace("{id}", "car-1").replaceAll("\\{[A-Za-z]+\\}", "x1");
                HttpResponse<String> r = "get".equals(m) ? hub.get(path, null)
                        : hub.send(java.net.http.HttpRequest.newBuilder(hub.uri(path)).header("Content-Type", "application/json")
                                .method(m.toUpperCase(java.util.Locale.ROOT), java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
                boolean answered401 = r.statusCode() == 401;
                if (secured != answered401) wrong.add(m + " " + p + " secured=" + secured + " status=" + r.statusCode());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everySchemaReferenceResolves() {
        JsonObject doc = served();
        String text = doc.encode();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("#/components/(schemas|parameters|responses)/([A-Za-z0-9]+)").matcher(text);
        int refs = 0;
        while (m.find()) {
            refs++;
            assertTrue(doc.getJsonObject("components").getJsonObject(m.group(1)).containsKey(m.group(2)), "dangling $ref " + m.group());
        }
        assertTrue(refs > 50);
        assertFalse(hub.get("/api/v1/openapi.json", hub.token(Role.INSURER)).body().isEmpty());
    }
}
