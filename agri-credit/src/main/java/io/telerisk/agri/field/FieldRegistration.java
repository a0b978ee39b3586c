package io.telerisk.agri.field;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A request to register a field: the boundary as GeoJSON (Polygon geometry or Feature, WGS 84) plus the season.
 */
public record FieldRegistration(String tenant, String fieldId, String farmerId, String deviceId, Crop crop,
                                LocalDate sowingDate, LocalDate harvestDate, String region, SoilType soil,
                                String boundaryGeoJson) {
    public FieldRegistration {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(fieldId, "fieldId");
        Objects.requireNonNull(farmerId, "farmerId");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(sowingDate, "sowingDate");
        Objects.requireNonNull(harvestDate, "harvestDate");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(soil, "soil");
        Objects.requireNonNull(boundaryGeoJson, "boundaryGeoJson");
    }
}
