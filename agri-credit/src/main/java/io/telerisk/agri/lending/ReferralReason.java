package io.telerisk.agri.lending;

/** Why a credit officer approved or declined a referred application (one code per decision, plus a free note). */
public enum ReferralReason {
    /** Approve: the field was visited or checked on recent imagery and the crop is as declared. */
    FIELD_VERIFIED(true),
    /** Approve: the borrower has repaid earlier seasons' loans on time. */
    REPAYMENT_HISTORY(true),
    /** Approve: security besides the crop (guarantor, cooperative, savings) covers the gap above the limit. */
    ADDITIONAL_SECURITY(true),
    /** Approve: a crop cover with the lender as loss payee protects the repayment. */
    CROP_COVER(true),
    /** Decline: not enough evidence of the crop's condition to lend. */
    INSUFFICIENT_EVIDENCE(false),
    /** Decline: the crop is in poor condition. */
    POOR_CROP_CONDITION(false),
    /** Decline: the borrower already owes too much. */
    OVER_INDEBTED(false),
    /** Decline: the application or the field's data look wrong (boundary, device, identity). */
    DATA_INCONSISTENT(false);

    private final boolean approves;

    ReferralReason(boolean approves) {
        this.approves = approves;
    }

    /** True for reasons given with an approval, false for those given with a decline. */
    public boolean approves() {
        return approves;
    }
}
