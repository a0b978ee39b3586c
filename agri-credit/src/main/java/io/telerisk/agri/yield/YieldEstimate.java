package io.telerisk.agri.yield;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * A field's yield and revenue estimate with an uncertainty band (P10 / P50 / P90).
 *
 * @param fieldId           field
 * @param peakNdvi          peak NDVI used (observed, or forecast from the season's condition so far)
 * @param peakObserved      true when the peak was observed rather than forecast
 * @param observations      clear observations used
 * @param waterDeficit      relative evapotranspiration deficit proxy after the expected peak (stress days share)
 * @param relativeStd       1-sigma relative uncertainty of the yield
 * @param yieldP10TPerHa    10th percentile yield, t/ha
 * @param yieldP50TPerHa    median yield, t/ha
 * @param yieldP90TPerHa    90th percentile yield, t/ha
 * @param areaHa            field area
 * @param revenueP10        P10 revenue (currency units, scale 2)
 * @param revenueP50        median revenue
 * @param revenueP90        P90 revenue
 * @param currency          revenue currency
 */
public record YieldEstimate(String fieldId, double peakNdvi, boolean peakObserved, int observations, double waterDeficit,
                            double relativeStd, double yieldP10TPerHa, double yieldP50TPerHa, double yieldP90TPerHa,
                            double areaHa, BigDecimal revenueP10, BigDecimal revenueP50, BigDecimal revenueP90,
                            Currency currency) {
}
