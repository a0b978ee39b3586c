package io.telerisk.agri.loan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a crop-loan schedule: nothing is due before the harvest has been sold. Monthly instalments of equal
 * principal run from {@code firstDue} to the end of the term (at least one, on {@code firstDue}); interest is simple,
 * actual/365, on the outstanding principal, rounded half-even to cents each period; the last instalment takes the
 * principal's rounding remainder.
 */
public final class RepaymentSchedule {
    private RepaymentSchedule() {
    }

    public static List<Instalment> build(BigDecimal principal, BigDecimal annualRatePercent, LocalDate disbursed,
                                         LocalDate firstDue, int termMonths) {
        LocalDate maturity = disbursed.plusMonths(termMonths);
        int count = 1;
        while (!firstDue.plusMonths(count).isAfter(maturity)) count++;
        BigDecimal each = principal.divide(BigDecimal.valueOf(count), 2, RoundingMode.DOWN);
        BigDecimal rate = annualRatePercent.movePointLeft(2);
        List<Instalment> out = new ArrayList<>(count);
        BigDecimal outstanding = principal;
        LocalDate from = disbursed;
        for (int i = 0; i < count; i++) {
            LocalDate due = firstDue.plusMonths(i);
            long days = ChronoUnit.DAYS.between(from, due);
            BigDecimal interest = outstanding.multiply(rate).multiply(BigDecimal.valueOf(days))
                    .divide(BigDecimal.valueOf(365), 2, RoundingMode.HALF_EVEN);
            BigDecimal p = i == count - 1 ? outstanding : each;
            out.add(new Instalment(due, p, interest));
            outstanding = outstanding.subtract(p);
            from = due;
        }
        return out;
    }
}
