package io.telerisk.agri.field;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Crops the credit model knows, with the agronomic parameters it uses.
 *
 * <p>Expected NDVI: a Gaussian bump over the season, {@code base + (peak - base) * exp(-0.5 ((f - fPeak) / width)^2)}
 * with {@code f} the fraction of the sowing-to-harvest interval; base, peak and timing are typical of rain-fed
 * fields in Sentinel-2 NDVI. Yield: potential (attainable) yield in t/ha for a field at the crop's reference peak NDVI,
 * and the FAO Irrigation and Drainage Paper 33 (Doorenbos and Kassam, 1979) yield response factor Ky for the whole
 * season. These are defaults to be calibrated per region with local yield records.
 */
public enum Crop {
    MAIZE(0.20, 0.85, 0.55, 0.20, 10.0, 1.25),
    WHEAT(0.20, 0.80, 0.50, 0.20, 7.0, 1.05),
    SOYBEAN(0.20, 0.85, 0.60, 0.18, 3.2, 0.85),
    SORGHUM(0.20, 0.75, 0.55, 0.20, 4.5, 0.90);

    private final double baseNdvi;
    private final double peakNdvi;
    private final double peakFraction;
    private final double widthFraction;
    private final double potentialYieldTPerHa;
    private final double yieldResponseFactorKy;

    Crop(double baseNdvi, double peakNdvi, double peakFraction, double widthFraction, double potentialYieldTPerHa, double ky) {
        this.baseNdvi = baseNdvi;
        this.peakNdvi = peakNdvi;
        this.peakFraction = peakFraction;
        this.widthFraction = widthFraction;
        this.potentialYieldTPerHa = potentialYieldTPerHa;
        this.yieldResponseFactorKy = ky;
    }

    /** NDVI of bare soil / emergence. */
    public double baseNdvi() {
        return baseNdvi;
    }

    /** NDVI of a healthy canopy at its peak; the yield model's reference. */
    public double peakNdvi() {
        return peakNdvi;
    }

    /** Attainable yield, t/ha, of a field reaching {@link #peakNdvi()} without water stress. */
    public double potentialYieldTPerHa() {
        return potentialYieldTPerHa;
    }

    /** FAO-33 seasonal yield response factor Ky: relative yield loss per unit relative evapotranspiration deficit. */
    public double yieldResponseFactorKy() {
        return yieldResponseFactorKy;
    }

    /** The date the expected curve peaks for a season. */
    public LocalDate expectedPeakDate(LocalDate sowing, LocalDate harvest) {
        long days = ChronoUnit.DAYS.between(sowing, harvest);
        return sowing.plusDays(Math.round(days * peakFraction));
    }

    /** Expected NDVI on {@code date} for a season; {@link #baseNdvi()} outside the season. */
    public double expectedNdvi(LocalDate sowing, LocalDate harvest, LocalDate date) {
        long days = ChronoUnit.DAYS.between(sowing, harvest);
        if (days <= 0 || date.isBefore(sowing) || date.isAfter(harvest)) return baseNdvi;
        double f = ChronoUnit.DAYS.between(sowing, date) / (double) days;
        double z = (f - peakFraction) / widthFraction;
        return baseNdvi + (peakNdvi - baseNdvi) * Math.exp(-0.5 * z * z);
    }
}
