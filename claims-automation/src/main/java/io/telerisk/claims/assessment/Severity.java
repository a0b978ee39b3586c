package io.telerisk.claims.assessment;

/**
 * Severity from the MAIS3+ risk: below 2 % minor, below 10 % moderate, below 30 % serious, else severe. The
 * thresholds are the insurer's triage policy, not part of the published curve; with the default curve
 * ({@link InjuryRiskCurve#nhtsa2022AllCrashes()}) they fall at about 30.1, 46.8 and 60.0 km/h of delta-V.
 */
public enum Severity {
    MINOR, MODERATE, SERIOUS, SEVERE;

    public static Severity ofRisk(double mais3PlusRisk) {
        if (mais3PlusRisk < 0.02) return MINOR;
        if (mais3PlusRisk < 0.10) return MODERATE;
        if (mais3PlusRisk < 0.30) return SERIOUS;
        return SEVERE;
    }
}
