package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.GnssFix;
import io.telerisk.model.VehicleSample;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a dependency fails the API says so (503, health down) and never serves positions it could not log. */
class DegradedDependenciesTest {
    private ApiFixture hub;
    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

    @BeforeEach
    void start() throws Exception {
        hub = ApiFixture.start(ApiFixture.Db.H2);
        hub.store.store(List.of(Envelope.telemetry("acme", "car-1", DeviceType.VEHICLE, 1, T0,
                List.of(new VehicleSample(T0, GnssFix.of(47.0, 8.0), 10.0, null, null, null, null)))));
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    @Test
    void aPositionReadThatCannotBeLoggedIsRefused() throws Exception {
        String path = "/api/v1/devices/vehicle/car-1/telemetry?from=" + T0 + "&to=" + T0.plusSeconds(60);
        assertEquals(200, hub.get(path, hub.token(Role.OPERATOR)).statusCode(), "control");
        try (Connection c = hub.sor.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE location_access_log RENAME TO location_access_log_gone");
        }
        HttpResponse<String> r = hub.get(path, hub.token(Role.OPERATOR));
        assertEquals(503, r.statusCode(), r.body());
        assertFalse(r.body().contains("47.0"), "no position leaves without a log entry");
        assertTrue(new JsonObject(r.body()).getString("detail").contains("location access log"), r.body());
        HttpResponse<String> stripped = hub.get(path, hub.token(Role.INSURER));
        assertEquals(200, stripped.statusCode(), "reads without positions need no log entry: " + stripped.body());
    }

    @Test
    void healthTurnsDownAndReadsAnswer503WhenTheDatabaseIsGone() throws Exception {
        assertEquals(200, hub.get("/health", null).statusCode());
        try (Connection c = hub.sor.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE vehicle_sample");
            st.execute("DROP TABLE device_credential");
            st.execute("DROP TABLE device_status");
            st.execute("DROP TABLE registered_device");
        }
        HttpResponse<String> h = hub.get("/health", null);
        assertEquals(503, h.statusCode(), h.body());
        JsonObject checks = new JsonObject(h.body()).getJsonObject("checks");
        assertEquals("down", checks.getJsonObject("store").getString("status"), h.body());
        HttpResponse<String> r = hub.get("/api/v1/devices", hub.token(Role.OPERATOR));
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("unavailable", new JsonObject(r.body()).getString("error"));
        String detail = new JsonObject(r.body()).getString("detail");
        for (String internal : new String[]{"SQL", "jdbc:", "Hikari", "VEHICLE_SAMPLE", "REGISTERED_DEVICE", "Table"}) {
            assertFalse(detail.contains(internal), "a 503 shows no database internals: " + detail);
        }
        assertEquals("5", r.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void apiAnswersAreNeverCachedOrSniffed() {
        HttpResponse<String> r = hub.get("/api/v1/devices", hub.token(Role.OPERATOR));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
        HttpResponse<String> problem = hub.get("/api/v1/devices", null);
        assertEquals("no-store", problem.headers().firstValue("Cache-Control").orElse(null), "problems too");
    }
}
