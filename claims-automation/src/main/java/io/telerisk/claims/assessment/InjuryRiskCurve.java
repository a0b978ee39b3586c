package io.telerisk.claims.assessment;

import java.util.Objects;

/**
 * Probability of a MAIS3+ injury (Maximum Abbreviated Injury Scale 3 or more: serious or worse) as a logistic function
 * of delta-V: P = 1 / (1 + exp(−(β0 + β1 · ΔV))), with ΔV in the unit the curve was fitted in ({@link #speedUnit()}).
 * Callers always pass km/h; the conversion to the fitting unit is done here, explicitly, so published coefficients
 * are kept exactly as printed.
 * <p>The default, {@link #nhtsa2022AllCrashes()}, is the "all crashes" MAIS3+ curve of
 * Wang, J.-S. (2022, May), <i>MAIS(05/08) injury probability curves as functions of delta V</i>, Report No.
 * DOT HS 813 219, National Highway Traffic Safety Administration: logit P = −6.9540 + 0.1637 · ΔV[mph].
 * See docs/claims.md (Auto-assessment) for the population, its limits and where the numbers were read.
 *
 * @param beta0     intercept of the logit
 * @param beta1     slope of the logit per one {@code speedUnit} of delta-V; must be positive (risk rises with delta-V)
 * @param speedUnit unit of delta-V the coefficients were fitted in
 * @param source    citation shown in every assessment's evidence
 */
public record InjuryRiskCurve(double beta0, double beta1, SpeedUnit speedUnit, String source) {

    /** Delta-V units a published curve may be fitted in. */
    public enum SpeedUnit {
        KM_PER_HOUR(1.0),
        /** International mile: 1 mile = 1.609344 km exactly. */
        MILES_PER_HOUR(1.609344);

        private final double kmPerUnit;

        SpeedUnit(double kmPerUnit) {
            this.kmPerUnit = kmPerUnit;
        }

        /** The same speed in this unit. */
        public double fromKmh(double kmh) {
            return kmh / kmPerUnit;
        }
    }

    public InjuryRiskCurve {
        if (!Double.isFinite(beta0)) throw new IllegalArgumentException("beta0 must be finite: " + beta0);
        if (!(beta1 > 0) || !Double.isFinite(beta1)) throw new IllegalArgumentException("risk must rise with delta-V: beta1 = " + beta1);
        Objects.requireNonNull(speedUnit, "speedUnit");
        if (source == null || source.isBlank()) throw new IllegalArgumentException("an injury-risk curve needs its source");
    }

    /**
     * NHTSA DOT HS 813 219 (Wang 2022), crash mode "all crashes", outcome MAIS3+ (AIS 2005, update 2008), univariate
     * logistic regression on delta-V in mph over 2010–2015 NASS-CDS occupants: β0 = −6.9540, β1 = 0.1637 per mph.
     * About 2 % at 30 km/h, 8.5 % at 45 km/h, 30 % at 60 km/h, 50 % at 68.4 km/h.
     */
    public static InjuryRiskCurve nhtsa2022AllCrashes() {
        return new InjuryRiskCurve(-6.9540, 0.1637, SpeedUnit.MILES_PER_HOUR,
                "NHTSA DOT HS 813 219 (Wang 2022), all crashes, MAIS3+: logit = -6.9540 + 0.1637 x delta-V[mph], NASS-CDS 2010-2015");
    }

    /** P(MAIS3+) at a delta-V given in km/h (finite, not negative). */
    public double mais3PlusRisk(double deltaVKmh) {
        if (!(deltaVKmh >= 0) || !Double.isFinite(deltaVKmh)) {
            throw new IllegalArgumentException("delta-V must be a finite speed of at least 0 km/h: " + deltaVKmh);
        }
        double logit = beta0 + beta1 * speedUnit.fromKmh(deltaVKmh);
        return 1 / (1 + Math.exp(-logit));
    }
}
