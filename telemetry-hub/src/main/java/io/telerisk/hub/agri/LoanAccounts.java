package io.telerisk.hub.agri;

import io.telerisk.agri.lending.LoanLedger;
import io.telerisk.agri.lending.LoanStatement;
import io.telerisk.agri.lending.Payment;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanOutcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.telerisk.hub.agri.AgriInput.money;
import static io.telerisk.hub.agri.AgriInput.zero;

/**
 * A loan's account on a day, as the lender's desk shows it: decision, disbursement, payments, linked cover and the
 * statement from {@link LoanLedger} (schedule, paid, due, arrears, days past due), so the loan list, a loan's page and
 * the portfolio add up from one calculation.
 */
final class LoanAccounts {
    private final JdbcLending lending;
    private final JdbcLoanRepository loans;

    LoanAccounts(JdbcLending lending, JdbcLoanRepository loans) {
        this.lending = Objects.requireNonNull(lending);
        this.loans = Objects.requireNonNull(loans);
    }

    /** One loan's account; {@code statement} is null until the loan is disbursed. */
    record Account(LoanDecision decision, JdbcLending.Disbursement disbursement, LoanStatement statement, List<Payment> payments,
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

        BigDecimal arrears() {
            return statement == null ? zero() : statement.arrears();
        }
    }

    Account account(String tenant, LoanDecision d, LocalDate day) {
        Optional<JdbcLending.Disbursement> disb = lending.disbursement(tenant, d.applicationId());
        List<Payment> payments = lending.payments(tenant, d.applicationId());
        LoanStatement st = disb.isPresent() ? LoanLedger.statement(d.schedule(), payments, day) : null;
        return new Account(d, disb.orElse(null), st, payments, lending.coverOfLoan(tenant, d.applicationId()).orElse(null));
    }

    /** The approved loan {@code applicationId}, or a 404. */
    LoanDecision approved(String tenant, String applicationId) {
        return loans.findByApplication(tenant, applicationId).filter(d -> d.outcome() == LoanOutcome.APPROVE)
                .orElseThrow(() -> AgriProblem.notFound("no approved loan " + applicationId));
    }

    /** The loan's page on {@code day}: its account in full. */
    JsonObject detail(String tenant, String applicationId, LocalDate day) {
        return detail(account(tenant, approved(tenant, applicationId), day));
    }

    static JsonObject summary(Account a) {
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

    static JsonObject detail(Account a) {
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

    static JsonObject payment(Payment p) {
        return new JsonObject().put("paymentId", p.paymentId()).put("amount", money(p.amount())).put("paidOn", p.paidOn().toString())
                .put("source", p.source().name()).put("reference", p.reference());
    }
}
