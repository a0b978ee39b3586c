package io.telerisk.agri.ndvi;

import org.locationtech.jts.geom.Polygon;

import java.util.Objects;

/** A field to measure: its id and its boundary in WGS 84 (x = longitude, y = latitude). */
public record FieldBoundary(String fieldId, Polygon wgs84) {
    public FieldBoundary {
        Objects.requireNonNull(fieldId, "fieldId");
        Objects.requireNonNull(wgs84, "wgs84");
    }
}
