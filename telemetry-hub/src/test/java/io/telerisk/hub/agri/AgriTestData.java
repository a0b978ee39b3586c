package io.telerisk.hub.agri;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Field registrations for the crop-credit tests: squares of about 250 m near Nakuru (UTM 37S). */
final class AgriTestData {
    private AgriTestData() {
    }

    /** A GeoJSON polygon: a square of {@code sizeDeg} degrees with its south-west corner at (lon, lat). */
    static JsonObject square(double lon, double lat, double sizeDeg) {
        JsonArray ring = new JsonArray()
                .add(new JsonArray().add(lon).add(lat))
                .add(new JsonArray().add(lon + sizeDeg).add(lat))
                .add(new JsonArray().add(lon + sizeDeg).add(lat + sizeDeg))
                .add(new JsonArray().add(lon).add(lat + sizeDeg))
                .add(new JsonArray().add(lon).add(lat));
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }

    /** A maize field sown 60 days ago, harvest in 90 days. */
    static JsonObject field(String fieldId, String deviceId, JsonObject boundary) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonObject f = new JsonObject().put("fieldId", fieldId).put("crop", "MAIZE")
                .put("sowingDate", today.minusDays(60).toString()).put("harvestDate", today.plusDays(90).toString())
                .put("region", "nakuru-east").put("soil", "LOAM").put("boundary", boundary);
        if (deviceId != null) f.put("deviceId", deviceId);
        return f;
    }
}
