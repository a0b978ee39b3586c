package io.telerisk.agri.lending;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Four-eyes on referral decisions: an approval above {@code threshold} takes effect only when a second, different
 * credit officer confirms the same verdict and amount; declines and approvals up to the threshold take effect at once.
 * A second officer who disagrees (another verdict or amount) replaces the proposal with their own, which then needs
 * a confirmation in turn — so nothing above the threshold is ever lent on one person's word.
 */
public final class FourEyes {
    private final BigDecimal threshold;

    public FourEyes(BigDecimal threshold) {
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        if (threshold.signum() < 0) throw new IllegalArgumentException("four-eyes threshold must not be negative");
    }

    public BigDecimal threshold() {
        return threshold;
    }

    /** An officer's decision on a referral. */
    public record Proposal(Verdict verdict, BigDecimal amount, ReferralReason reason, String note, String officer, Instant at) {
        public Proposal {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(officer, "officer");
            Objects.requireNonNull(at, "at");
            if (verdict == Verdict.DECLINE && amount.signum() != 0) throw new IllegalArgumentException("a decline lends nothing");
            if (verdict == Verdict.APPROVE && amount.signum() <= 0) throw new IllegalArgumentException("an approval lends a positive amount");
            if (reason.approves() != (verdict == Verdict.APPROVE)) {
                throw new IllegalArgumentException("reason " + reason + " goes with " + (reason.approves() ? "APPROVE" : "DECLINE"));
            }
            note = note == null ? "" : note;
        }

        boolean sameAs(Proposal o) {
            return verdict == o.verdict && amount.compareTo(o.amount) == 0;
        }
    }

    /**
     * A referral's review: the proposal and, when four-eyes applied, who confirmed it.
     *
     * @param proposal    the decision
     * @param confirmedBy second officer, or {@code null}
     * @param confirmedAt when confirmed, or {@code null}
     * @param final_      true once the decision takes effect
     */
    public record Review(Proposal proposal, String confirmedBy, Instant confirmedAt, boolean final_) {
    }

    /** What became of a proposal. */
    public sealed interface Step permits Step.Decided, Step.AwaitingSecond, Step.Refused {
        /** The decision takes effect now. */
        record Decided(Review review) implements Step {
        }

        /** Recorded; a second officer must confirm. */
        record AwaitingSecond(Review review) implements Step {
        }

        /** Not accepted (e.g. the proposer tried to confirm their own proposal). */
        record Refused(String reason) implements Step {
        }
    }

    /** True when an approval of {@code amount} needs a second officer. */
    public boolean needsSecond(Verdict verdict, BigDecimal amount) {
        return verdict == Verdict.APPROVE && amount.compareTo(threshold) > 0;
    }

    /** Applies {@code p} to the referral's pending review (empty when none). */
    public Step apply(Optional<Review> pending, Proposal p) {
        if (pending.isPresent() && pending.get().final_()) return new Step.Refused("the referral is already decided");
        if (!needsSecond(p.verdict(), p.amount())) return new Step.Decided(new Review(p, null, null, true));
        if (pending.isEmpty() || !pending.get().proposal().sameAs(p)) return new Step.AwaitingSecond(new Review(p, null, null, false));
        Proposal first = pending.get().proposal();
        if (first.officer().equals(p.officer())) {
            return new Step.Refused("four-eyes: " + p.officer() + " proposed this approval; a second credit officer must confirm it");
        }
        return new Step.Decided(new Review(first, p.officer(), p.at(), true));
    }
}
