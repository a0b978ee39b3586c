package io.telerisk.sim.scene;

import io.telerisk.agri.cli.AgriCli;
import io.telerisk.sim.farm.FarmField;
import io.telerisk.sim.fleet.Fleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SceneRequestTest {
    @TempDir
    Path tmp;

    private static Fleet fleet(Duration span) {
        return Fleet.builder().seed(3).vehicles(1).wearables(0).farms(4).region(47.5, 9.7, 1.2)
                .start(Instant.parse("2026-06-01T00:00:00Z")).duration(span).build();
    }

    @Test
    void revisitsEveryFiveDaysOverTheSimulatedSpanByDefault() {
        SceneRequest r = SceneRequest.parse(tmp.toString(), null, null, null);
        assertEquals(List.of(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 6), LocalDate.of(2026, 6, 11)),
                r.datesFor(fleet(Duration.ofDays(12))));
    }

    @Test
    void rejectsSceneOptionsThatWouldDoNothingOrContradict() {
        assertNull(SceneRequest.parse(null, null, null, null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SceneRequest.parse(null, "2026-06-01", null, null))
                .getMessage().contains("--scenes"));
        assertThrows(IllegalArgumentException.class, () -> SceneRequest.parse("d", "2026-06-01", "5d", null));
        assertThrows(IllegalArgumentException.class, () -> SceneRequest.parse("d", null, "fortnightly", null));
        assertThrows(IllegalArgumentException.class, () -> SceneRequest.parse("d", null, null, "some"));
        assertThrows(IllegalArgumentException.class, () -> SceneRequest.parse("d", null, null, "-1"));
    }

    /** What {@code bin/platform agri ndvi --red DIR/<date>/B04.tif ... --fields DIR/fields.geojson} does, in-process. */
    @Test
    void agriNdviCommandMeasuresEachFieldsCurveOnTheWrittenScenes() throws Exception {
        Fleet fleet = fleet(Duration.ofHours(1));
        SceneRequest r = SceneRequest.parse(tmp.toString(), "2026-04-01,2026-07-10", null, null);
        ByteArrayOutputStream simOut = new ByteArrayOutputStream();
        assertEquals(0, r.write(fleet, new PrintStream(simOut, true, StandardCharsets.UTF_8), System.err));
        assertTrue(simOut.toString(StandardCharsets.UTF_8).contains("2 scenes"), simOut.toString(StandardCharsets.UTF_8));
        for (String date : List.of("2026-04-01", "2026-07-10")) {
            Path d = tmp.resolve(date);
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int rc = AgriCli.run(new String[]{"ndvi", "--red", d.resolve("B04.tif").toString(), "--nir", d.resolve("B08.tif").toString(),
                    "--scl", d.resolve("SCL.tif").toString(), "--fields", tmp.resolve("fields.geojson").toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String csv = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
            List<String> rows = csv.lines().skip(1).toList();
            assertEquals(fleet.fields().size(), rows.size(), csv);
            for (String row : rows) {
                String[] c = row.split(",");
                FarmField f = fleet.fields().stream().filter(x -> x.fieldId().equals(c[0])).findFirst().orElseThrow();
                assertEquals("ok", c[8], row);
                assertEquals(f.ndvi(LocalDate.parse(date)), Double.parseDouble(c[2]), 0.02, row);
            }
        }
        assertTrue(Files.readString(tmp.resolve("fields.geojson")).contains("\"id\":\"" + fleet.fields().get(0).fieldId() + "\""));
    }
}
