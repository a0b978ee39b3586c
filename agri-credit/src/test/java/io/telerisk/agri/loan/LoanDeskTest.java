package io.telerisk.agri.loan;

import io.telerisk.agri.Scenario;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class LoanDeskTest {
    private final Scenario s = new Scenario();
    private final LoanDesk desk = new LoanDesk(s.loanService(LocalDate.of(2024, 7, 20)));

    @Test
    void answersAnUnregisteredDeviceWithADecline() {
        var out = assertInstanceOf(LoanDesk.Outcome.Decided.class, desk.onEvent(new DeviceKey(Scenario.TENANT, DeviceType.FARM_SENSOR, "ghost"),
                new DeviceEvent("loan_request", Instant.parse("2024-07-20T08:00:00Z"), Map.of("termMonths", 6.0),
                        Map.of("amountRequested", "300.00", "currency", "USD", "purpose", "seed"), List.of())));
        assertEquals(LoanOutcome.DECLINE, out.decision().outcome());
        assertEquals("UNREGISTERED_DEVICE", out.decision().reasonCode());
        assertEquals(0, desk.rejectedRequests());
    }

    @Test
    void rejectsAndCountsAMalformedRequest() {
        var out = assertInstanceOf(LoanDesk.Outcome.Rejected.class, desk.onEvent(new DeviceKey(Scenario.TENANT, DeviceType.FARM_SENSOR, "d1"),
                new DeviceEvent("loan_request", Instant.now(), Map.of(), Map.of("currency", "USD"), List.of())));
        assertEquals("amountRequested is missing", out.reason());
        assertEquals(1, desk.rejectedRequests());
    }

    @Test
    void aHostileAmountIsRejectedWithAShortReason() {
        for (String amount : new String[]{"1e-300000000", "1e300000000"}) {
            var out = assertInstanceOf(LoanDesk.Outcome.Rejected.class, desk.onEvent(new DeviceKey(Scenario.TENANT, DeviceType.FARM_SENSOR, "d1"),
                    new DeviceEvent("loan_request", Instant.now(), Map.of("termMonths", 6.0), Map.of("currency", "USD", "amountRequested", amount), List.of())));
            // the reason goes back to the device in a command: a 311-byte event once sent a 3 MB one
            org.junit.jupiter.api.Assertions.assertTrue(out.reason().length() < 300, out.reason().length() + " characters");
        }
    }
}
