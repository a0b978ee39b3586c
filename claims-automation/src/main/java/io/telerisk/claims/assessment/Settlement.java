package io.telerisk.claims.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a claim pays under its cover: the loss (as assessed, or as an adjuster approved it) is capped at the cover's
 * limit, then the deductible is taken off; the payout is never negative. Money at scale 2, HALF_UP.
 *
 * @param lossAmount gross loss, assessed or approved
 * @param limit      most the cover pays per claim
 * @param deductible what the insured bears per claim
 * @param payout     {@code max(0, min(lossAmount, limit) - deductible)}
 */
public record Settlement(BigDecimal lossAmount, BigDecimal limit, BigDecimal deductible, BigDecimal payout) {
    public Settlement {
        Objects.requireNonNull(lossAmount, "lossAmount");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(deductible, "deductible");
        Objects.requireNonNull(payout, "payout");
    }

    /** The settlement of {@code loss} under a cover with this limit and deductible. */
    public static Settlement of(BigDecimal loss, BigDecimal limit, BigDecimal deductible) {
        if (loss.signum() < 0) throw new IllegalArgumentException("a loss cannot be negative: " + loss.toPlainString());
        BigDecimal l = scale(loss), lim = scale(limit), ded = scale(deductible);
        BigDecimal payout = l.min(lim).subtract(ded).max(BigDecimal.ZERO.setScale(2));
        return new Settlement(l, lim, ded, payout);
    }

    /** Whether the limit cut the loss. */
    public boolean capped() {
        return lossAmount.compareTo(limit) > 0;
    }

    /** One line for evidence and ledger details. */
    public String explain() {
        return "payout " + payout.toPlainString() + " = min(loss " + lossAmount.toPlainString() + ", limit " + limit.toPlainString()
                + ") - deductible " + deductible.toPlainString() + (payout.signum() == 0 ? " (not below 0)" : "");
    }

    private static BigDecimal scale(BigDecimal b) {
        return b.setScale(2, RoundingMode.HALF_UP);
    }
}
