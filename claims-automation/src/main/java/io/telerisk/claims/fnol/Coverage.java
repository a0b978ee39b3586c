package io.telerisk.claims.fnol;

import io.telerisk.claims.parametric.ParametricTerms;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One cover of a policy.
 *
 * @param code       e.g. {@code COLLISION}, {@code THIRD_PARTY}, {@code DROUGHT}
 * @param limit      most the insurer pays per claim, currency units, scale 2
 * @param deductible what the insured bears per claim, currency units, scale 2
 * @param currency   ISO 4217 code
 * @param index      the index terms of a parametric cover ({@code DROUGHT}: {@link ParametricTerms.Drought},
 *                   {@code EXCESS_RAIN}: {@link ParametricTerms.ExcessRain}), or {@code null} for the defaults (and for
 *                   every other cover)
 */
public record Coverage(String code, BigDecimal limit, BigDecimal deductible, String currency, ParametricTerms.Index index) {
    /** Cover codes whose terms are an index. */
    public static final String DROUGHT = "DROUGHT", EXCESS_RAIN = "EXCESS_RAIN";

    /** A cover without index terms of its own. */
    public Coverage(String code, BigDecimal limit, BigDecimal deductible, String currency) {
        this(code, limit, deductible, currency, null);
    }

    public Coverage {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(currency, "currency");
        if (limit == null || limit.signum() < 0 || deductible == null || deductible.signum() < 0) {
            throw new IllegalArgumentException("limit and deductible must be non-negative amounts for cover " + code);
        }
        if (deductible.compareTo(limit) > 0) {
            // such a cover could never pay anything: a data-entry error, not a contract
            throw new IllegalArgumentException("deductible " + deductible.toPlainString() + " exceeds the limit " + limit.toPlainString()
                    + " of cover " + code);
        }
        if (index != null && !(DROUGHT.equals(code) && index instanceof ParametricTerms.Drought
                || EXCESS_RAIN.equals(code) && index instanceof ParametricTerms.ExcessRain)) {
            throw new IllegalArgumentException("cover " + code + " cannot have " + index.getClass().getSimpleName() + " terms (only "
                    + DROUGHT + " has drought terms and " + EXCESS_RAIN + " excess-rain terms)");
        }
    }
}
