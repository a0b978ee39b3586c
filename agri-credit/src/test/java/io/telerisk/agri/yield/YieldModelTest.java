package io.telerisk.agri.yield;

import io.telerisk.agri.Scenario;
import io.telerisk.agri.field.Crop;
import io.telerisk.agri.field.Field;
import io.telerisk.agri.health.WaterStress;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static io.telerisk.agri.Scenario.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YieldModelTest {
    private final Scenario s = new Scenario();
    private final YieldModel model = new YieldModel();
    private final LocalDate peak = Crop.MAIZE.expectedPeakDate(Scenario.SOWING, Scenario.HARVEST);
    private final WaterStress none = new WaterStress(0, 60, 60, 0.12);

    private void normalSeason(String id, double factor, LocalDate until) {
        for (LocalDate d = Scenario.SOWING.plusDays(20); !d.isAfter(until); d = d.plusDays(10)) {
            s.observe(id, d, Crop.MAIZE.baseNdvi() + factor * (expected(d) - Crop.MAIZE.baseNdvi()));
        }
    }

    @Test
    void healthySeasonWithObservedPeakGivesAttainableYieldAndRevenue() {
        Field f = s.field("f", "alice", "d1", 15.0);
        LocalDate asOf = peak.plusDays(30);
        normalSeason("f", 1.0, asOf);
        s.observe("f", peak, Crop.MAIZE.peakNdvi());
        YieldEstimate y = model.estimate(f, s.health.seasonObservations(f, asOf), none, CropPrices.illustrativeUsd(), asOf);
        assertTrue(y.peakObserved());
        assertEquals(Crop.MAIZE.potentialYieldTPerHa(), y.yieldP50TPerHa(), 0.2);
        assertEquals(0.20, y.relativeStd(), 1e-12);
        assertTrue(y.yieldP10TPerHa() < y.yieldP50TPerHa() && y.yieldP50TPerHa() < y.yieldP90TPerHa());
        BigDecimal expectedRevenue = BigDecimal.valueOf(y.yieldP50TPerHa() * f.areaHa()).multiply(new BigDecimal("190.00"))
                .setScale(2, java.math.RoundingMode.HALF_EVEN);
        assertEquals(expectedRevenue, y.revenueP50());
        assertEquals(2, y.revenueP50().scale());
    }

    @Test
    void waterStressAfterThePeakCutsYieldByFaoKy() {
        Field f = s.field("f", "alice", "d1", 15.0);
        LocalDate asOf = peak.plusDays(40);
        normalSeason("f", 1.0, asOf);
        s.observe("f", peak, Crop.MAIZE.peakNdvi());
        var obs = s.health.seasonObservations(f, asOf);
        YieldEstimate dry = model.estimate(f, obs, new WaterStress(20, 40, 40, 0.12), CropPrices.illustrativeUsd(), asOf);
        YieldEstimate wet = model.estimate(f, obs, none, CropPrices.illustrativeUsd(), asOf);
        long fill = java.time.temporal.ChronoUnit.DAYS.between(peak, Scenario.HARVEST);
        assertEquals(wet.yieldP50TPerHa() * (1 - 1.25 * 20.0 / fill), dry.yieldP50TPerHa(), 1e-9);
    }

    @Test
    void earlySeasonForecastFollowsConditionAndHasAWiderBand() {
        Field f = s.field("f", "alice", "d1", 15.0);
        LocalDate asOf = peak.minusDays(20);
        normalSeason("f", 0.6, asOf);
        YieldEstimate y = model.estimate(f, s.health.seasonObservations(f, asOf), none, CropPrices.illustrativeUsd(), asOf);
        assertFalse(y.peakObserved());
        assertEquals(0.30, y.relativeStd(), 1e-12);
        assertEquals(Crop.MAIZE.potentialYieldTPerHa() * 0.6, y.yieldP50TPerHa(), 0.05);
    }

    @Test
    void earlyScenesSlightlyBelowTheBaseNeverForecastANegativePeak() {
        // a field at half the expected NDVI early in the season: the first scenes lie a little under the crop's base
        Field f = s.field("f", "alice", "d1", 15.0);
        LocalDate asOf = Scenario.SOWING.plusDays(45);
        for (LocalDate d = Scenario.SOWING.plusDays(25); !d.isAfter(asOf); d = d.plusDays(5)) s.observe("f", d, 0.5 * expected(d));
        YieldEstimate y = model.estimate(f, s.health.seasonObservations(f, asOf), none, CropPrices.illustrativeUsd(), asOf);
        assertFalse(y.peakObserved());
        assertTrue(y.peakNdvi() >= Crop.MAIZE.baseNdvi(), "forecast peak NDVI " + y.peakNdvi() + " is below the crop's base");
        assertTrue(y.yieldP50TPerHa() >= 0 && y.revenueP50().signum() >= 0);
    }

    @Test
    void forecastWeighsScenesByTheirExpectedSignal() {
        // one early scene far below the curve and two later ones on it: the fit follows the scenes with more signal
        Field f = s.field("f", "alice", "d1", 15.0);
        LocalDate early = Scenario.SOWING.plusDays(32), mid1 = peak.minusDays(25), mid2 = peak.minusDays(15);
        double base = Crop.MAIZE.baseNdvi();
        s.observe("f", early, base - 0.05);
        s.observe("f", mid1, expected(mid1));
        s.observe("f", mid2, expected(mid2));
        LocalDate asOf = mid2.plusDays(1);
        YieldEstimate y = model.estimate(f, s.health.seasonObservations(f, asOf), none, CropPrices.illustrativeUsd(), asOf);
        double[] e = {expected(early) - base, expected(mid1) - base, expected(mid2) - base};
        double c = (-0.05 * e[0] + e[1] * e[1] + e[2] * e[2]) / (e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
        assertEquals(base + (Crop.MAIZE.peakNdvi() - base) * c, y.peakNdvi(), 1e-9);
        assertTrue(c > 0.8, "fitted condition " + c);
    }
}
