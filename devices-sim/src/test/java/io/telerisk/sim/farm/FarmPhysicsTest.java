package io.telerisk.sim.farm;

import io.telerisk.model.FarmSample;
import io.telerisk.model.Sample;
import io.telerisk.sim.Batch;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.fleet.SimDevice;
import io.telerisk.sim.truth.InMemoryTruth;
import io.telerisk.sim.truth.TruthRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FarmPhysicsTest {
    @Test
    void soilMoistureStaysBetweenWiltingPointAndFieldCapacity() {
        Fleet fleet = Fleet.builder().seed(2).farms(12).start(Instant.parse("2026-04-01T00:00:00Z"))
                .duration(Duration.ofDays(150)).build();
        for (SimDevice d : fleet.devices()) {
            FarmSimulator sim = (FarmSimulator) fleet.simulator(d, new InMemoryTruth());
            SoilType soil = d.field().soil();
            double min = 1, max = 0;
            for (Batch b = sim.next(); b != null; b = sim.next()) {
                double v = sim.trueSoilMoistureVwc();
                assertTrue(v >= soil.wiltingPointVwc() - 1e-9 && v <= soil.fieldCapacityVwc() + 1e-9, d.key() + " true VWC " + v);
                for (Sample s : b.samples()) {
                    double r = ((FarmSample) s).soilMoistureVwc();
                    assertTrue(r >= soil.wiltingPointVwc() - 0.015 && r <= soil.fieldCapacityVwc() + 0.015,
                            d.key() + " reported VWC " + r + " for " + soil);
                    min = Math.min(min, r);
                    max = Math.max(max, r);
                }
            }
            assertTrue(max - min > 0.3 * (soil.fieldCapacityVwc() - soil.wiltingPointVwc()),
                    d.key() + " moisture varies with rain and ET: " + min + ".." + max);
        }
    }

    @Test
    void rainWetsTheSoilAndDryDaysDryIt() {
        Fleet fleet = Fleet.builder().seed(14).farms(8).start(Instant.parse("2026-05-01T00:00:00Z"))
                .duration(Duration.ofDays(60)).build();
        int wetRises = 0, wetDays = 0, dryFalls = 0, dryDays = 0;
        for (SimDevice d : fleet.devices()) {
            InMemoryTruth truth = new InMemoryTruth();
            FarmSimulator sim = (FarmSimulator) fleet.simulator(d, truth);
            List<FarmSample> all = new ArrayList<>();
            double reportedRain = 0;
            for (Batch b = sim.next(); b != null; b = sim.next()) {
                for (Sample s : b.samples()) {
                    all.add((FarmSample) s);
                    reportedRain += ((FarmSample) s).rainfallMm();
                }
            }
            List<TruthRecord> days = truth.ofType("farm_day");
            double truthRain = days.stream().mapToDouble(r -> r.getDouble("rainfallMm")).sum();
            assertEquals(truthRain, reportedRain, 0.25, "the rain gauge reports the rain that fell (0.2 mm tips)");
            for (int i = 1; i < days.size(); i++) {
                double change = days.get(i).getDouble("meanSoilMoistureVwc") - days.get(i - 1).getDouble("meanSoilMoistureVwc");
                double rain = days.get(i).getDouble("rainfallMm");
                if (rain > 10) {
                    wetDays++;
                    if (change > 0) wetRises++;
                } else if (rain == 0 && days.get(i - 1).getDouble("rainfallMm") == 0) {
                    dryDays++;
                    if (change <= 0) dryFalls++;
                }
            }
        }
        assertTrue(wetDays > 10 && wetRises > 0.7 * wetDays, "heavy rain raises moisture: " + wetRises + "/" + wetDays);
        assertTrue(dryDays > 10 && dryFalls > 0.95 * dryDays, "dry days dry the soil: " + dryFalls + "/" + dryDays);
    }

    @Test
    void extraterrestrialRadiationMatchesFao56Example() {
        // FAO-56 example 8: 20°S on 3 September → Ra = 32.2 MJ m-2 day-1
        assertEquals(32.2, Hargreaves.extraterrestrialRadiationMjM2(-20, 246), 0.1);
        // Hargreaves ET0 is plausible for a warm summer day at mid latitude (4–7 mm/day)
        double et0 = Hargreaves.et0MmPerDay(48, 180, 15, 29);
        assertTrue(et0 > 4 && et0 < 7, "ET0 " + et0);
        assertEquals(0, Hargreaves.et0MmPerDay(48, 180, 20, 20));
    }

    @Test
    void ndviCurveRisesToPeakInSeasonAndFallsBack() {
        Fleet fleet = Fleet.builder().seed(1).farms(10).build();
        for (FarmField f : fleet.fields()) {
            double winter = f.ndvi(LocalDate.of(2026, 1, 15));
            double mid = f.ndviAtDoy((f.greenUpDoy() + f.senescenceDoy()) / 2);
            assertTrue(winter < f.baseNdvi() + 0.05, f.fieldId() + " bare in winter: " + winter);
            assertTrue(mid > f.peakNdvi() - 0.1 && mid <= f.peakNdvi(), f.fieldId() + " near peak mid-season: " + mid);
            for (int doy = 1; doy <= 365; doy++) {
                double v = f.ndviAtDoy(doy);
                assertTrue(v >= 0 && v <= 1, "NDVI in [0,1]");
            }
        }
    }

    @Test
    void southernFieldsGrowInTheSouthernSummer() {
        Fleet fleet = Fleet.builder().seed(1).farms(5).region(-30, -60, 20).build();
        for (FarmField f : fleet.fields()) {
            assertTrue(f.ndvi(LocalDate.of(2026, 1, 10)) > f.ndvi(LocalDate.of(2026, 7, 10)), f.fieldId());
        }
    }
}
