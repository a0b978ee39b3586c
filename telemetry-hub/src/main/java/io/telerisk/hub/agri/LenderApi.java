package io.telerisk.hub.agri;

import io.telerisk.agri.lending.FourEyes;
import io.telerisk.agri.lending.LendingPolicy;
import io.telerisk.agri.lending.Payment;
import io.telerisk.agri.lending.ReferralReason;
import io.telerisk.agri.lending.Verdict;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanOutcome;
import io.telerisk.agri.loan.LoanService;
import io.telerisk.hub.api.ListPage;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

import static io.telerisk.hub.agri.AgriInput.amount;
import static io.telerisk.hub.agri.AgriInput.asOf;
import static io.telerisk.hub.agri.AgriInput.date;
import static io.telerisk.hub.agri.AgriInput.enumValue;
import static io.telerisk.hub.agri.AgriInput.money;
import static io.telerisk.hub.agri.AgriInput.requireAny;
import static io.telerisk.hub.agri.AgriInput.text;
import static io.telerisk.hub.agri.AgriInput.today;

/**
 * The credit officer's desk under {@code /api/v1/lender} (role {@code lender}, the token's tenant): the four-eyes
 * policy, the referral queue and decisions with reason codes and four-eyes above the tenant's threshold,
 * disbursement, repayments and the loan accounts ({@link LoanAccounts}: schedule, paid, due, arrears, days past due).
 * A crop cover on a loan and its payouts are {@link LoanCovers}; the book, {@link LenderPortfolio}. HTTP mapping in
 * {@code io.telerisk.hub.api.LenderRoutes}.
 */
public final class LenderApi {
    private final JdbcLending lending;
    private final LoanAccounts accounts;
    private final LoanService service;
    private final Clock clock;
    private final LendingPolicy defaults;
    private volatile BiFunction<DeviceKey, Command, CompletionStage<Void>> sender;

    LenderApi(JdbcLending lending, LoanAccounts accounts, LoanService service, Clock clock, LendingPolicy defaults) {
        this.lending = Objects.requireNonNull(lending);
        this.accounts = Objects.requireNonNull(accounts);
        this.service = Objects.requireNonNull(service);
        this.clock = Objects.requireNonNull(clock);
        this.defaults = Objects.requireNonNull(defaults);
    }

    /** Where an officer's final decision is sent to the requesting device (its cmd topic); unset: not sent. */
    void sendDecisionsWith(BiFunction<DeviceKey, Command, CompletionStage<Void>> sender) {
        this.sender = sender;
    }

    // ---- desk policy ----

    /** The tenant's lending policy: the defaults with the four-eyes threshold its operators set. */
    LendingPolicy policy(String tenant) {
        return lending.fourEyesAbove(tenant).map(defaults::withFourEyesAbove).orElse(defaults);
    }

    public AgriReply policy(Principal p, String tenant) {
        requireAny(p, Role.LENDER, Role.OPERATOR, Role.PLATFORM_OPERATOR);
        return AgriReply.ok(new JsonObject().put("fourEyesAbove", money(policy(tenant).fourEyesAbove())).put("currency", service.currency().getCurrencyCode()));
    }

    /** Operators set the four-eyes threshold (a lender does not lower their own control). */
    public AgriReply setPolicy(Principal p, String tenant, JsonObject b) {
        requireAny(p, Role.OPERATOR, Role.PLATFORM_OPERATOR);
        BigDecimal amount = amount(b, "fourEyesAbove", true);
        lending.setFourEyesAbove(tenant, amount, p.username(), clock.instant());
        return policy(p, tenant);
    }

    // ---- referrals ----

    public AgriReply referrals(Principal p, String tenant, int offset, int limit) {
        requireAny(p, Role.LENDER);
        LendingPolicy pol = policy(tenant);
        JsonArray items = new JsonArray();
        for (LoanDecision d : lending.referrals(tenant, offset, limit)) {
            JsonObject o = AgriJson.decision(d);
            lending.review(tenant, d.applicationId()).ifPresent(r -> o.put("pendingReview", review(r)));
            o.put("fourEyesAbove", money(pol.fourEyesAbove()));
            items.add(o);
        }
        return AgriReply.ok(ListPage.of(items, lending.referralCount(tenant), new ListPage.Request(offset, limit)));
    }

