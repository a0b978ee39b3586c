package io.telerisk.hub.agri;

import io.telerisk.agri.loan.Factor;
import io.telerisk.agri.loan.Instalment;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanOutcome;
import io.telerisk.agri.loan.RiskGrade;
import io.telerisk.model.Command;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoanDecisionCommandTest {

    @Test
    void theDeviceGetsTheFactorsAndScheduleTheRestApiAnswersWithin16KiBAtWorst() {
        LoanDecision d = largestDecision();
        Command sent = LoanDecisionCommand.toCommand(d);
        byte[] wire = sent.toJson();
        Command heard = Command.fromJson(wire);

        assertEquals(sent, heard);
        assertEquals(AgriJson.decision(d).getJsonArray("factors"), new JsonArray(heard.data().get("factors")), "factors as REST has them");
        assertEquals(AgriJson.decision(d).getJsonArray("schedule"), new JsonArray(heard.data().get("schedule")), "schedule as REST has it");
        assertEquals(36, new JsonArray(heard.data().get("schedule")).size());
        assertEquals("APPROVE", heard.args().get("outcome"));
        assertEquals("36", heard.args().get("termMonths"));
        // every factor the engine can write, long sentences, a 1,000-character CJK officer's note and 36 instalments
        assertTrue(wire.length < 16 * 1024, "the largest decision is " + wire.length + " bytes");
    }

    /** The largest decision the desk can produce: every factor code, an officer's note at its limit, 36 instalments. */
    private static LoanDecision largestDecision() {
        List<Factor> factors = new ArrayList<>();
        for (String code : List.of("amount_requested", "field", "yield_estimate_t_per_ha", "revenue_estimate", "existing_principal",
                "credit_limit", "ndvi_anomaly_z", "water_stress_share", "loan_to_revenue", "yield_uncertainty", "risk_grade", "term",
                "days_since_clear_observation", "amount_above_limit", "currency", "season", "device")) {
            factors.add(new Factor(code, "-12345678.90", "-0.5", Factor.Effect.RISK_POINTS, 3, "x".repeat(160)));
        }
        factors.add(new Factor("credit_officer", "FIELD_VERIFIED", null, Factor.Effect.INFORMATION, 0,
                "approved 99999999.99 by officer-one and officer-two: " + "田".repeat(1000)));
        List<Instalment> schedule = new ArrayList<>();
        for (int m = 0; m < 36; m++) {
            schedule.add(new Instalment(LocalDate.of(2027, 1, 15).plusMonths(m), new BigDecimal("2777777.78"), new BigDecimal("123456.78")));
        }
        return new LoanDecision("field-device-with-a-long-name-00001-1777615258000", "agrifund", "field-device-with-a-long-name-00001",
                "field-with-a-long-name-00001", LoanOutcome.APPROVE, "FIELD_VERIFIED", new BigDecimal("99999999.99"),
                new BigDecimal("99999999.99"), new BigDecimal("99999999.99"), new BigDecimal("99999999.99"), Currency.getInstance("USD"),
                RiskGrade.D, new BigDecimal("22.00"), 36, schedule, factors, Instant.parse("2026-05-01T06:01:00Z"));
    }
}
