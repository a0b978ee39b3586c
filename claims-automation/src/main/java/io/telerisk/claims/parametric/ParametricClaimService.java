package io.telerisk.claims.parametric;

import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.fnol.ClaimJournal;
import io.telerisk.claims.fnol.ClaimSource;
import io.telerisk.claims.fnol.ClaimStatus;
import io.telerisk.claims.fnol.Coverage;
import io.telerisk.claims.assessment.Priority;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settles parametric covers: each triggered peril opens a {@link ClaimSource#PARAMETRIC} claim whose amount is the
 * computed payout, approved automatically up to {@code autoApproveUpTo} (the index is the evidence; no loss adjusting),
 * above it sent to an adjuster (P2) for the four-eyes payout. The explanation goes to the ledger. Re-running the same
 * period finds the claims already opened. Thread-safe.
 */
public final class ParametricClaimService {
    private final ParametricEvaluator evaluator;
    private final ClaimJournal journal;
    private final BigDecimal autoApproveUpTo;

    public ParametricClaimService(ParametricEvaluator evaluator, ClaimJournal journal, BigDecimal autoApproveUpTo) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.autoApproveUpTo = autoApproveUpTo.setScale(2, RoundingMode.HALF_UP);
    }

    /** The claim of a peril of a policy triggered from {@code triggerStart}: the same trigger period, the same claim. */
    public static String claimId(String policyId, String peril, LocalDate triggerStart) {
        return "PAR-" + policyId + "-" + peril + "-" + triggerStart;
    }

    /** The first day of the trigger period of a claim opened here (the end of its id), if the id is one. */
    public static Optional<LocalDate> triggerStartOf(String claimId) {
        if (claimId == null || !claimId.startsWith("PAR-") || claimId.length() < 15) return Optional.empty();
        try {
            return Optional.of(LocalDate.parse(claimId.substring(claimId.length() - 10)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Evaluates the period and opens a claim per triggered peril; returns those claims (new or already opened). */
    public List<Claim> settle(ParametricTerms terms, LocalDate from, LocalDate toInclusive, Instant now) {
        List<Claim> out = new ArrayList<>();
        DeviceKey sensor = new DeviceKey(terms.tenant(), DeviceType.FARM_SENSOR, terms.sensorDeviceId());
        for (ParametricPayout p : evaluator.evaluate(terms, from, toInclusive)) {
            if (!p.triggered()) continue;
            String id = claimId(terms.policyId(), p.peril().name(), p.eventStart());
            // the index is the loss: the payout is a share of the sum insured, no deductible
            Coverage cover = new Coverage(p.peril().name(), terms.sumInsured(), BigDecimal.ZERO, terms.currency());
            Claim c = Claim.open(id, ClaimSource.PARAMETRIC, sensor, terms.policyId(), cover, now,
                    p.eventEnd().atStartOfDay(ZoneOffset.UTC).toInstant(), null, null).withLoss(p.amount());
            Optional<Claim> existing = journal.open(c, "system", String.join(" | ", p.explanation()));
            if (existing.isPresent()) {
                out.add(existing.get());
                continue;
            }
            if (p.amount().compareTo(autoApproveUpTo) <= 0) {
                out.add(journal.change(c, c.withStatus(ClaimStatus.AUTO_APPROVED), now, "system", "PARAMETRIC_TRIGGER",
                        "payout " + p.amount().toPlainString() + " within the automatic limit " + autoApproveUpTo.toPlainString()));
            } else {
                out.add(journal.change(c, c.withPriority(Priority.P2).withStatus(ClaimStatus.AWAITING_ADJUSTER), now, "system", "PARAMETRIC_TRIGGER",
                        "payout " + p.amount().toPlainString() + " above the automatic limit " + autoApproveUpTo.toPlainString() + ": adjuster approval"));
            }
        }
        return out;
    }
}