    /**
     * A credit officer decides a referral: {@code verdict} APPROVE (with {@code amount}, default the offered amount,
     * at most the request) or DECLINE, a {@code reasonCode} that goes with the verdict and an optional {@code note}.
     * 200 {@code DECIDED} with the new decision, or 202 {@code AWAITING_SECOND} above the four-eyes threshold; 409 when
     * the same officer tries to confirm their own proposal or the application is not (or no longer) a referral.
     */
    public AgriReply decideReferral(Principal p, String tenant, String applicationId, JsonObject b) {
        requireAny(p, Role.LENDER);
        Verdict verdict = enumValue(Verdict.class, b, "verdict");
        ReferralReason reason = enumValue(ReferralReason.class, b, "reasonCode");
        if (reason.approves() != (verdict == Verdict.APPROVE)) {
            throw AgriProblem.badRequest("reasonCode " + reason + " goes with " + (reason.approves() ? "APPROVE" : "DECLINE") + ", not " + verdict);
        }
        String note = text(b, "note", false);
        BigDecimal requested = amount(b, "amount", false);
        if (verdict == Verdict.DECLINE && requested != null && requested.signum() != 0) throw AgriProblem.badRequest("a decline has no amount");
        Instant now = clock.instant();
        FourEyes rule = new FourEyes(policy(tenant).fourEyesAbove());
        JdbcLending.Step s = lending.decide(tenant, applicationId, (d, pending) -> {
            if (d.outcome() != LoanOutcome.REFER) {
                throw new AgriProblem(409, "conflict", "application " + applicationId + " is " + d.outcome() + ", not a referral");
            }
            BigDecimal amount = verdict == Verdict.DECLINE ? BigDecimal.ZERO.setScale(2) : requested == null ? d.offeredAmount() : requested;
            if (verdict == Verdict.APPROVE && amount.signum() <= 0) throw AgriProblem.badRequest("nothing to approve: give an amount");
            if (amount.compareTo(d.amountRequested()) > 0) {
                throw AgriProblem.badRequest("amount " + money(amount) + " is above the request " + money(d.amountRequested()));
            }
            FourEyes.Step step = rule.apply(pending, new FourEyes.Proposal(verdict, amount, reason, note, p.username(), now));
            if (step instanceof FourEyes.Step.Refused r) throw new AgriProblem(409, "four_eyes", r.reason());
            if (step instanceof FourEyes.Step.AwaitingSecond w) return new JdbcLending.Step(w.review(), null, step);
            FourEyes.Review done = ((FourEyes.Step.Decided) step).review();
            String who = done.confirmedBy() == null ? done.proposal().officer() : done.proposal().officer() + " and " + done.confirmedBy();
            LoanDecision decided = service.decideReferral(d, verdict == Verdict.APPROVE, amount, reason.name(), who, done.proposal().note(), now);
            return new JdbcLending.Step(done, decided, step);
        });
        JsonObject out = new JsonObject().put("applicationId", applicationId).put("review", review(s.review()));
        if (s.decision() == null) {
            return new AgriReply(202, out.put("status", "AWAITING_SECOND").put("detail", "approvals above "
                    + money(rule.threshold()) + " need a second credit officer: another lender posts the same verdict and amount"));
        }
        notifyDevice(s.decision());
        return AgriReply.ok(out.put("status", "DECIDED").put("decision", AgriJson.decision(s.decision())));
    }

    private void notifyDevice(LoanDecision d) {
        BiFunction<DeviceKey, Command, CompletionStage<Void>> send = sender;
        if (send == null || d.deviceId() == null || d.deviceId().isEmpty()) return;
        Command c = LoanDecisionCommand.toCommand(d);
        // a new id: the device already has loan-{applicationId} (the referral) and would ignore a repeat
        send.apply(new DeviceKey(d.tenant(), DeviceType.FARM_SENSOR, d.deviceId()), c.withId(c.id() + "-officer"));
    }

    // ---- loans ----

