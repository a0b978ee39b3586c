package io.telerisk.sim.scene;

import org.locationtech.jts.geom.Polygon;

import java.util.Objects;

/**
 * The boundary a simulated field has in synthetic scenes: a WGS 84 polygon (x = longitude, y = latitude) around
 * the field's location.
 *
 * @param fieldId field id (the farm sensor's device id)
 * @param wgs84   boundary
 * @param areaHa  nominal area of the rectangle, hectares
 */
public record FieldFootprint(String fieldId, Polygon wgs84, double areaHa) {
    public FieldFootprint {
        Objects.requireNonNull(fieldId, "fieldId");
        Objects.requireNonNull(wgs84, "wgs84");
    }
}
