package io.telerisk.claims.review;

import io.telerisk.claims.assessment.Priority;
import io.telerisk.claims.assessment.Settlement;
import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.fnol.ClaimJournal;
import io.telerisk.claims.fnol.ClaimStatus;
import io.telerisk.claims.fnol.StaleClaimException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Adjuster review: the queue (claims waiting for an adjuster or a second approval, sorted by priority, then by how
 * close they are to their SLA), claim detail, and decisions with reason codes. An approval above
 * {@code fourEyesThreshold} needs a second, different adjuster: the first approval moves the claim to
 * {@link ClaimStatus#AWAITING_SECOND_APPROVAL}. Every decision is a ledger entry. Thread-safe.
 */
public final class AdjusterDesk {
    private final ClaimJournal journal;
    private final BigDecimal fourEyesThreshold;

    public AdjusterDesk(ClaimJournal journal, BigDecimal fourEyesThreshold) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.fourEyesThreshold = fourEyesThreshold.setScale(2, RoundingMode.HALF_UP);
    }

    /** The states of claims in the queue: waiting for an adjuster, a second approval or information. */
    public static final List<ClaimStatus> QUEUED = List.of(ClaimStatus.AWAITING_ADJUSTER, ClaimStatus.AWAITING_SECOND_APPROVAL,
            ClaimStatus.INFORMATION_REQUESTED);

    /**
     * Open work at {@code now}, most urgent first: priority, then SLA due time, then claim id. Within one priority the
     * due time is FNOL + the same SLA, so a store can sort by (priority, FNOL time, claim id) and page in its query.
     */
    public List<QueueItem> queue(Instant now) {
        return journal.repository().byStatus(QUEUED.toArray(ClaimStatus[]::new))
                .stream().map(c -> item(c, now))
                .sorted(Comparator.comparing(QueueItem::priority).thenComparing(QueueItem::due).thenComparing(i -> i.claim().claimId()))
                .toList();
    }

    /** A queued claim as the queue shows it at {@code now} (a claim without priority counts as P3). */
    public static QueueItem item(Claim c, Instant now) {
        Priority p = c.priority() == null ? Priority.P3 : c.priority();
        Instant due = c.openedAt().plus(p.sla());
        return new QueueItem(c, p, Duration.between(c.openedAt(), now), due, now.isAfter(due));
    }

    /** A claim with its assessment and evidence. */
    public Claim detail(String claimId) {
        return journal.repository().find(claimId).orElseThrow(() -> new NoSuchElementException("no claim " + claimId));
    }

    /** Applies an adjuster's decision to the claim as it is now (see {@link #decide(String, String, Decision, Instant, Long)}). */
    public Claim decide(String claimId, String adjusterId, Decision decision, Instant at) {
        return decide(claimId, adjusterId, decision, at, null);
    }

    /**
     * Applies an adjuster's decision. An approval approves a loss (the assessed one, or the amount of
     * {@link Decision.AdjustAmount}); the payout is that loss capped at the cover's limit, less its deductible
     * ({@link Claim#settle}), and the four-eyes threshold applies to the payout.
     *
     * @param expectedVersion the claim version the adjuster decided on, or {@code null} to decide on the current one
     * @throws FourEyesViolation   when the claim is not open for review, or the same adjuster gives the second approval
     * @throws StaleClaimException when the claim is no longer at {@code expectedVersion}
     */
    public Claim decide(String claimId, String adjusterId, Decision decision, Instant at, Long expectedVersion) {
        Objects.requireNonNull(adjusterId, "adjusterId");
        synchronized (journal.lockOf(claimId)) {
            Claim c = detail(claimId);
            if (expectedVersion != null && c.version() != expectedVersion) throw new StaleClaimException(claimId, expectedVersion, c.version());
            if (c.status() != ClaimStatus.AWAITING_ADJUSTER && c.status() != ClaimStatus.AWAITING_SECOND_APPROVAL
                    && c.status() != ClaimStatus.INFORMATION_REQUESTED) {
                throw new FourEyesViolation("claim " + claimId + " is " + c.status() + ", not open for review");
            }
            String reason = decision.reason().name();
            if (decision instanceof Decision.Reject) {
                return journal.change(c, c.withStatus(ClaimStatus.REJECTED), at, adjusterId, reason, "rejected");
            }
            if (decision instanceof Decision.RequestInformation ri) {
                return journal.change(c, c.withStatus(ClaimStatus.INFORMATION_REQUESTED), at, adjusterId, reason, "requested: " + ri.what());
            }
            BigDecimal assessed = c.lossAmount() != null ? c.lossAmount() : c.amount();
            BigDecimal loss = decision instanceof Decision.AdjustAmount adj ? adj.amount().setScale(2, RoundingMode.HALF_UP) : assessed;
            if (loss == null) throw new FourEyesViolation("claim " + claimId + " has no assessed loss: use AdjustAmount");
            Settlement s = c.settle(loss);
            if (c.status() == ClaimStatus.AWAITING_SECOND_APPROVAL) {
                if (adjusterId.equals(c.firstApprover())) {
                    throw new FourEyesViolation("claim " + claimId + " was approved by " + c.firstApprover()
                            + "; a different adjuster must give the second approval");
                }
                if (assessed == null || s.lossAmount().compareTo(assessed) != 0) {
                    // a changed amount restarts the four-eyes check with this adjuster as the first approver
                    return firstApproval(c, adjusterId, s, reason, at);
                }
                return journal.change(c, c.withLoss(loss).withStatus(ClaimStatus.APPROVED), at, adjusterId, reason,
                        "second approval: " + s.explain() + " (first: " + c.firstApprover() + ")");
            }
            return firstApproval(c, adjusterId, s, reason, at);
        }
    }

    private Claim firstApproval(Claim c, String adjusterId, Settlement s, String reason, Instant at) {
        Claim approved = c.withLoss(s.lossAmount()).withFirstApprover(adjusterId);
        String capped = s.capped() ? "; the approved loss exceeds the cover limit, which caps it" : "";
        if (s.payout().compareTo(fourEyesThreshold) > 0) {
            return journal.change(c, approved.withStatus(ClaimStatus.AWAITING_SECOND_APPROVAL), at, adjusterId, reason,
                    "approved: " + s.explain() + capped + "; above the four-eyes threshold " + fourEyesThreshold.toPlainString()
                            + ": second approval required");
        }
        return journal.change(c, approved.withStatus(ClaimStatus.APPROVED), at, adjusterId, reason, "approved: " + s.explain() + capped);
    }
}
