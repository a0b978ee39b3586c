package io.telerisk.pricing.rating;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.WearableDay;
import io.telerisk.pricing.plan.Variable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageFeaturesTest {
    static final LocalDate D0 = LocalDate.of(2026, 2, 1);

    /** A day whose km not urban are rural: the road class of every km is known. */
    static DailyUsage day(int i, double km, double night, double urban, double speeding, int brakes) {
        return new DailyUsage("t", "car", D0.plusDays(i), km, night, speeding, urban, km - urban, 0, Duration.ofHours(1), 2, brakes, 1, 0);
    }

    static DailyUsage classified(int i, double km, double urban, double rural, double motorway) {
        return new DailyUsage("t", "car", D0.plusDays(i), km, 0, 0, urban, rural, motorway, Duration.ofHours(1), 2, 0, 0, 0);
    }

    @Test
    void derivesSharesRatesAndCappedDistance() {
        RatingInput in = UsageFeatures.addDriving(RatingInput.builder("p"),
                List.of(day(0, 400, 100, 200, 40, 2), day(3, 100, 0, 50, 10, 0)), D0, D0.plusDays(10), 250).build();
        assertEquals(10, in.number(Variable.PERIOD_DAYS));
        assertEquals(500, in.number(Variable.DISTANCE_KM));
        assertEquals(350, in.number(Variable.CAPPED_DISTANCE_KM));
        assertEquals(500 * 36.5, in.number(Variable.ANNUAL_KM), 1e-9);
        assertEquals(0.2, in.number(Variable.NIGHT_SHARE), 1e-12);
        assertEquals(0.5, in.number(Variable.URBAN_SHARE), 1e-12);
        assertEquals(0.5, in.number(Variable.RURAL_SHARE), 1e-12);
        assertEquals(0, in.number(Variable.MOTORWAY_SHARE), 1e-12);
        assertEquals(0.1, in.number(Variable.SPEEDING_SHARE), 1e-12);
        assertEquals(0.4, in.number(Variable.HARSH_BRAKES_PER_100KM), 1e-12);
        assertEquals(0.8, in.number(Variable.HARSH_EVENTS_PER_100KM), 1e-12);
        assertEquals(2, in.number(Variable.DRIVING_DAYS));
    }

    @Test
    void roadSharesAreFractionsOfTheKmWhoseRoadClassIsKnown() {
        // 100 km, 90 of known class (30 urban, 30 rural, 30 motorway): coverage 90% ≥ 80%
        RatingInput in = UsageFeatures.addDriving(RatingInput.builder("p"), List.of(classified(0, 100, 30, 30, 30)),
                D0, D0.plusDays(7), 250).build();
        assertEquals(1 / 3.0, in.number(Variable.URBAN_SHARE), 1e-12);
        assertEquals(1 / 3.0, in.number(Variable.RURAL_SHARE), 1e-12);
        assertEquals(1 / 3.0, in.number(Variable.MOTORWAY_SHARE), 1e-12);
    }

    @Test
    void roadSharesAreUnknownNotZeroWhenTooFewKmHaveARoadClass() {
        // 100 km with 0 and with 70 km of known class: below 80% the shares are unknown (never a 0% urban discount)
        for (double known : new double[]{0, 70}) {
            RatingInput in = UsageFeatures.addDriving(RatingInput.builder("p"), List.of(classified(0, 100, 0, known, 0)),
                    D0, D0.plusDays(7), 250).build();
            assertTrue(Double.isNaN(in.number(Variable.URBAN_SHARE)), "known " + known);
            assertTrue(Double.isNaN(in.number(Variable.MOTORWAY_SHARE)), "known " + known);
        }
        RatingInput parked = UsageFeatures.addDriving(RatingInput.builder("p"), List.of(), D0, D0.plusDays(7), 250).build();
        assertTrue(Double.isNaN(parked.number(Variable.URBAN_SHARE)), "no km: no share");
    }

    @Test
    void noDrivingGivesZeroSharesNotNaN() {
        RatingInput in = UsageFeatures.addDriving(RatingInput.builder("p"), List.of(), D0, D0.plusDays(30), 250).build();
        assertEquals(0, in.number(Variable.NIGHT_SHARE));
        assertEquals(0, in.number(Variable.DISTANCE_KM));
    }

    @Test
    void refusesDaysOutsideThePeriodAndDuplicates() {
        RatingException outside = assertThrows(RatingException.class, () -> UsageFeatures.addDriving(RatingInput.builder("p"),
                List.of(day(10, 1, 0, 0, 0, 0)), D0, D0.plusDays(10), 250));
        assertTrue(outside.getMessage().contains("outside"));
        assertThrows(RatingException.class, () -> UsageFeatures.addDriving(RatingInput.builder("p"),
                List.of(day(1, 1, 0, 0, 0, 0), day(1, 2, 0, 0, 0, 0)), D0, D0.plusDays(10), 250));
    }

    @Test
    void restingHeartRateTrendIsTheLeastSquaresSlopePer30Days() {
        List<WearableDay> days = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Double hr = i % 7 == 3 ? null : 60 + 0.05 * i; // +1.5 bpm per 30 days, some days without estimate
            int worn = i % 10 == 0 ? 100 : 800;              // badly worn days are left out
            days.add(new WearableDay("t", "w", D0.plusDays(i), 8000 + i, 30, hr, 400, null, worn));
        }
        RatingInput in = UsageFeatures.addWellness(RatingInput.builder("p"), days, D0, D0.plusDays(60), 600).build();
        assertEquals(54, in.number(Variable.WORN_DAYS));
        assertEquals(1.5, in.number(Variable.RESTING_HR_TREND), 1e-9);
        assertEquals(30, in.number(Variable.AVG_ACTIVE_MINUTES), 1e-12);
    }
}
