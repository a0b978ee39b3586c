package io.telerisk.agri.lending;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Money received on a loan.
 *
 * @param paymentId id (unique per tenant)
 * @param amount    positive, scale 2
 * @param paidOn    value date
 * @param source    who paid
 * @param reference the borrower's or the bank's reference; for a cover payout, the claim id (one payout per claim)
 */
public record Payment(String paymentId, BigDecimal amount, LocalDate paidOn, Source source, String reference) {
    public Payment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(paidOn, "paidOn");
        Objects.requireNonNull(source, "source");
        if (amount.signum() <= 0) throw new IllegalArgumentException("a payment is positive");
        if (amount.scale() > 2) throw new IllegalArgumentException("a payment has at most 2 decimals");
    }

    /** Who paid. */
    public enum Source {
        /** The farmer. */
        BORROWER,
        /** A crop cover on which the lender is loss payee: the insurer paid the claim to the lender. */
        COVER_PAYOUT
    }
}
