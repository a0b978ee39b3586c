package io.telerisk.claims.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * Repair-cost band by delta-V, configured by the insurer. The default table is illustrative (EUR, passenger car).
 */
public record RepairCostBands(String currency, List<Band> bands) {
    /**
     * @param upToDeltaVKmh upper bound of the band (exclusive), km/h; the last band should be open (infinity)
     * @param low           low end of the repair cost
     * @param high          high end of the repair cost
     * @param label         name of the band
     */
    public record Band(double upToDeltaVKmh, BigDecimal low, BigDecimal high, String label) {
        public Band {
            Objects.requireNonNull(label, "label");
            if (low.signum() < 0 || high.compareTo(low) < 0) throw new IllegalArgumentException("band " + label + ": need 0 ≤ low ≤ high");
            low = low.setScale(2, RoundingMode.HALF_UP);
            high = high.setScale(2, RoundingMode.HALF_UP);
        }

        /** Midpoint of the band, scale 2, half-up. */
        public BigDecimal estimate() {
            return low.add(high).divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
        }
    }

    public RepairCostBands {
        Objects.requireNonNull(currency, "currency");
        bands = List.copyOf(bands);
        if (bands.isEmpty()) throw new IllegalArgumentException("need at least one band");
        for (int i = 1; i < bands.size(); i++) {
            if (!(bands.get(i).upToDeltaVKmh() > bands.get(i - 1).upToDeltaVKmh())) throw new IllegalArgumentException("bands must be in ascending delta-V");
        }
    }

    /** Illustrative EUR table: cosmetic, panel, structural, major structural, likely total loss. */
    public static RepairCostBands illustrativeEur() {
        return new RepairCostBands("EUR", List.of(
                new Band(8, new BigDecimal("300"), new BigDecimal("1500"), "cosmetic"),
                new Band(16, new BigDecimal("1500"), new BigDecimal("4500"), "panel and bumper"),
                new Band(25, new BigDecimal("4500"), new BigDecimal("12000"), "structural"),
                new Band(40, new BigDecimal("12000"), new BigDecimal("25000"), "major structural"),
                new Band(Double.POSITIVE_INFINITY, new BigDecimal("25000"), new BigDecimal("40000"), "likely total loss")));
    }

    public Band bandFor(double deltaVKmh) {
        for (Band b : bands) if (deltaVKmh < b.upToDeltaVKmh()) return b;
        return bands.get(bands.size() - 1);
    }
}
