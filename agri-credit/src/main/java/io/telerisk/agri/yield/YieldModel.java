package io.telerisk.agri.yield;

import io.telerisk.agri.field.Crop;
import io.telerisk.agri.field.Field;
import io.telerisk.agri.health.WaterStress;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.ndvi.NdviStats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Yield from the season's NDVI and water stress; revenue from yield, area and price.
 *
 * <p>Model (documented assumptions, calibrate per region):
 * <ol>
 * <li>Peak NDVI drives attainable yield linearly: {@code Y_ndvi = Ymax * clamp((peak - base) / (peakRef - base), 0,
 * 1.15)}, the form of the peak-NDVI regressions used in operational crop monitoring (e.g. Becker-Reshef et al. 2010,
 * Remote Sensing of Environment 114; Mkhabela et al. 2011, Agricultural and Forest Meteorology 151), with the
 * crop's base/peak NDVI and attainable yield from {@link Crop}.</li>
 * <li>Peak observed: the highest clear field mean within 20 days of the expected peak, once that date is 10 days
 * past. Otherwise forecast: {@code base + (peakRef - base) c}, with the field's condition {@code c} fitted by least
 * squares through the origin to {@code (NDVI_obs - base) = c (NDVI_exp - base)} over observations where the expected
 * value is at least base + 0.1 (so scenes with more expected signal weigh more) and kept within [0, 1.15]; the
 * forecast peak is therefore never below the crop's base NDVI. Extra uncertainty applies.</li>
 * <li>Water stress after the peak (grain filling, which peak NDVI cannot see) reduces yield with the FAO-33
 * relation {@code 1 - Ya/Ym = Ky (1 - ETa/ETm)}, taking the share of stress days from the expected peak to
 * harvest as the relative evapotranspiration deficit.</li>
 * <li>Uncertainty: 20 % relative (1 sigma), the typical error of field-level NDVI yield models; +10 points when the
 * peak is forecast, +5 when fewer than 3 clear observations. P10/P90 = P50 (1 -/+ 1.2816 sigma), P10 floored at 0.</li>
 * </ol>
 */
public final class YieldModel {
    static final double BASE_RELATIVE_STD = 0.20;
    private static final double Z90 = 1.2816;
    /** Best condition the linear peak-NDVI model extrapolates to (peak 15 % above the reference). */
    static final double MAX_CONDITION = 1.15;

    /**
     * Estimates yield and revenue.
     *
     * @param observations    clear observations of the season, oldest first (no-observations are ignored)
     * @param stressAfterPeak water stress from the expected peak date to {@code asOf} (may be empty)
     */
    public YieldEstimate estimate(Field f, List<NdviPoint> observations, WaterStress stressAfterPeak, CropPrices prices,
                                  LocalDate asOf) {
        Crop crop = f.crop();
        LocalDate peakDate = crop.expectedPeakDate(f.sowingDate(), f.harvestDate());
        double best = Double.NEGATIVE_INFINITY;
        double fitNum = 0, fitDen = 0; // least squares through the origin: (v - base) = c (e - base)
        int fitN = 0, n = 0;
        for (NdviPoint p : observations) {
            if (p.stats().isEmpty()) continue;
            n++;
            double v = p.stats().map(NdviStats::mean).orElseThrow();
            LocalDate d = p.acquired().atZone(ZoneOffset.UTC).toLocalDate();
            if (Math.abs(ChronoUnit.DAYS.between(peakDate, d)) <= 20) best = Math.max(best, v);
            double e = crop.expectedNdvi(f.sowingDate(), f.harvestDate(), d);
            if (e >= crop.baseNdvi() + 0.1) {
                fitNum += (v - crop.baseNdvi()) * (e - crop.baseNdvi());
                fitDen += (e - crop.baseNdvi()) * (e - crop.baseNdvi());
                fitN++;
            }
        }
        boolean observed = best > Double.NEGATIVE_INFINITY && asOf.isAfter(peakDate.plusDays(10));
        double peak;
        if (observed) {
            peak = best;
        } else if (fitN > 0) {
            // a mean of per-scene ratios let an early scene (expected barely above base, observed a little below it)
            // dominate and drove the forecast peak below zero; weighting by the expected signal and keeping the
            // condition within the model's range keeps the forecast a possible NDVI
            double c = Math.max(0, Math.min(MAX_CONDITION, fitNum / fitDen));
            peak = crop.baseNdvi() + (crop.peakNdvi() - crop.baseNdvi()) * c;
        } else {
            peak = crop.peakNdvi(); // nothing seen yet: the prior is a normal season, with the widest band
        }
        double condition = Math.max(0, Math.min(MAX_CONDITION, (peak - crop.baseNdvi()) / (crop.peakNdvi() - crop.baseNdvi())));
        long fillDays = Math.max(1, ChronoUnit.DAYS.between(peakDate, f.harvestDate()));
        double deficit = Math.min(1, stressAfterPeak.stressDays() / (double) fillDays);
        double yield = crop.potentialYieldTPerHa() * condition * Math.max(0, 1 - crop.yieldResponseFactorKy() * deficit);
        double sigma = BASE_RELATIVE_STD + (observed ? 0 : 0.10) + (n < 3 ? 0.05 : 0);
        double p10 = Math.max(0, yield * (1 - Z90 * sigma)), p90 = yield * (1 + Z90 * sigma);
        BigDecimal price = prices.of(crop);
        return new YieldEstimate(f.fieldId(), peak, observed, n, deficit, sigma, p10, yield, p90, f.areaHa(),
                revenue(p10, f.areaHa(), price), revenue(yield, f.areaHa(), price), revenue(p90, f.areaHa(), price), prices.currency());
    }

    private static BigDecimal revenue(double tPerHa, double areaHa, BigDecimal pricePerT) {
        return BigDecimal.valueOf(tPerHa * areaHa).multiply(pricePerT).setScale(2, RoundingMode.HALF_EVEN);
    }
}
