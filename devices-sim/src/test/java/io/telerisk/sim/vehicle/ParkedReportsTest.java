package io.telerisk.sim.vehicle;

import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.sim.Batch;
import io.telerisk.sim.DeviceSimulator;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.truth.TruthSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parked vehicles report where they stand (the demo's live fleet on the map), from a given time on only: the data
 * before it is the same as without reports, and after it no vehicle is silent for longer than the report interval.
 */
class ParkedReportsTest {
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant FROM = START.plus(Duration.ofDays(1)).plus(Duration.ofHours(3));
    private static final Duration EVERY = Duration.ofMinutes(5);

    @Test
    void fromTheGivenTimeAParkedVehicleReportsItsPositionAndTheDataBeforeIsUnchanged() {
        Fleet plain = fleet(VehicleConfig.defaults());
        Fleet reporting = fleet(VehicleConfig.defaults().withParkedReports(EVERY, FROM));
        int parkedReports = 0;
        for (int i = 0; i < plain.devices().size(); i++) {
            List<VehicleSample> without = samples(plain.simulator(plain.devices().get(i), TruthSink.NONE));
            List<VehicleSample> with = samples(reporting.simulator(reporting.devices().get(i), TruthSink.NONE));
            assertEquals(without.stream().filter(s -> s.time().isBefore(FROM)).toList(),
                    with.stream().filter(s -> s.time().isBefore(FROM)).toList(), "replayed data changed for vehicle " + i);
            assertFalse(with.isEmpty());
            Instant previous = FROM;
            for (VehicleSample s : with) {
                if (s.time().isBefore(FROM)) continue;
                assertTrue(Duration.between(previous, s.time()).compareTo(EVERY) <= 0,
                        "vehicle " + i + " silent from " + previous + " to " + s.time());
                previous = s.time();
                if (Boolean.FALSE.equals(s.ignitionOn()) && s.speedMps() == 0.0 && s.headingDeg() == null) {
                    parkedReports++;
                    assertTrue(s.position() != null, "a parked report without a position: " + s);
                }
            }
            assertTrue(Duration.between(previous, plain.end()).compareTo(EVERY) <= 0, "vehicle " + i + " silent from " + previous);
        }
        assertTrue(parkedReports > 100, "parked reports: " + parkedReports);
    }

    private static Fleet fleet(VehicleConfig vc) {
        return Fleet.builder().seed(7).vehicles(4).start(START).duration(Duration.ofDays(2)).vehicleConfig(vc).build();
    }

    private static List<VehicleSample> samples(DeviceSimulator sim) {
        List<VehicleSample> out = new ArrayList<>();
        for (Batch b = sim.next(); b != null; b = sim.next()) {
            for (Sample s : b.samples()) out.add((VehicleSample) s);
        }
        return out;
    }
}
