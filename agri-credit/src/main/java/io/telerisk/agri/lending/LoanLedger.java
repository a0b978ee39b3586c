package io.telerisk.agri.lending;

import io.telerisk.agri.loan.Instalment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies payments to a loan's schedule and states the account on a date. Payments (borrower repayments and
 * crop-cover payouts alike) are taken in value-date order and fill the instalments oldest first, each instalment's
 * interest before its principal; a payment larger than what is due runs on to the next instalments (early
 * repayment), and what exceeds the whole schedule is kept as {@code unapplied}. Pure: the same schedule and payments
 * give the same statement.
 */
public final class LoanLedger {
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private LoanLedger() {
    }

    public static LoanStatement statement(List<Instalment> schedule, List<Payment> payments, LocalDate asOf) {
        int n = schedule.size();
        BigDecimal[] paidOn = new BigDecimal[n];
        java.util.Arrays.fill(paidOn, ZERO);
        BigDecimal paid = ZERO, byCover = ZERO, unapplied = ZERO;
        List<Payment> ordered = new ArrayList<>(payments);
        ordered.sort(Comparator.comparing(Payment::paidOn).thenComparing(Payment::paymentId));
        for (Payment p : ordered) {
            if (p.paidOn().isAfter(asOf)) continue;
            paid = paid.add(p.amount());
            if (p.source() == Payment.Source.COVER_PAYOUT) byCover = byCover.add(p.amount());
            BigDecimal left = p.amount();
            for (int i = 0; i < n && left.signum() > 0; i++) {
                BigDecimal room = schedule.get(i).total().subtract(paidOn[i]);
                if (room.signum() <= 0) continue;
                BigDecimal take = left.min(room);
                paidOn[i] = paidOn[i].add(take);
                left = left.subtract(take);
            }
            unapplied = unapplied.add(left);
        }
        List<LoanStatement.Line> lines = new ArrayList<>(n);
        BigDecimal scheduled = ZERO, applied = ZERO, dueToDate = ZERO, arrears = ZERO, principal = ZERO, principalPaid = ZERO;
        int dpd = 0;
        for (int i = 0; i < n; i++) {
            Instalment in = schedule.get(i);
            BigDecimal total = in.total();
            BigDecimal outstanding = total.subtract(paidOn[i]);
            boolean due = !in.dueDate().isAfter(asOf);
            int days = due && outstanding.signum() > 0 ? (int) ChronoUnit.DAYS.between(in.dueDate(), asOf) : 0;
            lines.add(new LoanStatement.Line(i + 1, in.dueDate(), in.principal(), in.interest(), total, paidOn[i], outstanding, due, days));
            scheduled = scheduled.add(total);
            applied = applied.add(paidOn[i]);
            principal = principal.add(in.principal());
            principalPaid = principalPaid.add(paidOn[i].subtract(in.interest()).max(BigDecimal.ZERO).min(in.principal()));
            if (due) {
                dueToDate = dueToDate.add(total);
                arrears = arrears.add(outstanding);
            }
            dpd = Math.max(dpd, days);
        }
        BigDecimal outstanding = scheduled.subtract(applied);
        LoanStatement.Status status = outstanding.signum() == 0 ? LoanStatement.Status.REPAID
                : arrears.signum() > 0 ? LoanStatement.Status.IN_ARREARS
                : dueToDate.signum() > 0 ? LoanStatement.Status.CURRENT : LoanStatement.Status.NOT_YET_DUE;
        return new LoanStatement(asOf, principal, lines, scheduled, paid, byCover, applied, unapplied, dueToDate, arrears, dpd,
                outstanding, principal.subtract(principalPaid), status);
    }
}
