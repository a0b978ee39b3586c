package io.telerisk.agri.lending;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A crop cover assigned to a loan: from the day of the link the lender is the cover's loss payee, and a payout of a
 * claim on that cover goes to the loan's instalments instead of to the insured. The one rule, applied to payouts
 * however they arrive (the claims side's automatic payout or a payout posted by hand): the lender is loss payee only
 * of claims whose trigger period starts after the day of the link. A drought already under way when the assignment
 * was signed is the insured's loss, paid to the insured, even when the claim is approved later.
 *
 * @param coverId  the insurer's id of the cover (the crop policy)
 * @param linkedOn the day the assignment was signed (UTC)
 */
public record LossPayeeAssignment(String coverId, LocalDate linkedOn) {
    public LossPayeeAssignment {
        Objects.requireNonNull(coverId, "coverId");
        Objects.requireNonNull(linkedOn, "linkedOn");
    }

    /** What becomes of a claim's payout on this cover. */
    public enum Payee {
        /** To the loan's instalments. */
        LENDER,
        /** To the insured: the claim's trigger period started on or before the day of the link. */
        INSURED
    }

    /**
     * Who is paid a claim on this cover whose trigger period starts on {@code triggerStart}.
     *
     * @param triggerStart first day of the period that triggered the claim (UTC)
     */
    public Payee payeeOf(LocalDate triggerStart) {
        Objects.requireNonNull(triggerStart, "triggerStart");
        return triggerStart.isAfter(linkedOn) ? Payee.LENDER : Payee.INSURED;
    }

    /** Why a claim triggered on {@code triggerStart} is not the lender's, in words for a problem detail. */
    public String insuredBecause(LocalDate triggerStart) {
        return "the trigger period of the claim starts on " + triggerStart + ", not after the day cover " + coverId
                + " was linked to the loan (" + linkedOn + "): the payout is the insured's";
    }
}
