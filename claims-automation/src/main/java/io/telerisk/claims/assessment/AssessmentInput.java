package io.telerisk.claims.assessment;

import io.telerisk.claims.crash.ImpactDirection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the assessor needs to know about one claim.
 *
 * @param deltaVKmh           measured delta-V, or {@code null} when no crash pulse is known
 * @param direction           struck side, or {@code null}
 * @param confidence          0..1, how sure the evidence is
 * @param confidenceSource    what the confidence is (classifier name, telemetry corroboration)
 * @param lossTime            when the loss happened
 * @param policyInception     when cover started
 * @param coverLimit          cover limit per claim
 * @param deductible          deductible per claim
 * @param currency            ISO 4217
 * @param earlierClaimTimes   loss times of the policy's other claims
 * @param telemetrySignals    signals the telemetry cross-check of a reported loss already found
 * @param telemetryEvidence   what that cross-check did
 * @param claimedAmount       what the claimant asks for, or {@code null}: the assessed loss never exceeds it
 */
public record AssessmentInput(Double deltaVKmh, ImpactDirection direction, double confidence, String confidenceSource,
                              Instant lossTime, Instant policyInception, BigDecimal coverLimit, BigDecimal deductible,
                              String currency, List<Instant> earlierClaimTimes, List<FraudSignal> telemetrySignals,
                              List<String> telemetryEvidence, BigDecimal claimedAmount) {
    public AssessmentInput {
        Objects.requireNonNull(lossTime, "lossTime");
        Objects.requireNonNull(policyInception, "policyInception");
        Objects.requireNonNull(coverLimit, "coverLimit");
        Objects.requireNonNull(deductible, "deductible");
        earlierClaimTimes = List.copyOf(earlierClaimTimes);
        telemetrySignals = List.copyOf(telemetrySignals);
        telemetryEvidence = List.copyOf(telemetryEvidence);
    }
}
