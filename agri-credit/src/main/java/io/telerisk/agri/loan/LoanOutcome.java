package io.telerisk.agri.loan;

/** What the lender answers. */
public enum LoanOutcome {
    /** Approved for the requested amount. */
    APPROVE,
    /** Not approved; the factors say why. */
    DECLINE,
    /** A credit officer must look at it (data missing, or more than the limit but not far off). */
    REFER
}
