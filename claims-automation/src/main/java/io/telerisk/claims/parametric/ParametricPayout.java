package io.telerisk.claims.parametric;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A parametric evaluation of one peril over a period.
 *
 * @param peril        DROUGHT or EXCESS_RAIN
 * @param triggered    whether the index met the terms
 * @param amount       payout, scale 2 (zero when not triggered)
 * @param percent      percentage of the sum insured paid, scale 4
 * @param eventStart   first day of the triggering run or window, or {@code null}
 * @param eventEnd     last day of it, or {@code null}
 * @param explanation  how the amount follows from the data and the terms, line by line
 */
public record ParametricPayout(Peril peril, boolean triggered, BigDecimal amount, BigDecimal percent, LocalDate eventStart,
                               LocalDate eventEnd, List<String> explanation) {
    public enum Peril { DROUGHT, EXCESS_RAIN }

    public ParametricPayout {
        explanation = List.copyOf(explanation);
    }
}
