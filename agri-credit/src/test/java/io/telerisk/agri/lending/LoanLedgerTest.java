package io.telerisk.agri.lending;

import io.telerisk.agri.loan.Instalment;
import io.telerisk.agri.loan.RepaymentSchedule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoanLedgerTest {
    private final List<Instalment> schedule = RepaymentSchedule.build(new BigDecimal("3000.00"), new BigDecimal("11.50"),
            LocalDate.of(2026, 3, 1), LocalDate.of(2026, 10, 1), 10);

    private static Payment pay(String id, String amount, LocalDate on, Payment.Source source) {
        return new Payment(id, new BigDecimal(amount), on, source, id);
    }

    private static void assertAddsUp(LoanStatement s) {
        assertEquals(s.scheduled(), s.instalments().stream().map(LoanStatement.Line::total).reduce(new BigDecimal("0.00"), BigDecimal::add));
        assertEquals(s.applied(), s.instalments().stream().map(LoanStatement.Line::paid).reduce(new BigDecimal("0.00"), BigDecimal::add));
        assertEquals(s.paid(), s.applied().add(s.unapplied()));
        assertEquals(s.outstanding(), s.scheduled().subtract(s.applied()));
        assertEquals(s.arrears(), s.instalments().stream().filter(LoanStatement.Line::due).map(LoanStatement.Line::outstanding)
                .reduce(new BigDecimal("0.00"), BigDecimal::add));
        assertEquals(s.dueToDate(), s.instalments().stream().filter(LoanStatement.Line::due).map(LoanStatement.Line::total)
                .reduce(new BigDecimal("0.00"), BigDecimal::add));
    }

    @Test
    void nothingIsDueBeforeTheFirstInstalment() {
        LoanStatement s = LoanLedger.statement(schedule, List.of(), LocalDate.of(2026, 9, 30));
        assertEquals(LoanStatement.Status.NOT_YET_DUE, s.status());
        assertEquals(0, s.arrears().signum());
        assertEquals(0, s.daysPastDue());
        assertEquals(new BigDecimal("3000.00"), s.outstandingPrincipal());
        assertAddsUp(s);
    }

    @Test
    void anUnpaidInstalmentIsInArrearsWithItsAge() {
        Instalment first = schedule.get(0), second = schedule.get(1);
        LocalDate asOf = second.dueDate().plusDays(3);
        LoanStatement s = LoanLedger.statement(schedule, List.of(pay("p1", "100.00", first.dueDate(), Payment.Source.BORROWER)), asOf);
        assertEquals(LoanStatement.Status.IN_ARREARS, s.status());
        assertEquals(first.total().add(second.total()).subtract(new BigDecimal("100.00")), s.arrears());
        assertEquals((int) java.time.temporal.ChronoUnit.DAYS.between(first.dueDate(), asOf), s.daysPastDue());
        assertAddsUp(s);
    }

    @Test
    void paymentsFillInstalmentsOldestFirstInterestBeforePrincipal() {
        Instalment first = schedule.get(0);
        BigDecimal justInterest = first.interest();
        LoanStatement s = LoanLedger.statement(schedule, List.of(pay("p1", justInterest.toPlainString(), first.dueDate(), Payment.Source.BORROWER)),
                first.dueDate());
        assertEquals(new BigDecimal("3000.00"), s.outstandingPrincipal(), "interest is paid first");
        BigDecimal twoInstalments = first.total().add(schedule.get(1).total());
        LoanStatement s2 = LoanLedger.statement(schedule, List.of(pay("p2", twoInstalments.toPlainString(), first.dueDate(), Payment.Source.BORROWER)),
                first.dueDate());
        assertEquals(LoanStatement.Status.CURRENT, s2.status());
        assertEquals(schedule.get(1).total(), s2.instalments().get(1).paid(), "early repayment runs on to the next instalment");
        assertEquals(new BigDecimal("3000.00").subtract(first.principal()).subtract(schedule.get(1).principal()), s2.outstandingPrincipal());
        assertAddsUp(s2);
    }

    @Test
    void aCoverPayoutPaysInstalmentsLikeARepaymentAndTheExcessIsUnapplied() {
        BigDecimal all = schedule.stream().map(Instalment::total).reduce(new BigDecimal("0.00"), BigDecimal::add);
        LocalDate end = schedule.get(schedule.size() - 1).dueDate();
        LoanStatement s = LoanLedger.statement(schedule, List.of(pay("claim-7", all.add(new BigDecimal("50.00")).toPlainString(),
                LocalDate.of(2026, 8, 1), Payment.Source.COVER_PAYOUT)), end);
        assertEquals(LoanStatement.Status.REPAID, s.status());
        assertEquals(new BigDecimal("50.00"), s.unapplied());
        assertEquals(s.paid(), s.paidByCover());
        assertEquals(0, s.outstandingPrincipal().signum());
        assertAddsUp(s);
    }

    @Test
    void paymentsAfterTheStatementDateAreNotCounted() {
        LoanStatement s = LoanLedger.statement(schedule, List.of(pay("p1", "500.00", LocalDate.of(2026, 12, 1), Payment.Source.BORROWER)),
                LocalDate.of(2026, 11, 1));
        assertEquals(0, s.paid().signum());
        assertAddsUp(s);
    }
}
