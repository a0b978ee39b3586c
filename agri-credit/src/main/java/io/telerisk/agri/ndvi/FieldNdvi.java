package io.telerisk.agri.ndvi;

import java.util.Objects;

/** NDVI of one field in one scene: an observation, or no observation with the reason. */
public sealed interface FieldNdvi permits FieldNdvi.Observed, FieldNdvi.NoObservation {
    String fieldId();

    /** Pixels whose centre lies in the field and in the raster. */
    long pixelsInField();

    /** A usable observation. */
    record Observed(String fieldId, long pixelsInField, NdviStats stats) implements FieldNdvi {
        public Observed {
            Objects.requireNonNull(fieldId, "fieldId");
            Objects.requireNonNull(stats, "stats");
        }
    }

    /** No number, with the reason and the counts that led to it. */
    record NoObservation(String fieldId, NoObservationReason reason, String detail, long pixelsInField, long validPixels)
            implements FieldNdvi {
        public NoObservation {
            Objects.requireNonNull(fieldId, "fieldId");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
