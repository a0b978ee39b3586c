package io.telerisk.claims.fnol;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One cover of a policy.
 *
 * @param code       e.g. {@code COLLISION}, {@code THIRD_PARTY}, {@code DROUGHT}
 * @param limit      most the insurer pays per claim, currency units, scale 2
 * @param deductible what the insured bears per claim, currency units, scale 2
 * @param currency   ISO 4217 code
 */
public record Coverage(String code, BigDecimal limit, BigDecimal deductible, String currency) {
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
    }
}
