package io.telerisk.claims.review;

/** Reason codes of adjuster decisions, recorded in the audit ledger. */
public enum ReasonCode {
    COVERED_AS_ASSESSED,
    AMOUNT_PER_REPAIR_QUOTE,
    AMOUNT_PER_POLICY_TERMS,
    PARTIAL_LIABILITY,
    NOT_COVERED,
    POLICY_NOT_IN_FORCE,
    FRAUD_CONFIRMED,
    DUPLICATE_CLAIM,
    NO_LOSS_EVIDENCE,
    NEED_REPAIR_QUOTE,
    NEED_POLICE_REPORT,
    NEED_PHOTOS,
    NEED_THIRD_PARTY_DETAILS
}
