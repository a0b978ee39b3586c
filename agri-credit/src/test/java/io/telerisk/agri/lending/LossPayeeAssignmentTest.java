package io.telerisk.agri.lending;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossPayeeAssignmentTest {
    private final LossPayeeAssignment linked = new LossPayeeAssignment("CROP-farm-00001", LocalDate.parse("2026-06-10"));

    @Test
    void aClaimTriggeredAfterTheDayOfTheLinkIsTheLenders() {
        assertEquals(LossPayeeAssignment.Payee.LENDER, linked.payeeOf(LocalDate.parse("2026-06-11")));
    }

    @Test
    void aClaimTriggeredOnOrBeforeTheDayOfTheLinkIsTheInsureds() {
        assertEquals(LossPayeeAssignment.Payee.INSURED, linked.payeeOf(LocalDate.parse("2026-06-10")));
        assertEquals(LossPayeeAssignment.Payee.INSURED, linked.payeeOf(LocalDate.parse("2026-05-01")));
        assertTrue(linked.insuredBecause(LocalDate.parse("2026-05-01")).contains("2026-06-10"));
    }
}
