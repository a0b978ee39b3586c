package io.telerisk.agri.loan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link LoanApplication}.
 *
 * @param applicationId     application
 * @param tenant            tenant
 * @param deviceId          requesting device
 * @param fieldId           the device's field, or {@code null} when the device is not registered
 * @param outcome           approve, decline or refer
 * @param reasonCode        machine-readable main reason, e.g. {@code WITHIN_LIMIT}, {@code UNREGISTERED_DEVICE}
 * @param amountRequested   requested principal
 * @param approvedAmount    principal granted: zero unless approved (a referral grants nothing until an officer decides)
 * @param offeredAmount     the most the policy would lend on this application: the request capped at the limit (zero
 *                          when declined); for a referral, where the credit officer starts
 * @param limit             credit limit of the field
 * @param currency          currency
 * @param grade             risk grade, or {@code null} when not graded
 * @param annualRatePercent interest rate for the grade, or {@code null}
 * @param termMonths        term asked for, in months
 * @param schedule          repayments, all after the harvest (empty unless approved)
 * @param factors           every factor looked at and its value
 * @param decidedAt         decision time
 */
public record LoanDecision(String applicationId, String tenant, String deviceId, String fieldId, LoanOutcome outcome,
                           String reasonCode, BigDecimal amountRequested, BigDecimal approvedAmount, BigDecimal offeredAmount, BigDecimal limit,
                           Currency currency, RiskGrade grade, BigDecimal annualRatePercent, int termMonths, List<Instalment> schedule,
                           List<Factor> factors, Instant decidedAt) {
    public LoanDecision {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(approvedAmount, "approvedAmount");
        Objects.requireNonNull(offeredAmount, "offeredAmount");
        if (outcome != LoanOutcome.APPROVE && approvedAmount.signum() != 0) {
            throw new IllegalArgumentException(outcome + " grants nothing, approvedAmount must be 0, got " + approvedAmount);
        }
        schedule = List.copyOf(schedule);
        factors = List.copyOf(factors);
    }

    /** Principal still owed: the approved amount (repayments are tracked by the lender's ledger, not here). */
    public BigDecimal outstandingPrincipal() {
        return outcome == LoanOutcome.APPROVE ? approvedAmount : BigDecimal.ZERO;
    }
}
