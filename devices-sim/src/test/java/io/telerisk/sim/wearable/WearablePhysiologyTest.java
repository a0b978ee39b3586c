package io.telerisk.sim.wearable;

import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.WearableSample;
import io.telerisk.sim.Batch;
import io.telerisk.sim.DeviceSimulator;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.fleet.SimDevice;
import io.telerisk.sim.truth.InMemoryTruth;
import io.telerisk.sim.truth.TruthRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WearablePhysiologyTest {
    private static List<WearableSample> run(DeviceSimulator sim) {
        List<WearableSample> out = new ArrayList<>();
        for (Batch b = sim.next(); b != null; b = sim.next()) {
            for (Sample s : b.samples()) out.add((WearableSample) s);
        }
        return out;
    }

    private static int hour(WearableSample s) {
        return s.time().atZone(ZoneOffset.UTC).getHour();
    }

    @Test
    void heartRateFollowsCircadianRhythmAndDropsInSleep() {
        Fleet fleet = Fleet.builder().seed(3).wearables(20).duration(Duration.ofDays(4)).build();
        for (SimDevice d : fleet.devices()) {
            List<WearableSample> s = run(fleet.simulator(d, new InMemoryTruth()));
            double night = s.stream().filter(x -> hour(x) >= 2 && hour(x) < 5).mapToInt(WearableSample::heartRateBpm).average().orElseThrow();
            double afternoon = s.stream().filter(x -> hour(x) >= 14 && hour(x) < 18).mapToInt(WearableSample::heartRateBpm).average().orElseThrow();
            assertTrue(night + 8 < afternoon, d.key() + ": night " + night + " bpm vs afternoon " + afternoon + " bpm");
            double rest = d.fitness().restingHeartRateBpm();
            assertTrue(Math.abs(night - (rest - 6)) < 6, d.key() + ": sleeping heart rate " + night + " near resting " + rest + " - 6");
            for (WearableSample x : s) {
                assertTrue(x.heartRateBpm() >= 35 && x.heartRateBpm() <= 200, "heart rate " + x);
                assertTrue(x.spo2Percent() >= 85 && x.spo2Percent() <= 100, "SpO2 " + x);
                assertTrue(x.steps() >= 0 && x.steps() <= 200, "steps per minute " + x);
                if (hour(x) >= 12 && hour(x) < 18) assertNull(x.sleepStage(), "no sleep stage in the afternoon " + x);
                if (hour(x) == 2) assertNotNull(x.sleepStage(), "sleep stage at night " + x);
            }
        }
    }

    @Test
    void deepSleepIsFrontLoadedAndRemBackLoaded() {
        Fleet fleet = Fleet.builder().seed(12).wearables(10).duration(Duration.ofDays(3)).build();
        int deepEarly = 0, deepLate = 0, remEarly = 0, remLate = 0;
        for (SimDevice d : fleet.devices()) {
            for (WearableSample x : run(fleet.simulator(d, new InMemoryTruth()))) {
                if (x.sleepStage() == null) continue;
                int h = hour(x);
                boolean early = h >= 23 || h < 2;
                boolean late = h >= 4 && h < 7;
                if (x.sleepStage() == SleepStage.DEEP) {
                    if (early) deepEarly++;
                    if (late) deepLate++;
                }
                if (x.sleepStage() == SleepStage.REM) {
                    if (early) remEarly++;
                    if (late) remLate++;
                }
            }
        }
        assertTrue(deepEarly > 1.5 * deepLate, "deep sleep early " + deepEarly + " vs late " + deepLate);
        assertTrue(remLate > 1.5 * remEarly, "REM late " + remLate + " vs early " + remEarly);
    }

    @Test
    void dailyTruthMatchesTheSamplesAndFitterPeopleWalkMore() {
        Fleet fleet = Fleet.builder().seed(6).wearables(30).duration(Duration.ofDays(3)).build();
        double fitSteps = 0, unfitSteps = 0;
        int fitN = 0, unfitN = 0;
        for (SimDevice d : fleet.devices()) {
            InMemoryTruth truth = new InMemoryTruth();
            List<WearableSample> s = run(fleet.simulator(d, truth));
            long total = s.stream().mapToLong(WearableSample::steps).sum();
            long truthTotal = truth.ofType("wearable_day").stream().mapToLong(r -> r.getLong("steps")).sum();
            assertEquals(total, truthTotal, "truth steps equal sample steps for " + d.key());
            long worn = truth.ofType("wearable_day").stream().mapToLong(r -> r.getLong("wornMinutes")).sum();
            assertEquals(s.size(), worn, "worn minutes equal samples");
            assertTrue(s.size() < 3 * 1440 && s.size() > 3 * 1440 - 4 * 60, "about an hour a day off the wrist: " + s.size());
            double perDay = total / 3.0;
            if (d.fitness().fitness() > 0.6) {
                fitSteps += perDay;
                fitN++;
            } else if (d.fitness().fitness() < 0.4) {
                unfitSteps += perDay;
                unfitN++;
            }
            for (TruthRecord r : truth.ofType("wearable_day")) assertTrue(r.getLong("sleepMinutes") <= 24 * 60);
        }
        assertTrue(fitN > 0 && unfitN > 0);
        assertTrue(fitSteps / fitN > 1.3 * unfitSteps / unfitN, "fit " + fitSteps / fitN + " vs unfit " + unfitSteps / unfitN + " steps/day");
    }
}
