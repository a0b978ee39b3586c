package io.telerisk.agri.field;

import org.locationtech.jts.geom.Geometry;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A registered field and its current season.
 *
 * @param tenant       lender or programme
 * @param fieldId      unique within the tenant
 * @param farmerId     who farms it
 * @param deviceId     the field's sensor/device (loan requests come from it), or {@code null}
 * @param crop         crop of the season
 * @param sowingDate   season start (local calendar date at the field)
 * @param harvestDate  expected harvest
 * @param region       peer group for comparisons, e.g. an administrative district
 * @param soil         soil texture, for the wilting point
 * @param boundary     WGS 84 Polygon or MultiPolygon (x = longitude, y = latitude), see {@link FieldGeometry}
 * @param utmEpsg      WGS 84 / UTM zone the area was computed in
 * @param areaHa       area in hectares on the ellipsoid ({@link FieldArea})
 */
public record Field(String tenant, String fieldId, String farmerId, String deviceId, Crop crop, LocalDate sowingDate,
                    LocalDate harvestDate, String region, SoilType soil, Geometry boundary, int utmEpsg, double areaHa) {
    public Field {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(fieldId, "fieldId");
        Objects.requireNonNull(farmerId, "farmerId");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(sowingDate, "sowingDate");
        Objects.requireNonNull(harvestDate, "harvestDate");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(soil, "soil");
        FieldGeometry.polygonal(boundary);
        if (!harvestDate.isAfter(sowingDate)) throw new IllegalArgumentException("harvest must follow sowing for " + fieldId);
        if (!(areaHa > 0)) throw new IllegalArgumentException("area must be positive for " + fieldId);
    }
}
