package io.telerisk.hub.agri;

import io.telerisk.agri.field.GeoJson;
import io.telerisk.agri.scene.Sentinel2Scene;
import io.telerisk.agri.scene.synthetic.SyntheticField;
import io.telerisk.agri.scene.synthetic.SyntheticSceneSpec;
import io.telerisk.agri.scene.synthetic.SyntheticSceneWriter;
import io.telerisk.hub.Hub;
import io.telerisk.hub.api.DemoProvisioner;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.store.StorageConfig;
import io.telerisk.testkit.InfluxServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hub whose telemetry store is InfluxDB keeps NDVI series there too, as measurement {@code ndvi}, and the
 * system of record's {@code agri_ndvi} table stays empty.
 */
class NdviInInfluxHubTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void sceneNdviGoesToTheInfluxMeasurementNextToTheTelemetry() throws Exception {
        InfluxServer influx = InfluxServer.shared();
        String db = "agri_hub_" + System.nanoTime();
        Path scenes = Files.createDirectories(dataDir.resolve("scenes"));
        try (Hub hub = Hub.start(HubConfig.embedded(dataDir.resolve("hub")).withStorage(StorageConfig.influxV1(influx.url(), db, "", "")))) {
            DemoProvisioner.DemoSetup demo = hub.provisionDemo("acme");
            String op = demo.tokens().get(Role.OPERATOR);
            JsonObject boundary = AgriTestData.square(36.95, -0.31, 0.003);
            HttpResponse<String> reg = post(hub, "/api/v1/agri/fields", op, AgriTestData.field("infl-f", "field-1", boundary).put("farmerId", "farmer-1"));
            assertEquals(201, reg.statusCode(), reg.body());
            var poly = GeoJson.polygon(boundary.encode());
            Instant acquired = Instant.parse("2026-06-20T08:10:00Z");
            Sentinel2Scene s = SyntheticSceneWriter.write(scenes, "S2-INFLUX", acquired, SyntheticSceneSpec.clear(
                    SyntheticSceneWriter.gridAround(List.of(poly), 300), List.of(new SyntheticField(poly, 0.64)), 7));
            HttpResponse<String> r = post(hub, "/api/v1/agri/scenes", op, new JsonObject().put("sceneId", "S2-INFLUX")
                    .put("acquired", acquired.toString()).put("red", s.red().toString()).put("nir", s.nir().toString())
                    .put("scl", s.scl().toString()));
            assertEquals(200, r.statusCode(), r.body());

            String raw = influx.query(db, "SELECT \"mean\", \"status\" FROM \"ndvi\" WHERE \"fieldId\" = 'infl-f'");
            assertTrue(raw.contains("\"ok\""), raw);
            HttpResponse<String> series = http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl()
                            + "/api/v1/agri/fields/infl-f/ndvi?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z"))
                    .header("Authorization", "Bearer " + op).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonObject p = new JsonObject(series.body()).getJsonArray("points").getJsonObject(0);
            assertEquals(0.64, p.getDouble("mean"), 0.03);
            try (var c = hub.systemOfRecord().dataSource().getConnection(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*) FROM agri_ndvi")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "NDVI is not duplicated into the system of record");
            }
        }
    }

    private HttpResponse<String> post(Hub hub, String path, String token, JsonObject body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
