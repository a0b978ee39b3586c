package io.telerisk.hub.agri;

import io.telerisk.agri.lending.LossPayeeAssignment;
import io.telerisk.agri.lending.Payment;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.claims.parametric.ParametricClaimService;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.claims.LossPayees;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static io.telerisk.hub.agri.AgriInput.amount;
import static io.telerisk.hub.agri.AgriInput.date;
import static io.telerisk.hub.agri.AgriInput.id;
import static io.telerisk.hub.agri.AgriInput.requireAny;
import static io.telerisk.hub.agri.AgriInput.text;
import static io.telerisk.hub.agri.AgriInput.today;

/**
 * Crop covers on loans ({@code /api/v1/lender/loans/{id}/cover} and {@code /api/v1/lender/cover-payouts}): a lender
 * links a cover to a loan and becomes its loss payee; the payouts of parametric claims triggered after the day of the
 * link go to the loan's instalments. {@link #applyCoverPayout} is the one entry point for both the claims side (in
 * the same hub, through {@link #asLossPayees()}) and a payout posted by hand; one payout per claim id.
 */
public final class LoanCovers {
    private final JdbcLending lending;
    private final LoanAccounts accounts;
    private final Clock clock;

    LoanCovers(JdbcLending lending, LoanAccounts accounts, Clock clock) {
        this.lending = Objects.requireNonNull(lending);
        this.accounts = Objects.requireNonNull(accounts);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Links a crop cover to a loan: the lender is its loss payee, the payouts of parametric claims whose trigger period
     * starts after the day of the link go to the instalments. {@code linkedOn} (optional, the day the assignment was
     * signed; default now) lies between the loan's decision and today.
     */
    public AgriReply linkCover(Principal p, String tenant, String applicationId, JsonObject b) {
        requireAny(p, Role.LENDER);
        LoanDecision d = accounts.approved(tenant, applicationId);
        if (b.getValue("coverId") == null) throw AgriProblem.badRequest("coverId (1-64 of [A-Za-z0-9._-]) is required");
        String coverId = id(b, "coverId", true);
        String insurer = Optional.ofNullable(text(b, "insurer", false)).orElse(tenant);
        LocalDate today = today(clock);
        Instant linkedAt = clock.instant();
        if (b.getValue("linkedOn") != null) {
            LocalDate on = date(b, "linkedOn");
            if (on.isAfter(today)) throw AgriProblem.badRequest("linkedOn " + on + " is in the future");
            if (on.isBefore(d.decidedAt().atZone(ZoneOffset.UTC).toLocalDate())) throw AgriProblem.badRequest("linkedOn " + on + " is before the decision");
            if (on.isBefore(today)) linkedAt = on.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            lending.linkCover(tenant, new JdbcLending.CoverLink(applicationId, coverId, insurer, p.username(), linkedAt));
        } catch (JdbcLending.AlreadyRecorded e) {
            throw new AgriProblem(409, "conflict", e.getMessage());
        }
        return new AgriReply(201, accounts.detail(tenant, applicationId, today));
    }

    /**
     * Applies a payout of a crop cover linked to a loan to that loan's instalments (lender as loss payee). Lenders,
     * adjusters (the claims desk) and operators. {@code triggerStart} is the first day of the period that triggered the
     * claim; it may be left out for the hub's own parametric claims, whose id carries it. 201 with the loan; 200 with
     * {@code alreadyApplied} when this claim's payout is already on the loan; 404 when no loan has this cover; 422
     * {@code not_loss_payee} when the claim's trigger period does not start after the day of the link (the same rule
     * as the automatic path: {@link LossPayeeAssignment}).
     */
    public AgriReply coverPayout(Principal p, String tenant, JsonObject b) {
        requireAny(p, Role.LENDER, Role.ADJUSTER, Role.OPERATOR, Role.PLATFORM_OPERATOR);
        String coverId = text(b, "coverId", false);
        String claimId = text(b, "claimId", false);
        if (coverId == null || claimId == null) throw AgriProblem.badRequest("coverId and claimId are required");
        BigDecimal amount = amount(b, "amount", true);
        if (amount.signum() <= 0) throw AgriProblem.badRequest("amount must be positive");
        LocalDate on = b.getValue("paidOn") == null ? today(clock) : date(b, "paidOn");
        LocalDate triggerStart = triggerStart(claimId, b);
        if (triggerStart.isAfter(on)) throw AgriProblem.badRequest("triggerStart " + triggerStart + " is after paidOn " + on + ": nothing has triggered yet");
        CoverPayoutResult r = applyCoverPayout(tenant, coverId, claimId, triggerStart, amount, on, p.username());
        if (r.outcome() == CoverPayoutResult.Outcome.INSURED) {
            throw new AgriProblem(422, "not_loss_payee", lending.loanOfCover(tenant, coverId).orElseThrow().assignment().insuredBecause(triggerStart));
        }
        JsonObject loan = accounts.detail(tenant, r.applicationId(), today(clock));
        return new AgriReply(r.applied() ? 201 : 200, loan.put("alreadyApplied", !r.applied()));
    }

    /** The body's {@code triggerStart}, or the one a hub parametric claim id carries; both must agree when both are given. */
    private static LocalDate triggerStart(String claimId, JsonObject b) {
        Optional<LocalDate> fromId = ParametricClaimService.triggerStartOf(claimId);
        if (b.getValue("triggerStart") == null) {
            return fromId.orElseThrow(() -> AgriProblem.badRequest("triggerStart (YYYY-MM-DD, the first day of the period that triggered claim "
                    + claimId + ") is required: the lender is loss payee only of claims triggered after the day the cover was linked"));
        }
        LocalDate given = date(b, "triggerStart");
        if (fromId.isPresent() && !fromId.get().equals(given)) {
            throw AgriProblem.badRequest("triggerStart " + given + " is not the trigger start of claim " + claimId + " (" + fromId.get() + ")");
        }
        return given;
    }

    /** Outcome of {@link #applyCoverPayout}: the loan of the cover, and what became of the payout. */
    public record CoverPayoutResult(String applicationId, Outcome outcome) {
        public enum Outcome {
            /** Applied to the loan's instalments now. */
            APPLIED,
            /** This claim's payout was on the loan already: nothing changed. */
            ALREADY_APPLIED,
            /** Not the lender's: the claim was triggered on or before the day of the link; nothing recorded. */
            INSURED
        }

        public boolean applied() {
            return outcome == Outcome.APPLIED;
        }
    }

    /**
     * The one entry point for a cover payout to the lender, automatic (the claims side) or posted by hand: pays
     * {@code amount} of claim {@code claimId} on cover {@code coverId} into the loan the cover is linked to (value
     * date {@code paidOn}), applied to the instalments like a repayment, when the lender is loss payee of a claim
     * triggered on {@code triggerStart} ({@link LossPayeeAssignment#payeeOf}). Idempotent per claim: a second call
     * for the same claim changes nothing.
     *
     * @throws AgriProblem 404 when the cover is linked to no loan
     */
    public CoverPayoutResult applyCoverPayout(String tenant, String coverId, String claimId, LocalDate triggerStart, BigDecimal amount,
                                              LocalDate paidOn, String by) {
        JdbcLending.CoverLink link = lending.loanOfCover(tenant, coverId)
                .orElseThrow(() -> AgriProblem.notFound("cover " + coverId + " is linked to no loan"));
        if (link.assignment().payeeOf(triggerStart) == LossPayeeAssignment.Payee.INSURED) {
            return new CoverPayoutResult(link.applicationId(), CoverPayoutResult.Outcome.INSURED);
        }
        try {
            lending.addPayment(tenant, link.applicationId(), new Payment("pay-" + UUID.randomUUID(), amount.setScale(2, RoundingMode.HALF_EVEN),
                    paidOn, Payment.Source.COVER_PAYOUT, claimId), by, clock.instant());
            return new CoverPayoutResult(link.applicationId(), CoverPayoutResult.Outcome.APPLIED);
        } catch (JdbcLending.AlreadyRecorded e) {
            return new CoverPayoutResult(link.applicationId(), CoverPayoutResult.Outcome.ALREADY_APPLIED);
        }
    }

    /** The loan a cover payout of {@code claimId} went to, if any. */
    public Optional<String> loanPaidByClaim(String tenant, String claimId) {
        return lending.loanPaidByClaim(tenant, claimId);
    }

    /** These covers as the claims side's loss-payee port: a payout on a cover linked to no loan goes nowhere here. */
    public LossPayees asLossPayees() {
        return new LossPayees() {
            @Override
            public Optional<String> pay(String tenant, String coverId, String claimId, LocalDate triggerStart, BigDecimal amount,
                                        LocalDate paidOn, String by) {
                if (lending.loanOfCover(tenant, coverId).isEmpty()) return Optional.empty();
                CoverPayoutResult r = applyCoverPayout(tenant, coverId, claimId, triggerStart, amount, paidOn, by);
                return r.outcome() == CoverPayoutResult.Outcome.INSURED ? Optional.empty() : Optional.of(r.applicationId());
            }

            @Override
            public Optional<String> paidTo(String tenant, String claimId) {
                return lending.loanPaidByClaim(tenant, claimId);
            }
        };
    }
}
