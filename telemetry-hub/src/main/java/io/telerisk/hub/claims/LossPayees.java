package io.telerisk.hub.claims;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Port to the lender desk: where an approved parametric payout goes when its cover is linked to a loan (the lender
 * as loss payee). The claims side calls it; the hub wires the crop-credit desk behind it, so claims does not depend on
 * agri-credit. The cover id of a parametric claim is its policy id (the crop policy carrying the drought and excess
 * rain covers); that is the id a lender links to a loan.
 *
 * <p>Policy: the lender is loss payee only for claims whose trigger period starts after the day the cover was linked
 * (a drought already under way when the assignment was signed is the insured's loss, paid to the insured).
 */
public interface LossPayees {
    /** No lender anywhere: nothing is paid to a loan. */
    LossPayees NONE = new LossPayees() {
        @Override
        public Optional<String> pay(String tenant, String coverId, String claimId, LocalDate triggerStart, BigDecimal amount, LocalDate paidOn,
                                    String by) {
            return Optional.empty();
        }

        @Override
        public Optional<String> paidTo(String tenant, String claimId) {
            return Optional.empty();
        }
    };

    /**
     * Pays the claim's payout into the loan the cover is linked to, when the claim's trigger period starts after the
     * day of the link. Idempotent per claim id: a second call changes nothing (so it is safe to repeat after a
     * failure, and from several hubs).
     *
     * @param triggerStart first day of the period that triggered the claim
     * @return the loan's application id, or empty when the cover is linked to no loan or was linked only on or after
     * {@code triggerStart} (the insured is paid as usual)
     */
    Optional<String> pay(String tenant, String coverId, String claimId, LocalDate triggerStart, BigDecimal amount, LocalDate paidOn, String by);

    /** The loan this claim's payout was applied to, if any. */
    Optional<String> paidTo(String tenant, String claimId);
}
