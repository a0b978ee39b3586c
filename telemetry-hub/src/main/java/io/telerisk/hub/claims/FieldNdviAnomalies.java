package io.telerisk.hub.claims;

import java.time.LocalDate;
import java.util.OptionalDouble;

/**
 * Port to the crop-credit desk's NDVI data: the NDVI anomaly (a z-score, negative is worse than normal) of the field a
 * farm sensor is installed in, from the latest clear scene at or before a day. The hub wires the agri desk behind it
 * ({@code AgriApi#asNdviAnomalies}), so claims does not depend on agri-credit; a drought cover with an NDVI condition
 * reads it.
 */
public interface FieldNdviAnomalies {
    /** No NDVI anywhere: a drought cover with an NDVI condition never pays. */
    FieldNdviAnomalies NONE = (tenant, sensorDeviceId, asOf) -> OptionalDouble.empty();

    /** The anomaly of the field of {@code sensorDeviceId} as of {@code asOf}; empty without a registered field or a clear scene. */
    OptionalDouble anomaly(String tenant, String sensorDeviceId, LocalDate asOf);
}
