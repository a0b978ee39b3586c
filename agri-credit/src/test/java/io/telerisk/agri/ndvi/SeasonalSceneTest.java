package io.telerisk.agri.ndvi;

import io.telerisk.agri.Scenario;
import io.telerisk.agri.field.Field;
import io.telerisk.agri.scene.synthetic.SeasonalFields;
import io.telerisk.agri.scene.synthetic.SyntheticSceneSpec;
import io.telerisk.agri.scene.synthetic.SyntheticSceneWriter;
import io.telerisk.agri.health.CropHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: synthetic scenes over a season → NDVI ingest → health of a drought-hit field among normal peers. */
class SeasonalSceneTest {
    @TempDir
    Path dir;

    @Test
    void droughtHitFieldStandsOutAgainstPeersThroughTheWholePipeline() throws Exception {
        Scenario s = new Scenario();
        Field sick = s.field("sick", "alice", "d1", 15.00);
        List<Field> all = new java.util.ArrayList<>(List.of(sick));
        for (int i = 0; i < 5; i++) all.add(s.field("p" + i, "farmer" + i, "dp" + i, 15.006 + 0.006 * i));
        List<FieldBoundary> boundaries = all.stream().map(f -> new FieldBoundary(f.fieldId(), f.boundary())).toList();
        NdviIngest ingest = new NdviIngest(new ZonalNdvi(ZonalOptions.defaults()), s.ndvi);
        var grid = SyntheticSceneWriter.gridAround(all.stream().map(Field::boundary).toList(), 200);
        LocalDate last = null;
        for (LocalDate d = LocalDate.of(2024, 6, 1); d.isBefore(LocalDate.of(2024, 7, 20)); d = d.plusDays(15)) {
            var spec = SyntheticSceneSpec.clear(grid, SeasonalFields.on(d, all, Map.of("sick", 0.6)), d.toEpochDay());
            var scene = SyntheticSceneWriter.write(dir.resolve(d.toString()), "S2-" + d, d.atTime(10, 6).toInstant(ZoneOffset.UTC), spec);
            var r = ingest.ingest(Scenario.TENANT, scene, boundaries);
            assertEquals(6, ((NdviIngest.Result.Stored) r).observed());
            last = d;
        }
        CropHealth h = s.health.assess(sick, last);
        assertEquals(CropHealth.AnomalySource.PEERS, h.anomalySource());
        assertEquals(5, h.peerCount());
        assertTrue(h.anomalyZ() < -3, "z = " + h.anomalyZ());
        assertEquals(4, h.observations());
        double expected = Scenario.expected(last);
        assertEquals(0.2 + 0.6 * (expected - 0.2), h.latestNdvi(), 0.01);
    }
}
