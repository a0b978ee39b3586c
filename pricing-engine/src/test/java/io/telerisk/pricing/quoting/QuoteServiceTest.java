package io.telerisk.pricing.quoting;

import io.telerisk.model.DeviceType;
import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.WearableDay;
import io.telerisk.pricing.catalog.InMemoryPlanRepository;
import io.telerisk.pricing.catalog.PlanService;
import io.telerisk.pricing.plan.Jurisdiction;
import io.telerisk.pricing.plan.PlanDocumentReader;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.ProhibitedVariables;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.rating.InMemoryQuoteLog;
import io.telerisk.pricing.rating.Quote;
import io.telerisk.pricing.rating.QuoteLine;
import io.telerisk.pricing.rating.RatingException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuoteServiceTest {
    final PlanService plans = new PlanService(new InMemoryPlanRepository(), new PlanValidator(ProhibitedVariables.defaults()), Clock.systemUTC());
    final List<DailyUsage> usage = new ArrayList<>();
    final List<WearableDay> wearable = new ArrayList<>();
    final InMemoryQuoteLog log = new InMemoryQuoteLog();
    final QuoteService quotes = new QuoteService(plans,
            (t, d, from, to) -> usage.stream().filter(u -> !u.day().isBefore(from) && u.day().isBefore(to)).toList(),
            (t, d, from, to) -> wearable.stream().filter(u -> !u.day().isBefore(from) && u.day().isBefore(to)).toList(),
            null, log);

    private PlanKey activate(String resource) {
        RatingPlan p = PlanDocumentReader.readResource(resource);
        plans.saveDraft(p, "author");
        plans.approve(p.key(), "approver");
        plans.activate(p.key());
        return p.key();
    }

    @Test
    void quotesAMotorPolicyFromItsDailyUsageAndLogsThePlanVersion() {
        PlanKey key = activate("/plans/motor-payd-gb.json");
        LocalDate from = LocalDate.of(2026, 4, 1);
        for (int i = 0; i < 30; i++) {
            // 300 km on day 0 exceeds the 250 km daily cap of the per-km part
            double km = i == 0 ? 300 : 20;
            usage.add(new DailyUsage("t1", "car-1", from.plusDays(i), km, km * 0.1, km * 0.02, km * 0.5,
                    Duration.ofMinutes(40), 2, 0, 0, 0));
        }
        Quote q = quotes.quote(new QuoteRequest("t1", "pol-9", "car-1", DeviceType.VEHICLE, "motor", Jurisdiction.parse("GB"), "GBP", from,
                from.plusDays(30), Map.of("driverAge", "40", "vehicleGroup", "12", "territory", "urban", "noClaimsYears", "3"), null));
        assertEquals(key, q.plan());
        QuoteLine perKm = q.lines().stream().filter(l -> l.variable().equals("perKm")).findFirst().orElseThrow();
        assertEquals(250 + 29 * 20, perKm.inputValue(), 1e-9);
        assertEquals(List.of(q), log.forPolicy("pol-9"));
        assertEquals(Math.sqrt(880 / 5000.0), q.credibility(), 1e-12);
    }

    @Test
    void noPlanInForceIsAClearError() {
        activate("/plans/motor-payd-gb.json");
        NoPlanException e = assertThrows(NoPlanException.class, () -> quotes.quote(new QuoteRequest("t1", "p", "car", DeviceType.VEHICLE, "motor",
                Jurisdiction.parse("FR"), "EUR", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1), Map.of(), null)));
        assertTrue(e.getMessage().contains("motor in FR"), e.getMessage());
    }

    @Test
    void usageDerivedVariablesCannotBeDeclared() {
        activate("/plans/motor-payd-gb.json");
        assertThrows(RatingException.class, () -> quotes.quote(new QuoteRequest("t1", "p", "car", DeviceType.VEHICLE, "motor", Jurisdiction.parse("GB"),
                "GBP", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1), Map.of("nightShare", "0"), null)));
    }

    @Test
    void wellnessPlanUsesOnlyDailyWearableAggregates() {
        activate("/plans/wellness-nl.json");
        LocalDate from = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 90; i++) {
            // resting HR falling 1 bpm per 30 days, 11 000 steps, 50 active minutes: gold
            wearable.add(new WearableDay("t1", "watch", from.plusDays(i), 11000, 50, 62.0 - i / 30.0, 420, 97.0, 900));
        }
        Quote q = quotes.quote(new QuoteRequest("t1", "pol-w", "watch", DeviceType.WEARABLE, "wellness", Jurisdiction.parse("NL"), "EUR", from,
                from.plusDays(90), Map.of("age", "38", "smoker", "no"), null));
        assertEquals("gold", q.wellnessTier());
        assertEquals(new java.math.BigDecimal("75.45"), q.totalPremium());
    }

    private static final String SCORE_PLAN = """
        {"planId":"score-gb","version":1,"productLine":"motor-score","jurisdiction":"GB","currency":"GBP","effectiveFrom":"2026-01-01",
         "exposure":{"annualRate":365},"factors":[{"variable":"telematicsScore","bands":[{"upTo":40,"relativity":0.9},{"over":40,"upTo":60,"relativity":1.0},{"over":60,"relativity":1.25}]}],
         "telematics":{"credibility":{"method":"FULL"}},
         "tests":[{"name":"average","profile":{"periodDays":365,"telematicsScore":50},"expectedPremium":365.00}]}""";

    @Test
    void planRatingOnTheScoreUsesTheScorerPortAndFailsClearlyWithoutOne() {
        RatingPlan p = PlanDocumentReader.parse(SCORE_PLAN);
        plans.saveDraft(p, "author");
        plans.approve(p.key(), "approver");
        plans.activate(p.key());
        LocalDate from = LocalDate.of(2026, 4, 1);
        QuoteRequest req = new QuoteRequest("t1", "pol-s", "car", DeviceType.VEHICLE, "motor-score", Jurisdiction.parse("GB"), "GBP", from, from.plusDays(73), Map.of(), null);
        RatingException e = assertThrows(RatingException.class, () -> quotes.quote(req));
        assertTrue(e.getMessage().contains("no scorer is configured"), e.getMessage());
        int[] seenDays = new int[1];
        QuoteService scored = new QuoteService(plans, (t, d, f, to) -> List.of(), (t, d, f, to) -> List.of(),
                (usage, days) -> { seenDays[0] = days; return 72.5; }, log);
        Quote q = scored.quote(req);
        assertEquals(73, seenDays[0]);
        assertEquals(new java.math.BigDecimal("91.25"), q.totalPremium()); // 365 × 73/365 × 1.25
        assertTrue(q.lines().stream().anyMatch(l -> l.variable().equals("telematicsScore") && l.inputValue() == 72.5));
        assertEquals("unnamed telematics scorer", q.scoreModel(), "the quote records which model scored it");
        assertEquals(q, log.forPolicy("pol-s").get(0));
    }

    @Test
    void aMotorPlanRefusesToQuoteAWearable() {
        activate("/plans/motor-payd-gb.json");
        WrongDeviceException e = assertThrows(WrongDeviceException.class, () -> quotes.quote(new QuoteRequest("t1", "p", "watch",
                DeviceType.WEARABLE, "motor", Jurisdiction.parse("GB"), "GBP", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1),
                Map.of("driverAge", "40", "vehicleGroup", "12", "territory", "urban", "noClaimsYears", "3"), null)));
        assertTrue(e.getMessage().contains("prices vehicles") && e.getMessage().contains("watch is a wearable"), e.getMessage());
        assertTrue(log.forPolicy("p").isEmpty(), "nothing is logged for a refused quote");
    }

    @Test
    void aWellnessPlanRefusesToQuoteAVehicle() {
        activate("/plans/wellness-nl.json");
        WrongDeviceException e = assertThrows(WrongDeviceException.class, () -> quotes.quote(new QuoteRequest("t1", "p", "car",
                DeviceType.VEHICLE, "wellness", Jurisdiction.parse("NL"), "EUR", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1),
                Map.of("age", "38", "smoker", "no"), null)));
        assertTrue(e.getMessage().contains("prices wearables") && e.getMessage().contains("car is a vehicle"), e.getMessage());
    }
}
