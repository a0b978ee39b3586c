/**
 * The credit officer's desk after the automatic decision: referrals decided by a person with a reason code and
 * four-eyes above a threshold ({@link io.telerisk.agri.lending.FourEyes}), and each approved loan's account —
 * disbursement, repayments, crop-cover payouts applied to the instalments, arrears
 * ({@link io.telerisk.agri.lending.LoanLedger}) — and the portfolio's expected loss
 * ({@link io.telerisk.agri.lending.LendingPolicy}). Plain Java: the hub stores and serves it.
 */
package io.telerisk.agri.lending;
