package io.telerisk.agri.monitor;

import io.telerisk.agri.Scenario;
import io.telerisk.agri.loan.LoanApplication;
import io.telerisk.agri.loan.LoanOutcome;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import static io.telerisk.agri.Scenario.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeasonMonitorTest {
    private final Scenario s = new Scenario();
    private final LocalDate loanDay = LocalDate.of(2024, 6, 20);

    private void region() {
        s.field("f", "alice", "d1", 15.00);
        s.field("g", "gina", "d2", 14.98); // not financed
        for (int i = 0; i < 5; i++) s.field("p" + i, "farmer" + i, "dp" + i, 15.01 + 0.01 * i);
        for (LocalDate d = Scenario.SOWING.plusDays(15); d.isBefore(loanDay); d = d.plusDays(10)) {
            for (int i = 0; i < 5; i++) s.observe("p" + i, d, expected(d) + 0.01 * (i - 2));
            s.observe("f", d, expected(d));
            s.observe("g", d, expected(d));
        }
        s.soil("d1", Scenario.SOWING, loanDay, 0.3);
        var d = s.loanService(loanDay).decide(new LoanApplication("a1", Scenario.TENANT, "d1", new BigDecimal("500.00"),
                Currency.getInstance("USD"), 6, "fertiliser", Instant.now()));
        assertEquals(LoanOutcome.APPROVE, d.outcome(), d.factors().toString());
    }

    private SeasonMonitor monitor() {
        return new SeasonMonitor(s.fields, s.loans, s.health, SeasonMonitor.Thresholds.defaults());
    }

    @Test
    void quietWhileTheFinancedFieldIsHealthy() {
        region();
        assertTrue(monitor().evaluate(Scenario.TENANT, loanDay).isEmpty());
    }

    @Test
    void alertsWhenAFinancedFieldFallsBelowItsPeers() {
        region();
        LocalDate d = LocalDate.of(2024, 7, 5);
        for (int i = 0; i < 5; i++) s.observe("p" + i, d, expected(d) + 0.01 * (i - 2));
        s.observe("f", d, expected(d) - 0.25);
        s.observe("g", d, expected(d) - 0.25);
        s.soil("d1", loanDay, d.plusDays(1), 0.3);
        List<SeasonAlert> alerts = monitor().evaluate(Scenario.TENANT, d);
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(SeasonAlert.Kind.NDVI_ANOMALY, alerts.get(0).kind());
        assertEquals("f", alerts.get(0).fieldId(), "the unfinanced field g is not watched");
        assertEquals("a1", alerts.get(0).applicationId());
        assertTrue(alerts.get(0).value() <= -2);
    }

    @Test
    void alertsOnWaterStressInTheRecentWindow() {
        region();
        LocalDate d = LocalDate.of(2024, 7, 1);
        s.observe("f", d.minusDays(1), expected(d.minusDays(1)));
        for (int i = 0; i < 5; i++) s.observe("p" + i, d.minusDays(1), expected(d.minusDays(1)));
        s.soil("d1", loanDay, d.minusDays(5), 0.3);
        s.soil("d1", d.minusDays(5), d.plusDays(1), 0.09);
        List<SeasonAlert> alerts = monitor().evaluate(Scenario.TENANT, d);
        assertEquals(List.of(SeasonAlert.Kind.WATER_STRESS), alerts.stream().map(SeasonAlert::kind).toList());
        assertEquals(6, alerts.get(0).value(), 1e-12);
    }

    @Test
    void alertsWhenTheFieldHasNotBeenSeenForAMonth() {
        region();
        s.soil("d1", loanDay, LocalDate.of(2024, 8, 1), 0.3);
        List<SeasonAlert> alerts = monitor().evaluate(Scenario.TENANT, LocalDate.of(2024, 7, 31));
        assertTrue(alerts.stream().anyMatch(a -> a.kind() == SeasonAlert.Kind.NO_OBSERVATION), alerts.toString());
    }
}
