package io.telerisk.hub.agri;

import io.telerisk.hub.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile field boundaries sent to a running hub (docs/security.md "Hostile documents"): GeoJSON nested past its limit
 * is a 400 problem with the reason, and a body nested past the request's own JSON limit a 400 as well, never a 500.
 */
class HostileFieldBoundariesTest {
    private static AgriFixture hub;

    @BeforeAll
    static void start() {
        hub = AgriFixture.start(AgriFixture.Db.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) hub.close();
    }

    @Test
    void deeplyNestedBoundariesAre400WithTheReason() {
        String farmer = hub.token(Role.FARMER);
        String deep = "{\"type\":\"Polygon\",\"coordinates\":" + "[".repeat(100) + "]".repeat(100) + "}";
        HttpResponse<String> r = hub.post("/api/v1/agri/fields", farmer, AgriTestData.field("deep-plot", null, null).put("boundary", deep));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
        assertTrue(r.body().contains("nesting deeper than 64 levels") && r.body().length() < 2000, r.body());
    }
}
