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

    /**
     * Drought: daily minimum soil moisture below the wilting point for at least {@code triggerDays} consecutive days,
     * and the NDVI anomaly at the end of that run at or below {@code ndviAnomalyAtMost} ({@code null}: no NDVI condition). Pays
     * {@code percentAtTrigger} + {@code percentPerExtraDay} per day beyond the trigger, up to {@code maxPercent}.
     */
    public record Drought(double wiltingPointVwc, int triggerDays, Double ndviAnomalyAtMost, BigDecimal percentAtTrigger,
                          BigDecimal percentPerExtraDay, BigDecimal maxPercent) {
        public Drought {
            if (!(wiltingPointVwc > 0 && wiltingPointVwc < 1)) throw new IllegalArgumentException("wilting point must be a VWC in (0, 1)");
            if (triggerDays < 1) throw new IllegalArgumentException("triggerDays must be at least 1");
            if (percentAtTrigger.signum() < 0 || percentPerExtraDay.signum() < 0 || maxPercent.compareTo(new BigDecimal("100")) > 0) {
                throw new IllegalArgumentException("drought percentages must be within 0..100");
            }
        }
    }

    /**
     * Excess rain: the largest rain total over any {@code windowDays} consecutive days; nothing below
     * {@code triggerMm}, {@code maxPercent} at or above {@code exitMm}, linear in between.
     */
    public record ExcessRain(int windowDays, double triggerMm, double exitMm, BigDecimal maxPercent) {
        public ExcessRain {
            if (windowDays < 1) throw new IllegalArgumentException("windowDays must be at least 1");
            if (!(exitMm > triggerMm && triggerMm >= 0)) throw new IllegalArgumentException("need 0 ≤ trigger < exit");
            if (maxPercent.signum() < 0 || maxPercent.compareTo(new BigDecimal("100")) > 0) throw new IllegalArgumentException("maxPercent within 0..100");
        }
    }
}
