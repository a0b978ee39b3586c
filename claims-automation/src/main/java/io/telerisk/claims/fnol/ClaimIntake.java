package io.telerisk.claims.fnol;

import io.telerisk.claims.assessment.Assessment;
import io.telerisk.claims.assessment.AssessmentInput;
import io.telerisk.claims.assessment.Assessor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a claim, attaches its auto-assessment and routes it (straight-through approval or the adjusters' queue), each
 * step a ledger entry. Shared by device crashes, reported losses and parametric triggers. Thread-safe.
 */
public final class ClaimIntake {
    public static final String SYSTEM = "system";
    private final ClaimJournal journal;
    private final Assessor assessor;

    public ClaimIntake(ClaimJournal journal, Assessor assessor) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.assessor = Objects.requireNonNull(assessor, "assessor");
    }

    public ClaimJournal journal() {
        return journal;
    }

    public Assessor assessor() {
        return assessor;
    }

    /** Loss times of the policy's other claims. */
    public List<Instant> otherClaimTimes(String policyId, String claimId) {
        return journal.repository().lossTimes(policyId).stream().filter(c -> !c.claimId().equals(claimId))
                .map(ClaimRepository.LossTime::lossTime).toList();
    }

    /**
     * Opens {@code claim} (status OPEN) unless its id exists, then assesses and routes it.
     *
     * @return the routed claim, or the existing claim marked as a duplicate
     */
    public Result intake(Claim claim, AssessmentInput input, String openDetail) {
        // opened, assessed and routed in one transaction: a crash half-way leaves no claim stuck OPEN
        Assessment a = assessor.assess(input);
        return journal.inTransaction(() -> intake(claim, a, openDetail));
    }

    private Result intake(Claim claim, Assessment a, String openDetail) {
        Optional<Claim> existing = journal.open(claim, SYSTEM, openDetail);
        if (existing.isPresent()) return new Result(existing.get(), true);
        Instant at = claim.openedAt();
        Claim assessed = journal.change(claim.withVersion(0), claim.withAssessment(a).withStatus(ClaimStatus.ASSESSED), at, SYSTEM, "AUTO_ASSESSMENT",
                String.join(" | ", a.evidence()));
        Claim routed;
        if (a.routing().straightThrough()) {
            routed = journal.change(assessed, assessed.withLoss(a.lossEstimate()).withStatus(ClaimStatus.AUTO_APPROVED), at, SYSTEM,
                    "STRAIGHT_THROUGH", String.join(" | ", a.routing().reasons()));
        } else {
            routed = journal.change(assessed, assessed.withPriority(a.routing().priority()).withLoss(a.lossEstimate())
                    .withStatus(ClaimStatus.AWAITING_ADJUSTER), at, SYSTEM, "TO_ADJUSTER_" + a.routing().priority(), String.join(" | ", a.routing().reasons()));
        }
        return new Result(routed, false);
    }

    /** The claim after intake, and whether it already existed. */
    public record Result(Claim claim, boolean duplicate) {
    }
}
