package io.telerisk.claims.parametric;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The parametric terms of an agricultural policy. Percentages are of the sum insured.
 *
 * @param policyId       policy
 * @param tenant         tenant of the farm sensor
 * @param sensorDeviceId farm sensor whose daily summaries are the index
 * @param fieldId        field whose NDVI anomaly is checked
 * @param sumInsured     sum insured, scale 2
 * @param currency       ISO 4217
 * @param drought        drought cover, or {@code null}
 * @param excessRain     excess-rain cover, or {@code null}
 */
public record ParametricTerms(String policyId, String tenant, String sensorDeviceId, String fieldId, BigDecimal sumInsured,
                              String currency, Drought drought, ExcessRain excessRain) {
    public ParametricTerms {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(sensorDeviceId, "sensorDeviceId");
        if (sumInsured == null || sumInsured.signum() <= 0) throw new IllegalArgumentException("sum insured must be positive");
        sumInsured = sumInsured.setScale(2, RoundingMode.HALF_UP);
    }

    /** The index terms of one parametric cover, stored with the cover ({@link io.telerisk.claims.fnol.Coverage#index}). */
    public sealed interface Index permits Drought, ExcessRain {
    }

    /**
     * Drought: daily minimum soil moisture below the wilting point for at least {@code triggerDays} consecutive days,
     * and the NDVI anomaly at the end of that run at or below {@code ndviAnomalyAtMost} ({@code null}: no NDVI condition). Pays
     * {@code percentAtTrigger} + {@code percentPerExtraDay} per day beyond the trigger, up to {@code maxPercent}.
     */
    public record Drought(double wiltingPointVwc, int triggerDays, Double ndviAnomalyAtMost, BigDecimal percentAtTrigger,
                          BigDecimal percentPerExtraDay, BigDecimal maxPercent) implements Index {
        /** Longest trigger a season can hold. */
        public static final int MAX_TRIGGER_DAYS = 120;
        /** Bounds of the NDVI anomaly threshold (a z-score: 0 is a normal field, -2 two spreads below). */
        public static final double MIN_NDVI_ANOMALY = -5, MAX_NDVI_ANOMALY = 0;

        public Drought {
            if (!(wiltingPointVwc > 0 && wiltingPointVwc < 0.6)) throw new IllegalArgumentException("wiltingPointVwc must be a soil moisture in (0, 0.6) m3/m3");
            if (triggerDays < 1 || triggerDays > MAX_TRIGGER_DAYS) throw new IllegalArgumentException("triggerDays must be 1.." + MAX_TRIGGER_DAYS);
            if (ndviAnomalyAtMost != null && !(ndviAnomalyAtMost >= MIN_NDVI_ANOMALY && ndviAnomalyAtMost <= MAX_NDVI_ANOMALY)) {
                throw new IllegalArgumentException("ndviAnomalyAtMost must be a z-score in " + MIN_NDVI_ANOMALY + ".." + MAX_NDVI_ANOMALY);
            }
            if (percentAtTrigger == null || percentPerExtraDay == null || maxPercent == null) throw new IllegalArgumentException("drought percentages are required");
            if (percentAtTrigger.signum() < 0 || percentPerExtraDay.signum() < 0 || maxPercent.signum() <= 0
                    || maxPercent.compareTo(HUNDRED) > 0 || percentPerExtraDay.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("drought percentages must be within 0..100 (maxPercent above 0)");
            }
            if (percentAtTrigger.compareTo(maxPercent) > 0) throw new IllegalArgumentException("percentAtTrigger must not exceed maxPercent");
        }

        /** Soil below 0.12 m3/m3 for 10 days pays 20 % plus 5 % a further day, at most 100 %; no NDVI condition. */
        public static Drought defaults() {
            return new Drought(0.12, 10, null, new BigDecimal("20"), new BigDecimal("5"), new BigDecimal("100"));
        }
    }

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /**
     * Excess rain: the largest rain total over any {@code windowDays} consecutive days; nothing below
     * {@code triggerMm}, {@code maxPercent} at or above {@code exitMm}, linear in between.
     */
    public record ExcessRain(int windowDays, double triggerMm, double exitMm, BigDecimal maxPercent) implements Index {
        /** Longest window and most rain the terms may name. */
        public static final int MAX_WINDOW_DAYS = 30;
        public static final double MAX_MM = 2000;

        public ExcessRain {
            if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) throw new IllegalArgumentException("windowDays must be 1.." + MAX_WINDOW_DAYS);
            if (!(exitMm > triggerMm && triggerMm >= 0 && exitMm <= MAX_MM)) throw new IllegalArgumentException("need 0 <= triggerMm < exitMm <= " + MAX_MM + " mm");
            if (maxPercent == null || maxPercent.signum() <= 0 || maxPercent.compareTo(HUNDRED) > 0) throw new IllegalArgumentException("maxPercent must be within 0..100 (above 0)");
        }

        /** Nothing up to 100 mm in 3 days, 100 % from 200 mm, linear between. */
        public static ExcessRain defaults() {
            return new ExcessRain(3, 100, 200, new BigDecimal("100"));
        }
    }
}
