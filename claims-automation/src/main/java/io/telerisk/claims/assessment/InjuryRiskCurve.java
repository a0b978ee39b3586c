package io.telerisk.claims.assessment;

/**
 * Probability of a MAIS3+ injury (Maximum Abbreviated Injury Scale 3 or more: serious or worse) as a logistic function
 * of delta-V: P = 1 / (1 + exp(−(β0 + β1 · ΔV[km/h]))). The logistic form is the one used in the literature relating
 * event-data-recorder delta-V to occupant injury (e.g. Gabauer &amp; Gabler, "Comparison of roadside crash injury
 * metrics using event data recorders", Accident Analysis &amp; Prevention 40(2), 2008; NASS-CDS analyses).
 * <p><b>The default coefficients are illustrative</b>, not taken from those papers: β0 = −6.0, β1 = 0.10 per km/h,
 * giving about 1 % at 15 km/h, 5 % at 30 km/h and 50 % at 60 km/h. An insurer must replace them with a curve fitted
 * to a published table or its own data before relying on the severity.
 *
 * @param beta0     intercept
 * @param beta1PerKmh slope per km/h of delta-V
 * @param source    citation or "illustrative"
 */
public record InjuryRiskCurve(double beta0, double beta1PerKmh, String source) {
    public InjuryRiskCurve {
        if (!(beta1PerKmh > 0)) throw new IllegalArgumentException("risk must rise with delta-V: beta1 = " + beta1PerKmh);
    }

    public static InjuryRiskCurve illustrative() {
        return new InjuryRiskCurve(-6.0, 0.10, "illustrative coefficients; logistic MAIS3+ form after Gabauer & Gabler (2008)");
    }

    /** P(MAIS3+) at a delta-V in km/h. */
    public double mais3PlusRisk(double deltaVKmh) {
        return 1 / (1 + Math.exp(-(beta0 + beta1PerKmh * deltaVKmh)));
    }
}
