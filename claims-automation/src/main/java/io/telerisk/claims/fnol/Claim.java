package io.telerisk.claims.fnol;

import io.telerisk.claims.assessment.Assessment;
import io.telerisk.claims.assessment.Priority;
import io.telerisk.claims.assessment.Settlement;
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
 * @param amount         the payout approved or proposed (loss capped at the limit, less the deductible), scale 2, or
 *                       {@code null}
 * @param firstApprover  adjuster who approved first when four eyes are required, or {@code null}
 * @param currency       ISO 4217
 * @param lossAmount     the gross loss the payout derives from (assessed, or approved by an adjuster), or {@code null}
 * @param cover          the cover's terms when the claim was opened (limit, deductible), or {@code null} for claims
 *                       stored before the terms were kept
 * @param linkedClaimId  another claim about the same loss (a reported claim and the crash claim of the same
 *                       impulse), or {@code null}
 * @param version        how many times the stored claim changed; a change based on an older version is refused
 */
public record Claim(String claimId, ClaimSource source, DeviceKey device, String policyId, String coverageCode, ClaimStatus status,
                    Instant openedAt, Instant lossTime, CrashEvidence crash, ReportedLoss reported, Assessment assessment,
                    Priority priority, BigDecimal amount, String firstApprover, String currency, BigDecimal lossAmount,
                    Coverage cover, String linkedClaimId, long version) {
    public Claim {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(lossTime, "lossTime");
    }

    /** A new claim (status OPEN, version 0) under {@code cover}, before assessment. */
    public static Claim open(String claimId, ClaimSource source, DeviceKey device, String policyId, Coverage cover, Instant openedAt,
                             Instant lossTime, CrashEvidence crash, ReportedLoss reported) {
        return new Claim(claimId, source, device, policyId, cover.code(), ClaimStatus.OPEN, openedAt, lossTime, crash, reported, null,
                null, null, null, cover.currency(), null, cover, null, 0);
    }

    /** The settlement of {@code loss} under this claim's cover (no cap or deductible for claims without stored terms). */
    public Settlement settle(BigDecimal loss) {
        if (cover == null) return Settlement.of(loss, loss, BigDecimal.ZERO);
        return Settlement.of(loss, cover.limit(), cover.deductible());
    }

    /** The current settlement (loss, limit, deductible, payout), or {@code null} while no loss is known. */
    public Settlement settlement() {
        return lossAmount == null ? null : settle(lossAmount);
    }

    public Claim withStatus(ClaimStatus s) {
        return new Claim(claimId, source, device, policyId, coverageCode, s, openedAt, lossTime, crash, reported, assessment, priority,
                amount, firstApprover, currency, lossAmount, cover, linkedClaimId, version);
    }

    public Claim withAssessment(Assessment a) {
        return new Claim(claimId, source, device, policyId, coverageCode, status, openedAt, lossTime, crash, reported, a, priority,
                amount, firstApprover, currency, lossAmount, cover, linkedClaimId, version);
    }

    public Claim withPriority(Priority p) {
        return new Claim(claimId, source, device, policyId, coverageCode, status, openedAt, lossTime, crash, reported, assessment, p,
                amount, firstApprover, currency, lossAmount, cover, linkedClaimId, version);
    }

    /** The loss and the payout it gives under the cover. */
    public Claim withLoss(BigDecimal loss) {
        BigDecimal payout = loss == null ? null : settle(loss).payout();
        return new Claim(claimId, source, device, policyId, coverageCode, status, openedAt, lossTime, crash, reported, assessment, priority,
                payout, firstApprover, currency, loss == null ? null : settle(loss).lossAmount(), cover, linkedClaimId, version);
    }

    public Claim withFirstApprover(String adjuster) {
        return new Claim(claimId, source, device, policyId, coverageCode, status, openedAt, lossTime, crash, reported, assessment, priority,
                amount, adjuster, currency, lossAmount, cover, linkedClaimId, version);
    }

    public Claim withLinkedClaim(String otherClaimId) {
        return new Claim(claimId, source, device, policyId, coverageCode, status, openedAt, lossTime, crash, reported, assessment, priority,
                amount, firstApprover, currency, lossAmount, cover, otherClaimId, version);
    }

    /** The same claim at another stored version (set by repositories, never by callers). */
    public Claim withVersion(long v) {
        return new Claim(claimId, source, device, policyId, coverageCode, status, openedAt, lossTime, crash, reported, assessment, priority,
                amount, firstApprover, currency, lossAmount, cover, linkedClaimId, v);
    }
}
