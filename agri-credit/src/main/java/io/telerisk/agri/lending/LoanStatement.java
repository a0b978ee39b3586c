package io.telerisk.agri.lending;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A loan's account on a date, built by {@link LoanLedger}. The numbers add up by construction:
 * {@code scheduled = Σ instalment totals}, {@code paid = applied + unapplied}, {@code applied = Σ instalment paid},
 * {@code outstanding = scheduled − applied}, {@code arrears = Σ outstanding of instalments due by asOf =
 * dueToDate − Σ paid on them}, {@code daysPastDue} the age of the oldest instalment due and not fully paid.
 *
 * @param asOf                 statement date (payments dated after it are ignored)
 * @param principal            principal lent
 * @param instalments          the schedule with what was paid on each
 * @param scheduled            principal plus interest over the whole schedule
 * @param paid                 all payments up to asOf (borrower and cover payouts)
 * @param paidByCover          the part of {@code paid} that came from crop-cover payouts
 * @param applied              the part of {@code paid} applied to instalments
 * @param unapplied            paid beyond the whole schedule (a credit owed back to the borrower)
 * @param dueToDate            instalment totals due on or before asOf
 * @param arrears              what is due and unpaid
 * @param daysPastDue          days since the oldest unpaid due instalment fell due (0 when none)
 * @param outstanding          scheduled − applied
 * @param outstandingPrincipal principal not yet repaid (payments cover each instalment's interest first)
 * @param status               summary
 */
public record LoanStatement(LocalDate asOf, BigDecimal principal, List<Line> instalments, BigDecimal scheduled, BigDecimal paid,
                            BigDecimal paidByCover, BigDecimal applied, BigDecimal unapplied, BigDecimal dueToDate, BigDecimal arrears,
                            int daysPastDue, BigDecimal outstanding, BigDecimal outstandingPrincipal, Status status) {
    public LoanStatement {
        instalments = List.copyOf(instalments);
    }

    /** Where the loan stands. */
    public enum Status {
        /** Nothing due yet (and something still owed). */
        NOT_YET_DUE,
        /** Everything due is paid; more falls due later. */
        CURRENT,
        /** Something due is unpaid. */
        IN_ARREARS,
        /** The whole schedule is paid. */
        REPAID
    }

    /**
     * One instalment.
     *
     * @param number      1-based
     * @param dueDate     due date
     * @param principal   principal part
     * @param interest    interest part
     * @param total       principal + interest
     * @param paid        applied to it so far
     * @param outstanding total − paid
     * @param due         due on or before asOf
     * @param daysPastDue days since due while unpaid (0 when paid or not due)
     */
    public record Line(int number, LocalDate dueDate, BigDecimal principal, BigDecimal interest, BigDecimal total, BigDecimal paid,
                       BigDecimal outstanding, boolean due, int daysPastDue) {
    }
}
