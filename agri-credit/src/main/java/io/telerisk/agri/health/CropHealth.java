package io.telerisk.agri.health;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A field's crop health on a date.
 *
 * @param fieldId          field
 * @param asOf             assessment date
 * @param latestNdvi       mean NDVI of the latest clear observation in the season, or {@code null}
 * @param latestAcquired   when that scene was acquired, or {@code null}
 * @param expectedNdvi     the crop's expected NDVI on that acquisition date (or on {@code asOf} without one)
 * @param anomalyZ         anomaly score, see {@link AnomalySource}; negative is worse than normal; {@code null}
 *                         without an observation
 * @param anomalySource    what the score compares with
 * @param peerCount        peers used (0 for the expected-curve fallback)
 * @param observations     clear observations in the season so far
 * @param waterStress      stress from sowing (or the last 30 days, see the assessor) to {@code asOf}
 * @param peerMeanNdvi     mean NDVI of the peers on the latest acquisition day, or {@code null} with too few peers
 * @param peerStdNdvi      their population standard deviation, or {@code null}
 */
public record CropHealth(String fieldId, LocalDate asOf, Double latestNdvi, Instant latestAcquired, double expectedNdvi,
                         Double anomalyZ, AnomalySource anomalySource, int peerCount, int observations,
                         WaterStress waterStress, Double peerMeanNdvi, Double peerStdNdvi) {

    /** What an anomaly z-score is relative to. */
    public enum AnomalySource {
        /** (field NDVI - mean of peers' NDVI) / std of peers' NDVI, same crop, region and acquisition day. */
        PEERS,
        /** Too few peers: (field NDVI - expected NDVI) / {@value HealthAssessor#NOMINAL_NDVI_STD}. */
        EXPECTED_CURVE,
        /** No observation: no score. */
        NONE
    }
}
