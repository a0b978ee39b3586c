package io.telerisk.agri.health;

import io.telerisk.agri.Scenario;
import io.telerisk.agri.field.Field;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.telerisk.agri.Scenario.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthAssessorTest {
    private final Scenario s = new Scenario();
    private final LocalDate day = LocalDate.of(2024, 7, 15);

    @Test
    void scoresFieldAgainstPeersObservedTheSameDay() {
        Field f = s.field("f", "alice", "d1", 15.00);
        double[] peers = {0.70, 0.74, 0.66, 0.72, 0.68};
        for (int i = 0; i < peers.length; i++) {
            s.field("p" + i, "farmer" + i, "dp" + i, 15.01 + 0.01 * i);
            s.observe("p" + i, day, peers[i]);
        }
        s.observe("p0", day.minusDays(5), 0.10); // another day: must not count
        s.observe("f", day, 0.55);
        CropHealth h = s.health.assess(f, day.plusDays(2));
        assertEquals(CropHealth.AnomalySource.PEERS, h.anomalySource());
        assertEquals(5, h.peerCount());
        double std = Math.sqrt((0 + 0.0016 + 0.0016 + 0.0004 + 0.0004) / 5); // mean 0.70, std 0.0126
        assertTrue(std < HealthAssessor.MIN_PEER_STD);
        assertEquals((0.55 - 0.70) / HealthAssessor.MIN_PEER_STD, h.anomalyZ(), 1e-9, "a very uniform peer group uses the std floor");
        assertEquals(0.55, h.latestNdvi(), 1e-12);
    }

    @Test
    void usesThePeersOwnSpreadWhenItIsWide() {
        Field f = s.field("f", "alice", "d1", 15.00);
        double[] peers = {0.60, 0.80, 0.70, 0.65, 0.75};
        for (int i = 0; i < peers.length; i++) {
            s.field("p" + i, "farmer" + i, "dp" + i, 15.01 + 0.01 * i);
            s.observe("p" + i, day, peers[i]);
        }
        s.observe("f", day, 0.55);
        double std = Math.sqrt((0.01 + 0.01 + 0 + 0.0025 + 0.0025) / 5);
        assertEquals((0.55 - 0.70) / std, s.health.assess(f, day).anomalyZ(), 1e-9);
    }

    @Test
    void fallsBackToExpectedCurveWithTooFewPeers() {
        Field f = s.field("f", "alice", "d1", 15.00);
        s.field("p0", "bob", "dp0", 15.02);
        s.observe("p0", day, 0.9);
        s.observe("f", day, expected(day) - 0.16);
        CropHealth h = s.health.assess(f, day);
        assertEquals(CropHealth.AnomalySource.EXPECTED_CURVE, h.anomalySource());
        assertEquals(-2.0, h.anomalyZ(), 1e-9);
    }

    @Test
    void noObservationMeansNoScore() {
        Field f = s.field("f", "alice", "d1", 15.00);
        CropHealth h = s.health.assess(f, day);
        assertNull(h.anomalyZ());
        assertEquals(CropHealth.AnomalySource.NONE, h.anomalySource());
    }

    @Test
    void countsWaterStressDaysBelowTheSoilsWiltingPoint() {
        Field f = s.field("f", "alice", "d1", 15.00); // loam: wilting point 0.12
        s.soil("d1", LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 8), 0.10);
        s.soil("d1", LocalDate.of(2024, 7, 8), LocalDate.of(2024, 7, 14), 0.25);
        s.farmDays.add(new io.telerisk.model.summary.FarmDay(Scenario.TENANT, "d1", LocalDate.of(2024, 7, 14), null, null, null, null,
                null, null, 0, 0, 0));
        WaterStress w = new WaterStressCalculator(s.farmDays).between(f, LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 16));
        assertEquals(7, w.stressDays());
        assertEquals(13, w.measuredDays());
        assertEquals(15, w.periodDays());
        assertEquals(2, w.missingDays());
        assertEquals(0.12, w.wiltingPointVwc(), 1e-12);
    }
}
