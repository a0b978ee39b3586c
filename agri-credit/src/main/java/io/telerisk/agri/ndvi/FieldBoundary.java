package io.telerisk.agri.ndvi;

import io.telerisk.agri.field.FieldGeometry;
import org.locationtech.jts.geom.Geometry;

import java.util.Objects;

/** A field to measure: its id and its boundary in WGS 84 (x = longitude, y = latitude), a Polygon or MultiPolygon. */
public record FieldBoundary(String fieldId, Geometry wgs84) {
    public FieldBoundary {
        Objects.requireNonNull(fieldId, "fieldId");
        FieldGeometry.polygonal(wgs84);
    }
}
