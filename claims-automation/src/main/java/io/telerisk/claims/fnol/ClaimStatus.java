package io.telerisk.claims.fnol;

/** Life cycle of a claim. Every change is written to the audit ledger. */
public enum ClaimStatus {
    /** First notice of loss recorded with its evidence. */
    OPEN,
    /** Auto-assessment attached. */
    ASSESSED,
    /** Straight-through: approved by rules, amount within the insurer's limit. */
    AUTO_APPROVED,
    /** Waiting in the adjusters' queue. */
    AWAITING_ADJUSTER,
    /** An adjuster asked for more information. */
    INFORMATION_REQUESTED,
    /** Approved by one adjuster, amount over the four-eyes threshold: a second adjuster must approve. */
    AWAITING_SECOND_APPROVAL,
    /** Approved for payment. */
    APPROVED,
    /** Rejected. */
    REJECTED;

    public boolean closed() {
        return this == AUTO_APPROVED || this == APPROVED || this == REJECTED;
    }
}
