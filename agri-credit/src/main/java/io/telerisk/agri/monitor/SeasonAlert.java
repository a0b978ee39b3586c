package io.telerisk.agri.monitor;

import java.time.LocalDate;

/**
 * A financed field crossing a threshold during the season.
 *
 * @param tenant        tenant
 * @param fieldId       field
 * @param applicationId the loan that finances it
 * @param kind          what crossed
 * @param value         the value observed
 * @param threshold     the threshold crossed
 * @param asOf          evaluation date
 * @param message       human-readable summary
 */
public record SeasonAlert(String tenant, String fieldId, String applicationId, Kind kind, double value, double threshold,
                          LocalDate asOf, String message) {
    /** Alert kinds. */
    public enum Kind {
        /** NDVI anomaly z-score at or below the threshold. */
        NDVI_ANOMALY,
        /** Water-stress days in the recent window at or above the threshold. */
        WATER_STRESS,
        /** No clear observation for too long: the field is not being watched. */
        NO_OBSERVATION
    }
}