    public AgriReply loans(Principal p, String tenant, int offset, int limit, String asOf) {
        requireAny(p, Role.LENDER);
        LocalDate day = asOf(clock, asOf);
        JsonArray items = new JsonArray();
        for (LoanDecision d : lending.approvedLoans(tenant, offset, limit)) items.add(LoanAccounts.summary(accounts.account(tenant, d, day)));
        return AgriReply.ok(ListPage.of(items, lending.approvedCount(tenant), new ListPage.Request(offset, limit)));
    }

    public AgriReply loan(Principal p, String tenant, String applicationId, String asOf) {
        requireAny(p, Role.LENDER);
        return AgriReply.ok(accounts.detail(tenant, applicationId, asOf(clock, asOf)));
    }

    public AgriReply disburse(Principal p, String tenant, String applicationId, JsonObject b) {
        requireAny(p, Role.LENDER);
        LoanDecision d = accounts.approved(tenant, applicationId);
        LocalDate on = b.getValue("disbursedOn") == null ? today(clock) : date(b, "disbursedOn");
        if (on.isBefore(d.decidedAt().atZone(ZoneOffset.UTC).toLocalDate())) throw AgriProblem.badRequest("disbursedOn is before the decision");
        String reference = Optional.ofNullable(text(b, "reference", false)).orElse("disb-" + applicationId);
        try {
            lending.disburse(tenant, applicationId, new JdbcLending.Disbursement(d.approvedAmount(), on, reference, p.username(), clock.instant()));
        } catch (JdbcLending.AlreadyRecorded e) {
            throw new AgriProblem(409, "conflict", e.getMessage());
        }
        return new AgriReply(201, LoanAccounts.detail(accounts.account(tenant, d, today(clock))));
    }

    public AgriReply addRepayment(Principal p, String tenant, String applicationId, JsonObject b) {
        requireAny(p, Role.LENDER);
        LoanDecision d = accounts.approved(tenant, applicationId);
        requireDisbursed(tenant, applicationId);
        BigDecimal amount = amount(b, "amount", true);
        if (amount.signum() <= 0) throw AgriProblem.badRequest("amount must be positive");
        LocalDate on = b.getValue("paidOn") == null ? today(clock) : date(b, "paidOn");
        if (on.isAfter(today(clock))) throw AgriProblem.badRequest("paidOn " + on + " is in the future");
        String reference = text(b, "reference", false);
        if (reference == null) throw AgriProblem.badRequest("reference (the bank's or the receipt's) is required: it makes a repeated post harmless");
        try {
            lending.addPayment(tenant, applicationId, new Payment("pay-" + UUID.randomUUID(), amount, on, Payment.Source.BORROWER, reference),
                    p.username(), clock.instant());
        } catch (JdbcLending.AlreadyRecorded e) {
            throw new AgriProblem(409, "conflict", e.getMessage());
        }
        return new AgriReply(201, LoanAccounts.detail(accounts.account(tenant, d, today(clock))));
    }

    public AgriReply repayments(Principal p, String tenant, String applicationId, int offset, int limit) {
        requireAny(p, Role.LENDER);
        accounts.approved(tenant, applicationId);
        List<Payment> all = lending.payments(tenant, applicationId);
        JsonArray items = new JsonArray();
        for (Payment x : all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit))) items.add(LoanAccounts.payment(x));
        return AgriReply.ok(ListPage.of(items, all.size(), new ListPage.Request(offset, limit)));
    }

    private static JsonObject review(FourEyes.Review r) {
        FourEyes.Proposal p = r.proposal();
        return new JsonObject().put("verdict", p.verdict().name()).put("amount", money(p.amount())).put("reasonCode", p.reason().name())
                .put("note", p.note()).put("proposedBy", p.officer()).put("proposedAt", p.at().toString())
                .put("confirmedBy", r.confirmedBy()).put("confirmedAt", r.confirmedAt() == null ? null : r.confirmedAt().toString())
                .put("decided", r.final_());
    }

    private void requireDisbursed(String tenant, String applicationId) {
        if (lending.disbursement(tenant, applicationId).isEmpty()) {
            throw new AgriProblem(409, "conflict", "loan " + applicationId + " is not disbursed yet: POST …/disbursement first");
        }
    }
}
