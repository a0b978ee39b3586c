package io.telerisk.agri.lending;

import io.telerisk.agri.loan.RiskGrade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The lender's desk parameters.
 *
 * @param fourEyesAbove         approvals of referrals above this amount need a second credit officer
 * @param probabilityOfDefault  one-season probability of default per grade A..D (E is never lent to)
 * @param lossGivenDefault      share of the exposure lost on default without a crop cover
 * @param lossGivenDefaultCovered the same with a crop cover naming the lender as loss payee
 */
public record LendingPolicy(BigDecimal fourEyesAbove, Map<RiskGrade, BigDecimal> probabilityOfDefault, BigDecimal lossGivenDefault,
                            BigDecimal lossGivenDefaultCovered) {
    public LendingPolicy {
        Objects.requireNonNull(fourEyesAbove, "fourEyesAbove");
        probabilityOfDefault = Map.copyOf(probabilityOfDefault);
        for (RiskGrade g : new RiskGrade[]{RiskGrade.A, RiskGrade.B, RiskGrade.C, RiskGrade.D}) {
            if (!probabilityOfDefault.containsKey(g)) throw new IllegalArgumentException("no probability of default for grade " + g);
        }
    }

    /**
     * Four-eyes above 5,000.00; PD A 1 %, B 2.5 %, C 5 %, D 10 % (illustrative, to calibrate on the lender's own
     * book); LGD 45 % (the Basel foundation-IRB value for senior unsecured claims) and 20 % with a crop cover.
     */
    public static LendingPolicy defaults() {
        Map<RiskGrade, BigDecimal> pd = new EnumMap<>(RiskGrade.class);
        pd.put(RiskGrade.A, new BigDecimal("0.010"));
        pd.put(RiskGrade.B, new BigDecimal("0.025"));
        pd.put(RiskGrade.C, new BigDecimal("0.050"));
        pd.put(RiskGrade.D, new BigDecimal("0.100"));
        return new LendingPolicy(new BigDecimal("5000.00"), pd, new BigDecimal("0.45"), new BigDecimal("0.20"));
    }

    public LendingPolicy withFourEyesAbove(BigDecimal amount) {
        return new LendingPolicy(amount, probabilityOfDefault, lossGivenDefault, lossGivenDefaultCovered);
    }

    /** Expected loss = PD(grade) × LGD × exposure, scale 2, half-even; a loan without a grade counts as D. */
    public BigDecimal expectedLoss(RiskGrade grade, BigDecimal exposure, boolean covered) {
        BigDecimal pd = probabilityOfDefault.get(grade == null || grade == RiskGrade.E ? RiskGrade.D : grade);
        return exposure.multiply(pd).multiply(covered ? lossGivenDefaultCovered : lossGivenDefault).setScale(2, RoundingMode.HALF_EVEN);
    }
}
