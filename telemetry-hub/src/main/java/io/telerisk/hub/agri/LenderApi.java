package io.telerisk.hub.agri;

import io.telerisk.agri.field.Field;
import io.telerisk.agri.lending.FourEyes;
import io.telerisk.agri.lending.LendingPolicy;
import io.telerisk.agri.lending.LoanLedger;
import io.telerisk.agri.lending.LoanStatement;
import io.telerisk.agri.lending.LossPayeeAssignment;
import io.telerisk.agri.lending.Payment;
import io.telerisk.agri.lending.ReferralReason;
import io.telerisk.agri.lending.Verdict;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanOutcome;
import io.telerisk.agri.loan.LoanService;
import io.telerisk.agri.monitor.SeasonAlert;
import io.telerisk.agri.monitor.SeasonMonitor;
import io.telerisk.hub.api.ListPage;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * The credit officer's desk under {@code /api/v1/lender} (role {@code lender}, the token's tenant): the referral
 * queue and decisions with reason codes and four-eyes above the tenant's threshold, disbursement, repayments, the
 * loan account (schedule, paid, due, arrears, days past due — from {@link LoanLedger}, so they add up), the crop
 * cover linked to a loan and its payouts applied to the instalments, and the portfolio. HTTP mapping in
 * {@code io.telerisk.hub.api.LenderRoutes}.
 *
 * <p>Cover payouts: {@link #applyCoverPayout} is the entry point for the claims side (Java, in the same hub) and
 * {@code POST /api/v1/lender/cover-payouts} the same over HTTP; one payout per claim id.
 */
public final class LenderApi {
    private final JdbcLending lending;
    private final JdbcLoanRepository loans;
    private final JdbcFieldRepository fields;
    private final LoanService service;
    private final SeasonMonitor monitor;
    private final Clock clock;
    private final LendingPolicy defaults;
    private volatile BiFunction<DeviceKey, Command, CompletionStage<Void>> sender;

    LenderApi(JdbcLending lending, JdbcLoanRepository loans, JdbcFieldRepository fields, LoanService service, SeasonMonitor monitor, Clock clock, LendingPolicy defaults) {
        this.lending = Objects.requireNonNull(lending);
        this.loans = Objects.requireNonNull(loans);
        this.fields = Objects.requireNonNull(fields);
        this.service = Objects.requireNonNull(service);
        this.monitor = Objects.requireNonNull(monitor);
        this.clock = Objects.requireNonNull(clock);
        this.defaults = Objects.requireNonNull(defaults);
    }

    /** Where an officer's final decision is sent to the requesting device (its cmd topic); unset: not sent. */
    void sendDecisionsWith(BiFunction<DeviceKey, Command, CompletionStage<Void>> sender) {
        this.sender = sender;
    }

    // ---- desk policy ----

    private LendingPolicy policy(String tenant) {
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
        Verdict verdict = enumOf(Verdict.class, b, "verdict");
        ReferralReason reason = enumOf(ReferralReason.class, b, "reasonCode");
        if (reason.approves() != (verdict == Verdict.APPROVE)) {
            throw AgriProblem.badRequest("reasonCode " + reason + " goes with " + (reason.approves() ? "APPROVE" : "DECLINE") + ", not " + verdict);
        }
        String note = text(b, "note");
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
        LocalDate day = day(asOf);
        JsonArray items = new JsonArray();
        for (LoanDecision d : lending.approvedLoans(tenant, offset, limit)) items.add(summary(account(tenant, d, day)));
        return AgriReply.ok(ListPage.of(items, lending.approvedCount(tenant), new ListPage.Request(offset, limit)));
    }

    public AgriReply loan(Principal p, String tenant, String applicationId, String asOf) {
        requireAny(p, Role.LENDER);
        return AgriReply.ok(detail(account(tenant, approved(tenant, applicationId), day(asOf))));
    }

    public AgriReply disburse(Principal p, String tenant, String applicationId, JsonObject b) {
        requireAny(p, Role.LENDER);
        LoanDecision d = approved(tenant, applicationId);
        LocalDate on = b.getValue("disbursedOn") == null ? today() : date(b, "disbursedOn");
        if (on.isBefore(d.decidedAt().atZone(ZoneOffset.UTC).toLocalDate())) throw AgriProblem.badRequest("disbursedOn is before the decision");
        String reference = Optional.ofNullable(text(b, "reference")).orElse("disb-" + applicationId);
        try {
            lending.disburse(tenant, applicationId, new JdbcLending.Disbursement(d.approvedAmount(), on, reference, p.username(), clock.instant()));
        } catch (JdbcLending.AlreadyRecorded e) {
            throw new AgriProblem(409, "conflict", e.getMessage());
        }
        return new AgriReply(201, detail(account(tenant, d, today())));
    }

    public AgriReply addRepayment(Principal p, String tenant, String applicationId, JsonObject b) {
        requireAny(p, Role.LENDER);
        LoanDecision d = approved(tenant, applicationId);
        requireDisbursed(tenant, applicationId);
        BigDecimal amount = amount(b, "amount", true);
        if (amount.signum() <= 0) throw AgriProblem.badRequest("amount must be positive");
        LocalDate on = b.getValue("paidOn") == null ? today() : date(b, "paidOn");
        if (on.isAfter(today())) throw AgriProblem.badRequest("paidOn " + on + " is in the future");
        String reference = text(b, "reference");
        if (reference == null) throw AgriProblem.badRequest("reference (the bank's or the receipt's) is required: it makes a repeated post harmless");
        try {
            lending.addPayment(tenant, applicationId, new Payment(newPaymentId(), amount, on, Payment.Source.BORROWER, reference),
                    p.username(), clock.instant());
        } catch (JdbcLending.AlreadyRecorded e) {
            throw new AgriProblem(409, "conflict", e.getMessage());
        }
        return new AgriReply(201, detail(account(tenant, d, today())));
    }

    public AgriReply repayments(Principal p, String tenant, String applicationId, int offset, int limit) {
        requireAny(p, Role.LENDER);
        approved(tenant, applicationId);
        List<Payment> all = lending.payments(tenant, applicationId);
        JsonArray items = new JsonArray();
        for (Payment x : all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit))) items.add(payment(x));
        return AgriReply.ok(ListPage.of(items, all.size(), new ListPage.Request(offset, limit)));
    }

    // ---- crop cover ----

    /**
     * Links a crop cover to a loan: the lender is its loss payee, the payouts of parametric claims whose trigger period
     * starts after the day of the link go to the instalments. {@code linkedOn} (optional, the day the assignment was
     * signed; default now) lies between the loan's decision and today.
     */
    public AgriReply linkCover(Principal p, String tenant, String applicationId, JsonObject b) {
        requireAny(p, Role.LENDER);
        LoanDecision d = approved(tenant, applicationId);
        String coverId = text(b, "coverId");
        if (coverId == null || !io.telerisk.model.topic.Topic.isValidSegment(coverId)) throw AgriProblem.badRequest("coverId (1-64 of [A-Za-z0-9._-]) is required");
        String insurer = Optional.ofNullable(text(b, "insurer")).orElse(tenant);
        Instant linkedAt = clock.instant();
        if (b.getValue("linkedOn") != null) {
            LocalDate on = date(b, "linkedOn");
            if (on.isAfter(today())) throw AgriProblem.badRequest("linkedOn " + on + " is in the future");
            if (on.isBefore(d.decidedAt().atZone(ZoneOffset.UTC).toLocalDate())) throw AgriProblem.badRequest("linkedOn " + on + " is before the decision");
            if (on.isBefore(today())) linkedAt = on.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            lending.linkCover(tenant, new JdbcLending.CoverLink(applicationId, coverId, insurer, p.username(), linkedAt));
        } catch (JdbcLending.AlreadyRecorded e) {
            throw new AgriProblem(409, "conflict", e.getMessage());
        }
        return new AgriReply(201, detail(account(tenant, approved(tenant, applicationId), today())));
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
        String coverId = text(b, "coverId");
        String claimId = text(b, "claimId");
        if (coverId == null || claimId == null) throw AgriProblem.badRequest("coverId and claimId are required");
        BigDecimal amount = amount(b, "amount", true);
        if (amount.signum() <= 0) throw AgriProblem.badRequest("amount must be positive");
        LocalDate on = b.getValue("paidOn") == null ? today() : date(b, "paidOn");
        LocalDate triggerStart = triggerStart(claimId, b);
        if (triggerStart.isAfter(on)) throw AgriProblem.badRequest("triggerStart " + triggerStart + " is after paidOn " + on + ": nothing has triggered yet");
        CoverPayoutResult r = applyCoverPayout(tenant, coverId, claimId, triggerStart, amount, on, p.username());
        if (r.outcome() == CoverPayoutResult.Outcome.INSURED) {
            throw new AgriProblem(422, "not_loss_payee", lending.loanOfCover(tenant, coverId).orElseThrow().assignment().insuredBecause(triggerStart));
        }
        JsonObject loan = detail(account(tenant, approved(tenant, r.applicationId()), today()));
        return new AgriReply(r.applied() ? 201 : 200, loan.put("alreadyApplied", !r.applied()));
    }

    /** The body's {@code triggerStart}, or the one a hub parametric claim id carries; both must agree when both are given. */
    private static LocalDate triggerStart(String claimId, JsonObject b) {
        Optional<LocalDate> fromId = io.telerisk.claims.parametric.ParametricClaimService.triggerStartOf(claimId);
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
            lending.addPayment(tenant, link.applicationId(), new Payment(newPaymentId(), amount.setScale(2, RoundingMode.HALF_EVEN), paidOn,
                    Payment.Source.COVER_PAYOUT, claimId), by, clock.instant());
            return new CoverPayoutResult(link.applicationId(), CoverPayoutResult.Outcome.APPLIED);
        } catch (JdbcLending.AlreadyRecorded e) {
            return new CoverPayoutResult(link.applicationId(), CoverPayoutResult.Outcome.ALREADY_APPLIED);
        }
    }

    /** The loan a cover payout of {@code claimId} went to, if any. */
    public Optional<String> loanPaidByClaim(String tenant, String claimId) {
        return lending.loanPaidByClaim(tenant, claimId);
    }

    /** This desk as the claims side's loss-payee port: a payout on a cover linked to no loan goes nowhere here. */
    public io.telerisk.hub.claims.LossPayees asLossPayees() {
        return new io.telerisk.hub.claims.LossPayees() {
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

    // ---- portfolio ----

    /**
     * The book on a date: counts per status, committed (approved, not disbursed), exposure (outstanding principal of
     * disbursed loans), arrears, expected loss (PD of the grade × LGD × exposure; lower LGD with a linked cover),
     * referrals waiting, and the loans on fields with season alerts. Totals are the sums of the per-loan lines.
     */
    public AgriReply portfolio(Principal p, String tenant, String asOf) {
        requireAny(p, Role.LENDER);
        LocalDate day = day(asOf);
        LendingPolicy pol = policy(tenant);
        BigDecimal committed = zero(), exposure = zero(), arrears = zero(), expectedLoss = zero(), alertedExposure = zero();
        JsonObject byStatus = new JsonObject();
        JsonArray lines = new JsonArray(), alerted = new JsonArray();
        long n = lending.approvedCount(tenant);
        for (int off = 0; off < n; off += 500) {
            for (LoanDecision d : lending.approvedLoans(tenant, off, 500)) {
                Account a = account(tenant, d, day);
                byStatus.put(a.status(), byStatus.getInteger(a.status(), 0) + 1);
                BigDecimal ead = a.exposure();
                BigDecimal el = pol.expectedLoss(d.grade(), ead, a.cover() != null);
                committed = committed.add(a.committed());
                exposure = exposure.add(ead);
                arrears = arrears.add(a.statement() == null ? zero() : a.statement().arrears());
                expectedLoss = expectedLoss.add(el);
                lines.add(summary(a).put("expectedLoss", money(el)));
                List<SeasonAlert> alerts = d.fieldId() == null ? List.of()
                        : fields.find(tenant, d.fieldId()).map(f -> monitor.evaluate(f, d.applicationId(), day)).orElse(List.of());
                if (!alerts.isEmpty()) {
                    JsonArray kinds = new JsonArray();
                    for (SeasonAlert x : alerts) kinds.add(new JsonObject().put("kind", x.kind().name()).put("message", x.message()));
                    alerted.add(new JsonObject().put("applicationId", d.applicationId()).put("fieldId", d.fieldId())
                            .put("exposure", money(ead)).put("alerts", kinds));
                    alertedExposure = alertedExposure.add(ead);
                }
            }
        }
        return AgriReply.ok(new JsonObject().put("asOf", day.toString()).put("currency", service.currency().getCurrencyCode())
                .put("loans", n).put("byStatus", byStatus).put("referralsPending", lending.referralCount(tenant))
                .put("committed", money(committed)).put("exposure", money(exposure)).put("arrears", money(arrears))
                .put("expectedLoss", money(expectedLoss))
                .put("expectedLossBasis", "PD by grade " + pol.probabilityOfDefault().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue().toPlainString()).toList() + ", LGD " + pol.lossGivenDefault().toPlainString()
                        + " (" + pol.lossGivenDefaultCovered().toPlainString() + " with a crop cover)")
                .put("loansOnFieldsWithAlerts", alerted).put("exposureOnFieldsWithAlerts", money(alertedExposure)).put("lines", lines));
    }

    // ---- accounts ----

    private record Account(LoanDecision decision, JdbcLending.Disbursement disbursement, LoanStatement statement, List<Payment> payments,
                           JdbcLending.CoverLink cover) {
        String status() {
            return disbursement == null ? "APPROVED_NOT_DISBURSED" : statement.status().name();
        }

        BigDecimal committed() {
            return disbursement == null ? decision.approvedAmount() : zero();
        }

        BigDecimal exposure() {
            return disbursement == null ? zero() : statement.outstandingPrincipal();
        }
    }

    private Account account(String tenant, LoanDecision d, LocalDate day) {
        Optional<JdbcLending.Disbursement> disb = lending.disbursement(tenant, d.applicationId());
        List<Payment> payments = lending.payments(tenant, d.applicationId());
        LoanStatement st = disb.isPresent() ? LoanLedger.statement(d.schedule(), payments, day) : null;
        return new Account(d, disb.orElse(null), st, payments, lending.coverOfLoan(tenant, d.applicationId()).orElse(null));
    }

    private static JsonObject summary(Account a) {
        LoanDecision d = a.decision();
        JsonObject o = new JsonObject().put("applicationId", d.applicationId()).put("fieldId", d.fieldId()).put("deviceId", d.deviceId())
                .put("approvedAmount", money(d.approvedAmount())).put("currency", d.currency().getCurrencyCode())
                .put("grade", d.grade() == null ? null : d.grade().name())
                .put("annualRatePercent", d.annualRatePercent() == null ? null : d.annualRatePercent().toPlainString())
                .put("status", a.status()).put("committed", money(a.committed())).put("exposure", money(a.exposure()))
                .put("coverId", a.cover() == null ? null : a.cover().coverId());
        LoanStatement s = a.statement();
        if (s != null) {
            o.put("scheduled", money(s.scheduled())).put("paid", money(s.paid())).put("dueToDate", money(s.dueToDate()))
                    .put("arrears", money(s.arrears())).put("daysPastDue", s.daysPastDue()).put("outstanding", money(s.outstanding()));
        }
        return o;
    }

    private static JsonObject detail(Account a) {
        JsonObject o = summary(a).put("decision", AgriJson.decision(a.decision()));
        JdbcLending.Disbursement disb = a.disbursement();
        o.put("disbursement", disb == null ? null : new JsonObject().put("amount", money(disb.amount())).put("disbursedOn", disb.disbursedOn().toString())
                .put("reference", disb.reference()).put("recordedBy", disb.recordedBy()));
        o.put("cover", a.cover() == null ? null : new JsonObject().put("coverId", a.cover().coverId()).put("insurer", a.cover().insurer())
                .put("lossPayee", "lender").put("linkedBy", a.cover().linkedBy()).put("linkedAt", a.cover().linkedAt().toString()));
        JsonArray payments = new JsonArray();
        for (Payment p : a.payments()) payments.add(payment(p));
        o.put("payments", payments);
        LoanStatement s = a.statement();
        if (s != null) {
            JsonArray lines = new JsonArray();
            for (LoanStatement.Line l : s.instalments()) {
                lines.add(new JsonObject().put("number", l.number()).put("dueDate", l.dueDate().toString()).put("principal", money(l.principal()))
                        .put("interest", money(l.interest())).put("total", money(l.total())).put("paid", money(l.paid()))
                        .put("outstanding", money(l.outstanding())).put("due", l.due()).put("daysPastDue", l.daysPastDue()));
            }
            o.put("asOf", s.asOf().toString()).put("schedule", lines).put("paidByCover", money(s.paidByCover())).put("applied", money(s.applied()))
                    .put("unapplied", money(s.unapplied())).put("outstandingPrincipal", money(s.outstandingPrincipal()));
        }
        return o;
    }

    private static JsonObject payment(Payment p) {
        return new JsonObject().put("paymentId", p.paymentId()).put("amount", money(p.amount())).put("paidOn", p.paidOn().toString())
                .put("source", p.source().name()).put("reference", p.reference());
    }

    private static JsonObject review(FourEyes.Review r) {
        FourEyes.Proposal p = r.proposal();
        return new JsonObject().put("verdict", p.verdict().name()).put("amount", money(p.amount())).put("reasonCode", p.reason().name())
                .put("note", p.note()).put("proposedBy", p.officer()).put("proposedAt", p.at().toString())
                .put("confirmedBy", r.confirmedBy()).put("confirmedAt", r.confirmedAt() == null ? null : r.confirmedAt().toString())
                .put("decided", r.final_());
    }

    private LoanDecision approved(String tenant, String applicationId) {
        return loans.findByApplication(tenant, applicationId).filter(d -> d.outcome() == LoanOutcome.APPROVE)
                .orElseThrow(() -> AgriProblem.notFound("no approved loan " + applicationId));
    }

    private void requireDisbursed(String tenant, String applicationId) {
        if (lending.disbursement(tenant, applicationId).isEmpty()) {
            throw new AgriProblem(409, "conflict", "loan " + applicationId + " is not disbursed yet: POST …/disbursement first");
        }
    }

    // ---- parsing ----

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private LocalDate day(String s) {
        if (s == null) return today();
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw AgriProblem.badRequest("asOf '" + s + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static LocalDate date(JsonObject b, String name) {
        String s = text(b, name);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException | NullPointerException e) {
            throw AgriProblem.badRequest(name + " '" + s + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String text(JsonObject b, String name) {
        Object v = b.getValue(name);
        if (v == null) return null;
        if (!(v instanceof String s)) throw AgriProblem.badRequest(name + " must be a string");
        if (s.isBlank() || s.length() > 1000 || s.chars().anyMatch(Character::isISOControl)) {
            throw AgriProblem.badRequest(name + " must be 1-1000 printable characters");
        }
        return s.strip();
    }

    private static BigDecimal amount(JsonObject b, String name, boolean required) {
        Object v = b.getValue(name);
        if (v == null) {
            if (required) throw AgriProblem.badRequest(name + " is required (a decimal string, e.g. \"250.00\")");
            return null;
        }
        try {
            BigDecimal a = v instanceof Number n ? io.telerisk.model.Amounts.of(name, n) : io.telerisk.model.Amounts.parse(name, v.toString());
            if (a.signum() < 0) throw AgriProblem.badRequest(name + " must not be negative");
            if (a.stripTrailingZeros().scale() > 2) throw AgriProblem.badRequest(name + " has more than 2 decimals");
            if (a.compareTo(new BigDecimal("1000000000")) > 0) throw AgriProblem.badRequest(name + " is implausibly large");
            return a.setScale(2, RoundingMode.UNNECESSARY);
        } catch (IllegalArgumentException e) {
            throw AgriProblem.badRequest(e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonObject b, String name) {
        String s = text(b, name);
        List<String> ok = new ArrayList<>();
        for (E c : type.getEnumConstants()) ok.add(c.name());
        if (s == null) throw AgriProblem.badRequest(name + " is required, one of " + ok);
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AgriProblem.badRequest(name + " '" + s + "' is not one of " + ok);
        }
    }

    private static String newPaymentId() {
        return "pay-" + UUID.randomUUID();
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }

    private static String money(BigDecimal m) {
        return m.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static void requireAny(Principal p, Role... roles) {
        if (!p.hasAny(roles)) {
            List<String> names = new ArrayList<>();
            for (Role r : roles) names.add(r.wireName());
            throw AgriProblem.forbidden("requires role " + String.join(" or ", names));
        }
    }
}
