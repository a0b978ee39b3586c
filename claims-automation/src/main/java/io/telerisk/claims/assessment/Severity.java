package io.telerisk.claims.assessment;

/** Severity from the MAIS3+ risk: below 2 % minor, below 10 % moderate, below 30 % serious, else severe. */
public enum Severity {
    MINOR, MODERATE, SERIOUS, SEVERE;

    public static Severity ofRisk(double mais3PlusRisk) {
        if (mais3PlusRisk < 0.02) return MINOR;
        if (mais3PlusRisk < 0.10) return MODERATE;
        if (mais3PlusRisk < 0.30) return SERIOUS;
        return SEVERE;
    }
}
