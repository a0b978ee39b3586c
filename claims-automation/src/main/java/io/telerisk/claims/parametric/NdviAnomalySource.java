package io.telerisk.claims.parametric;

import java.time.LocalDate;
import java.util.OptionalDouble;

/**
 * Port: NDVI anomaly of a field (agri-credit's NDVI pipeline or a satellite service implements it): the field's mean
 * NDVI minus its multi-year mean for the same period, divided by that period's standard deviation (a z-score).
 */
public interface NdviAnomalySource {
    /** The anomaly of the latest scene at or before {@code asOf}, if any. */
    OptionalDouble anomaly(String fieldId, LocalDate asOf);
}
