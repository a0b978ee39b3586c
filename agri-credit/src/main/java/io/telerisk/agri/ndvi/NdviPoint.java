package io.telerisk.agri.ndvi;

import java.time.Instant;
import java.util.Objects;

/**
 * One point of a field's NDVI time series: a scene's result for the field, observed or not. The hub stores these
 * as an InfluxDB measurement {@code ndvi} (tags: tenant, fieldId, sceneId, status; fields: the statistics) next to
 * the telemetry; no-observations are kept too, so a gap in the series has a recorded reason.
 */
public record NdviPoint(String tenant, String fieldId, Instant acquired, String sceneId, FieldNdvi ndvi) {
    public NdviPoint {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(fieldId, "fieldId");
        Objects.requireNonNull(acquired, "acquired");
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(ndvi, "ndvi");
    }

    /** The statistics when observed. */
    public java.util.Optional<NdviStats> stats() {
        return ndvi instanceof FieldNdvi.Observed o ? java.util.Optional.of(o.stats()) : java.util.Optional.empty();
    }
}
