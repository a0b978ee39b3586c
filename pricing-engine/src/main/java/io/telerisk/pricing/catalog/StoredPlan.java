package io.telerisk.pricing.catalog;

import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanStatus;
import io.telerisk.pricing.plan.RatingPlan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A plan document with its lifecycle state, as the repository keeps it.
 *
 * @param document   the document as authored (a deviation stays a deviation here)
 * @param status     lifecycle state
 * @param author     who saved the draft
 * @param savedAt    when the draft was last saved (UTC)
 * @param approver   who approved it, {@code null} before approval
 * @param approvedAt when, {@code null} before approval
 * @param retiredOn  first day the plan no longer applies, {@code null} unless retired
 */
public record StoredPlan(RatingPlan document, PlanStatus status, String author, Instant savedAt, String approver,
                         Instant approvedAt, LocalDate retiredOn) {
    public StoredPlan {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(savedAt, "savedAt");
    }

    public PlanKey key() { return document.key(); }

    StoredPlan withStatus(PlanStatus s, String approver, Instant approvedAt, LocalDate retiredOn) {
        return new StoredPlan(document, s, author, savedAt, approver, approvedAt, retiredOn);
    }
}
