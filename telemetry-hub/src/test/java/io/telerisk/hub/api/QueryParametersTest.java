package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A query parameter the OpenAPI document does not list for its route is refused, naming the accepted ones. */
class QueryParametersTest {
    private static ApiFixture hub;

    @BeforeAll
    static void start() {
        hub = ApiFixture.start(ApiFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    @Test
    void misspeltParameterIsRefusedWithTheAcceptedOnes() {
        HttpResponse<String> r = hub.get("/api/v1/location-access?form=2026-01-01T00:00:00Z", hub.token(Role.OPERATOR));
        assertEquals(400, r.statusCode(), r.body());
        String detail = new JsonObject(r.body()).getString("detail");
        assertTrue(detail.contains("unknown query parameter 'form'"), detail);
        assertTrue(detail.contains("from") && detail.contains("limit"), "lists the accepted parameters: " + detail);
    }

    @Test
    void documentedParametersPass() {
        HttpResponse<String> r = hub.get("/api/v1/location-access?from=2026-01-01T00:00:00Z&limit=5", hub.token(Role.OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void anonymousCallerGets401NotALessonInParameters() {
        assertEquals(401, hub.get("/api/v1/location-access?form=x", null).statusCode());
    }

    @Test
    void endpointWithoutParametersSaysSo() {
        HttpResponse<String> r = hub.get("/api/v1/pricing/score-model?verbose=1", hub.token(Role.INSURER));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(new JsonObject(r.body()).getString("detail").contains("takes none"), r.body());
    }
}
