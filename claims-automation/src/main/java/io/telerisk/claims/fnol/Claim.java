package io.telerisk.claims.fnol;

import io.telerisk.claims.assessment.Assessment;
import io.telerisk.claims.assessment.Priority;
import io.telerisk.model.DeviceKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A claim (immutable; each change makes a new value that the journal stores and writes to the ledger).
 *
 * @param claimId        id, derived from the source so redelivered events find the same claim
 * @param source         how it came in
 * @param device         the device of the insured vehicle or field
 * @param policyId       the policy found for the device
 * @param coverageCode   the cover claimed under
 * @param status         life-cycle state
 * @param openedAt       FNOL time (when the hub received it)
 * @param lossTime       when the loss happened
 * @param crash          crash evidence, or {@code null}
 * @param reported       the person's report, or {@code null}
 * @param assessment     auto-assessment, or {@code null} before it
 * @param priority       adjuster priority, or {@code null}
 * @param amount         amount approved or proposed, scale 2, or {@code null}
 * @param firstApprover  adjuster who approved first when four eyes are required, or {@code null}
 * @param currency       ISO 4217
 */
public record Claim(String claimId, ClaimSource source, DeviceKey device, String policyId, String coverageCode, ClaimStatus status,
                    Instant openedAt, Instant lossTime, CrashEvidence crash, ReportedLoss reported, Assessment assessment,
                    Priority priority, BigDecimal amount, String firstApprover, String currency) {
    public Claim {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(lossTime, "lossTime");
    }

    public Claim withStatus(ClaimStatus s) {
        return new Claim(claimId, source, device, policyId, coverageCode, s, openedAt, lossTime, crash, reported, assessment, priority, amount, firstApprover, currency);
    }

    public Claim withAssessment(Assessment a) {
        return new Claim(claimId, source, device, policyId, coverageCode, status, openedAt, lossTime, crash, reported, a, priority, amount, firstApprover, currency);
    }

    public Claim withPriority(Priority p) {
        return new Claim(claimId, source, device, policyId, coverageCode, status, openedAt, lossTime, crash, reported, assessment, p, amount, firstApprover, currency);
    }

    public Claim withAmount(BigDecimal a) {
        return new Claim(claimId, source, device, policyId, coverageCode, status, openedAt, lossTime, crash, reported, assessment, priority, a, firstApprover, currency);
    }

    public Claim withFirstApprover(String adjuster) {
        return new Claim(claimId, source, device, policyId, coverageCode, status, openedAt, lossTime, crash, reported, assessment, priority, amount, adjuster, currency);
    }
}
