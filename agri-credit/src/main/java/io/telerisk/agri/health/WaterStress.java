package io.telerisk.agri.health;

/**
 * Water stress over a period: days whose mean volumetric soil moisture was below the soil's wilting point.
 *
 * @param stressDays      days with {@code meanSoilMoistureVwc < wiltingPointVwc}
 * @param measuredDays    days with a soil moisture value
 * @param periodDays      days in the period
 * @param wiltingPointVwc threshold used, m³/m³
 */
public record WaterStress(int stressDays, int measuredDays, int periodDays, double wiltingPointVwc) {
    /** Days of the period without a soil moisture reading. */
    public int missingDays() {
        return periodDays - measuredDays;
    }

    /** Stress days over measured days (0 when nothing was measured). */
    public double stressFraction() {
        return measuredDays == 0 ? 0 : (double) stressDays / measuredDays;
    }
}
