package io.telerisk.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmountsTest {
    @Test
    void ordinaryAmountsParse() {
        assertEquals(new BigDecimal("50000"), Amounts.parse("limit", " 50000 "));
        assertEquals(new BigDecimal("1234.5"), Amounts.parse("limit", "1234.50"));
        assertEquals(new BigDecimal("25000"), Amounts.parse("limit", "2.5e4"));
        assertEquals(new BigDecimal("0.0125"), Amounts.of("rate", 0.0125));
        assertEquals(BigDecimal.ZERO, Amounts.parse("deductible", "0.000"));
    }

    @Test
    void hostileExponentsAreRefusedQuicklyWithAShortMessage() {
        for (String s : new String[]{"1e-300000000", "1e300000000", "9".repeat(41), "1e16", "0.00000000001", "NaN", "12,5", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Amounts.parse("claimedAmount", s), s);
            assertTrue(e.getMessage().length() < 200, "the message stays short: " + e.getMessage().length());
            assertTrue(e.getMessage().startsWith("claimedAmount"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Amounts.of("x", new BigDecimal("1e-300000000")));
        assertThrows(IllegalArgumentException.class, () -> Amounts.of("x", Double.POSITIVE_INFINITY));
    }
}
