package io.telerisk.agri.loan;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One repayment: principal and interest due on a date (scale 2). */
public record Instalment(LocalDate dueDate, BigDecimal principal, BigDecimal interest) {
    public BigDecimal total() {
        return principal.add(interest);
    }
}
