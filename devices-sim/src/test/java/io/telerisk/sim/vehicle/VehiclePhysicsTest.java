package io.telerisk.sim.vehicle;

import io.telerisk.model.EventTypes;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.sim.Batch;
import io.telerisk.sim.DeviceSimulator;
import io.telerisk.sim.fleet.Fleet;
import io.telerisk.sim.fleet.SimDevice;
import io.telerisk.sim.truth.InMemoryTruth;
import io.telerisk.sim.truth.TruthRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VehiclePhysicsTest {
    private static final double G = HalfSinePulse.G;

    private static List<VehicleSample> run(DeviceSimulator sim) {
        List<VehicleSample> out = new ArrayList<>();
        for (Batch b = sim.next(); b != null; b = sim.next()) {
            for (Sample s : b.samples()) out.add((VehicleSample) s);
        }
        return out;
    }

    @Test
    void crashPulseIntegralEqualsConfiguredDeltaVWithinTwoPercent() {
        Fleet fleet = Fleet.builder().seed(11).vehicles(12).duration(Duration.ofDays(3))
                .vehicleConfig(VehicleConfig.defaults().withCrashRateMultiplier(400)).build();
        int crashes = 0;
        for (SimDevice d : fleet.devices()) {
            InMemoryTruth truth = new InMemoryTruth();
            List<VehicleSample> samples = run(fleet.simulator(d, truth));
            TreeMap<Instant, VehicleSample> burst = new TreeMap<>();
            for (VehicleSample s : samples) if (s.position() == null && s.speedMps() == null && s.time().getNano() % 1_000_000_0 != 0) burst.put(s.time(), s);
            for (TruthRecord c : truth.ofType("crash")) {
                crashes++;
                Instant t0 = Instant.parse(c.getString("time"));
                double durMs = c.getDouble("pulseDurationMs");
                double dv = c.getDouble("deltaVMps");
                double th = Math.toRadians(c.getDouble("directionDeg"));
                double ux = -Math.cos(th);
                double uy = -Math.sin(th);
                // baseline: the driving acceleration just before the impact, removed as a crash detector would
                var before = burst.subMap(t0.minusMillis(400), t0.minusMillis(20)).values();
                assertFalse(before.isEmpty(), "burst covers the time before the crash at " + t0);
                double bx = before.stream().mapToDouble(s -> s.acceleration().xMps2()).average().orElseThrow();
                double by = before.stream().mapToDouble(s -> s.acceleration().yMps2()).average().orElseThrow();
                var during = burst.subMap(t0.minusMillis(10), t0.plusMillis((long) durMs + 10)).values();
                double integral = 0;
                double peak = 0;
                for (VehicleSample s : during) {
                    double a = (s.acceleration().xMps2() - bx) * ux + (s.acceleration().yMps2() - by) * uy;
                    integral += a * 0.010;
                    peak = Math.max(peak, a);
                }
                assertEquals(dv, integral, 0.02 * dv, "ΔV of crash at " + t0 + " (" + c + ")");
                assertTrue(durMs >= 59.9 && durMs <= 150.1, "pulse duration " + durMs);
                double peakG = c.getDouble("peakG");
                assertTrue(peakG >= 9.99 && peakG <= 50.01, "peak " + peakG + " g");
                assertTrue(peak > 0.8 * peakG * G, "sampled peak " + peak + " vs true " + peakG * G);
                // the 1 Hz speed shows the crash: standing still within 30 s after a frontal impact
                if (c.getString("configuration").equals("frontal")) {
                    double after = samples.stream().filter(s -> s.speedMps() != null && s.time().isAfter(t0.plusSeconds(10))
                            && s.time().isBefore(t0.plusSeconds(30))).mapToDouble(VehicleSample::speedMps).max().orElse(0);
                    assertTrue(after < 0.6, "vehicle stopped after crash, speed " + after);
                }
            }
        }
        assertTrue(crashes >= 5, "crashes simulated: " + crashes);
    }

    @Test
    void speedsStayWithinLimitsOutsideSpeedingEpisodes() {
        Fleet fleet = Fleet.builder().seed(5).vehicles(25).duration(Duration.ofDays(2)).build();
        int ticks = 0;
        double episodeTime = 0;
        double transitionTime = 0;
        for (SimDevice d : fleet.devices()) {
            InMemoryTruth truth = new InMemoryTruth();
            List<Object[]> over = new ArrayList<>();
            DeviceSimulator sim = fleet.simulator(d, truth, (t, road, v, reported) -> {
                if (reported != null && reported > road.limitMps() + 1.0) over.add(new Object[]{t, road, reported});
            });
            ticks += run(sim).size();
            List<TruthRecord> speeding = truth.ofType("speeding");
            for (TruthRecord r : speeding) {
                double s = Duration.between(Instant.parse(r.getString("from")), Instant.parse(r.getString("to"))).toMillis() / 1000.0;
                if (r.getString("cause").equals("episode")) episodeTime += s;
                else transitionTime += s;
            }
            for (Object[] o : over) {
                Instant t = (Instant) o[0];
                boolean inside = speeding.stream().anyMatch(r -> !t.isBefore(Instant.parse(r.getString("from")).minusSeconds(1))
                        && !t.isAfter(Instant.parse(r.getString("to")).plusSeconds(1)));
                assertTrue(inside, d.key() + " at " + t + " reports " + o[2] + " m/s on " + o[1] + " outside any speeding record");
            }
        }
        assertTrue(ticks > 10_000, "enough driving simulated: " + ticks);
        assertTrue(episodeTime > 0, "some deliberate speeding happened");
        assertTrue(transitionTime < 0.1 * (episodeTime + transitionTime),
                "speeding is deliberate, not a control artefact: episodes " + episodeTime + " s, transitions " + transitionTime + " s");
    }

    @Test
    void aggressiveDriversSpeedAndBrakeHarshlyMoreThanCautiousOnes() {
        Fleet fleet = Fleet.builder().seed(9).vehicles(60).duration(Duration.ofDays(5)).build();
        double[] harshPer100 = new double[2];
        double[] speedingShare = new double[2];
        double[] km = new double[2];
        for (SimDevice d : fleet.devices()) {
            double r = d.driver().latentRisk();
            if (r > 0.2 && r < 0.45) continue;
            int g = r <= 0.2 ? 0 : 1;
            InMemoryTruth truth = new InMemoryTruth();
            run(fleet.simulator(d, truth));
            for (TruthRecord t : truth.ofType("trip")) {
                km[g] += t.getDouble("distanceKm");
                speedingShare[g] += t.getDouble("speedingDistanceKm");
                harshPer100[g] += t.getLong("harshBrakes") + t.getLong("harshAccelerations") + t.getLong("harshCorners");
            }
        }
        assertTrue(km[0] > 100 && km[1] > 100, "both groups drove: " + km[0] + " / " + km[1] + " km");
        double cautiousHarsh = harshPer100[0] * 100 / km[0];
        double riskyHarsh = harshPer100[1] * 100 / km[1];
        assertTrue(riskyHarsh > 2 * cautiousHarsh, "harsh events per 100 km: cautious " + cautiousHarsh + ", risky " + riskyHarsh);
        assertTrue(speedingShare[1] / km[1] > 2 * speedingShare[0] / km[0],
                "speeding share: cautious " + speedingShare[0] / km[0] + ", risky " + speedingShare[1] / km[1]);
    }

    @Test
    void harshBrakingIsVisibleInTheAccelerationBurst() {
        Fleet fleet = Fleet.builder().seed(21).vehicles(15).duration(Duration.ofDays(2)).build();
        int checked = 0;
        for (SimDevice d : fleet.devices()) {
            InMemoryTruth truth = new InMemoryTruth();
            List<VehicleSample> samples = run(fleet.simulator(d, truth));
            for (TruthRecord h : truth.ofType("harsh_event")) {
                if (!h.getString("kind").equals(EventTypes.HARSH_BRAKING)) continue;
                Instant t = Instant.parse(h.getString("time"));
                double decel = h.getDouble("magnitudeMps2");
                double minAx = samples.stream().filter(s -> !s.time().isBefore(t) && s.time().isBefore(t.plusMillis(1000))
                                && s.acceleration() != null && s.position() == null && s.time().getNano() % 10_000_000 == 5_000_000)
                        .mapToDouble(s -> s.acceleration().xMps2()).min().orElse(0);
                assertTrue(minAx < -(decel - 1.5), "burst shows " + minAx + " m/s² for a " + decel + " m/s² brake at " + t);
                checked++;
            }
        }
        assertTrue(checked >= 5, "harsh brakes checked: " + checked);
    }

    @Test
    void nonCrashImpulsesAreShortSpikesWithoutCrashRecords() {
        Fleet fleet = Fleet.builder().seed(4).vehicles(20).duration(Duration.ofDays(3))
                .vehicleConfig(VehicleConfig.defaults().withImpulseRateMultiplier(5)).build();
        Map<String, Integer> kinds = new TreeMap<>();
        int candidates = 0;
        for (SimDevice d : fleet.devices()) {
            InMemoryTruth truth = new InMemoryTruth();
            DeviceSimulator sim = fleet.simulator(d, truth);
            for (Batch b = sim.next(); b != null; b = sim.next()) {
                candidates += (int) b.events().stream().filter(e -> e.type().equals(EventTypes.CRASH_CANDIDATE)).count();
            }
            for (TruthRecord r : truth.ofType("impulse")) {
                kinds.merge(r.getString("kind"), 1, Integer::sum);
                double ms = r.getDouble("durationMs");
                assertTrue(ms > 0 && ms <= 60, "impulse shorter than a crash pulse: " + r);
                assertTrue(r.getDouble("peakG") >= 2 && r.getDouble("peakG") <= 40, "impulse peak: " + r);
            }
            assertTrue(truth.ofType("crash").size() <= 1, "crashes stay rare at the realistic rate");
        }
        assertEquals(4, kinds.size(), "all impulse kinds occur: " + kinds);
        assertTrue(candidates > 0, "high-g impulses raise crash candidates the classifier must dismiss");
    }

    @Test
    void gnssDropsOutInTunnelsButAccelerationContinues() {
        Fleet fleet = Fleet.builder().seed(8).vehicles(20).duration(Duration.ofDays(2)).build();
        int tunnels = 0;
        for (SimDevice d : fleet.devices()) {
            InMemoryTruth truth = new InMemoryTruth();
            List<VehicleSample> samples = run(fleet.simulator(d, truth));
            for (TruthRecord r : truth.ofType("gnss_dropout")) {
                Instant from = Instant.parse(r.getString("from"));
                Instant to = Instant.parse(r.getString("to"));
                List<VehicleSample> inside = samples.stream().filter(s -> s.time().isAfter(from) && s.time().isBefore(to.minusMillis(100))
                        && s.time().getNano() == 0).collect(Collectors.toList());
                for (VehicleSample s : inside) {
                    assertNull(s.position(), "no fix inside " + r);
                    assertNull(s.speedMps(), "no GNSS speed inside " + r);
                    assertNotNull(s.acceleration(), "accelerometer continues inside " + r);
                }
                if (r.getString("cause").equals("tunnel")) tunnels++;
            }
        }
        assertTrue(tunnels > 0, "tunnels occurred");
    }
}
