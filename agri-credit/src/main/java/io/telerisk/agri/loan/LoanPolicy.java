package io.telerisk.agri.loan;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The lender's parameters.
 *
 * @param advanceRate         share of the field's P10 (bad-year) revenue that may be lent, e.g. 0.35
 * @param referUpToLimitRatio requests up to this multiple of the limit are referred rather than declined
 * @param annualRatePercent   interest rate per grade A..D (E is declined)
 * @param daysAfterHarvest    first instalment falls this long after the expected harvest (time to sell the crop)
 * @param maxDaysSinceObservation  without a clear NDVI observation this recent the application is referred
 */
public record LoanPolicy(BigDecimal advanceRate, BigDecimal referUpToLimitRatio, Map<RiskGrade, BigDecimal> annualRatePercent,
                         int daysAfterHarvest, int maxDaysSinceObservation) {
    public LoanPolicy {
        Objects.requireNonNull(advanceRate, "advanceRate");
        Objects.requireNonNull(referUpToLimitRatio, "referUpToLimitRatio");
        annualRatePercent = Map.copyOf(annualRatePercent);
        for (RiskGrade g : new RiskGrade[]{RiskGrade.A, RiskGrade.B, RiskGrade.C, RiskGrade.D}) {
            if (!annualRatePercent.containsKey(g)) throw new IllegalArgumentException("no rate for grade " + g);
        }
        if (daysAfterHarvest < 0 || maxDaysSinceObservation < 1) throw new IllegalArgumentException("bad day counts");
    }

    /** 35 % of P10 revenue; refer up to 1.5 x the limit; A 9 %, B 11.5 %, C 14 %, D 18 %; first due 30 days after harvest. */
    public static LoanPolicy defaults() {
        Map<RiskGrade, BigDecimal> r = new EnumMap<>(RiskGrade.class);
        r.put(RiskGrade.A, new BigDecimal("9.00"));
        r.put(RiskGrade.B, new BigDecimal("11.50"));
        r.put(RiskGrade.C, new BigDecimal("14.00"));
        r.put(RiskGrade.D, new BigDecimal("18.00"));
        return new LoanPolicy(new BigDecimal("0.35"), new BigDecimal("1.5"), r, 30, 45);
    }
}
