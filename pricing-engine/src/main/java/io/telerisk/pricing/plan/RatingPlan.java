package io.telerisk.pricing.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rating plan document as an insurer authors it (see docs/pricing.md for the JSON reference).
 * Optional sections are {@code null} when absent; a jurisdiction deviation leaves everything it does not
 * override {@code null} and names its base in {@link #deviation()}. Semantic checks live in {@link PlanValidator}.
 */
public record RatingPlan(PlanKey key, String name, String productLine, Jurisdiction jurisdiction, String currency,
                         LocalDate effectiveFrom, String author, Exposure exposure, List<Factor> factors,
                         Telematics telematics, Wellness wellness, BigDecimal minimumPremium, List<Fee> fees,
                         List<Tax> taxes, ClaimFrequency claimFrequency, List<TestCase> tests, Deviation deviation,
                         String notes) {
    public RatingPlan {
        Objects.requireNonNull(key, "key");
        factors = factors == null ? null : List.copyOf(factors);
        fees = fees == null ? null : List.copyOf(fees);
        taxes = taxes == null ? null : List.copyOf(taxes);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** Exposure part: an annual base rate pro rata, a fixed monthly part and a per-km rate with a daily cap. */
    public record Exposure(BigDecimal annualRate, BigDecimal fixedMonthly, BigDecimal perKmRate, Double dailyKmCap) {}

    /**
     * One multiplicative factor on one variable: exactly one of banded table, categorical levels or a log-linear
     * term. Bands are closed on the right, (over, upTo], as R's {@code cut}.
     */
    public record Factor(String name, String variable, List<Band> bands, Map<String, Double> levels, Term term) {
        public Factor {
            bands = bands == null ? null : List.copyOf(bands);
            levels = levels == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(levels));
        }
    }

    /** Band (over, upTo] with its relativity; {@code null} over is -infinity, {@code null} upTo is +infinity. */
    public record Band(Double over, Double upTo, double relativity) {}

    /** Transform applied to a continuous variable before the coefficient. */
    public enum Transform { IDENTITY, LOG }

    /**
     * Log-linear term: relativity = exp(coefficient × (t(x) − t(reference))), x clamped to [minValue, maxValue]
     * when given (LOG needs minValue > 0 when x can be 0).
     */
    public record Term(Transform transform, double coefficient, double reference, Double minValue, Double maxValue) {}

    /** How much weight the driver's own telematics data gets against the class rate. */
    public enum CredibilityMethod { FULL, SQRT_KM, BUHLMANN_KM, BUHLMANN_DAYS }

    /**
     * Credibility Z: SQRT_KM: min(1, sqrt(km / fullCredibilityKm)); BUHLMANN_KM: n/(n+k) with n = km/1000;
     * BUHLMANN_DAYS: n/(n+k) with n = driving days; FULL: Z = 1.
     */
    public record Credibility(CredibilityMethod method, Double fullCredibilityKm, Double k) {}

    /**
     * Rules on the telematics adjustment (product of telematics relativities, blended by credibility):
     * clamped to [minAdjustment, maxAdjustment], and per renewal to within maxRenewalDecrease/Increase (fractions)
     * of the prior adjustment when it is known.
     */
    public record Telematics(Credibility credibility, Double minAdjustment, Double maxAdjustment,
                             Double maxRenewalIncrease, Double maxRenewalDecrease) {}

    /** Wellness programme: the best tier whose thresholds all hold gives its discount, capped. */
    public record Wellness(List<WellnessTier> tiers, double maxDiscountPercent, int minWornDays) {
        public Wellness { tiers = tiers == null ? List.of() : List.copyOf(tiers); }
    }

    /** A wellness tier; a {@code null} threshold is not checked. */
    public record WellnessTier(String name, Double minAvgDailySteps, Double minAvgActiveMinutes,
                               Double maxRestingHrTrendBpmPer30d, double discountPercent) {}

    /** A flat fee per quoted period (before tax). */
    public record Fee(String name, BigDecimal amount) {}

    /** A tax as a percentage of premium plus fees. */
    public record Tax(String name, BigDecimal ratePercent) {}

    /**
     * Claim frequency model: annual expected claims = exp(intercept + Σ coefficient × t(x)), i.e. the intercept of a
     * Poisson GLM whose other coefficients are this plan's factors. {@code source} cites where it comes from.
     */
    public record ClaimFrequency(double intercept, String source) {}

    /** A test case carried by the plan: input profile → expected total premium. Approval needs all to pass. */
    public record TestCase(String name, Map<String, Object> profile, Double priorAdjustment, BigDecimal expectedPremium) {
        public TestCase {
            profile = profile == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(profile));
        }
    }

    /** Marks this document as a deviation of a base plan version; factors here replace the base's same variable. */
    public record Deviation(PlanKey base, List<String> removeFactors) {
        public Deviation { removeFactors = removeFactors == null ? List.of() : List.copyOf(removeFactors); }
    }
}
