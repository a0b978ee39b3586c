package io.telerisk.agri.cli;

import io.telerisk.agri.TestGeometry;
import io.telerisk.agri.field.GeoJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgriCliTest {
    @TempDir
    Path dir;

    private record Out(int code, String out, String err) {
    }

    private Out run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = AgriCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Out(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.api.Test
    void helpPrintsUsageToStdoutAndExitsZero() {
        for (String[] args : new String[][]{{"--help"}, {"ndvi", "--help"}}) {
            Out r = run(args);
            org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.err());
            org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("usage: agri ndvi --red B04.tif"), r.out());
        }
        org.junit.jupiter.api.Assertions.assertEquals(2, run("frobnicate").code());
    }

    private Path fields() throws Exception {
        Path p = dir.resolve("fields.geojson");
        Files.writeString(p, "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"id\":\"north\"},\"geometry\":" + GeoJson.write(TestGeometry.rectangle(15.01, 50.02, 300, 300)) + "},"
                + "{\"type\":\"Feature\",\"properties\":{\"id\":\"south\"},\"geometry\":" + GeoJson.write(TestGeometry.rectangle(15.01, 50.00, 200, 400)) + "}]}");
        return p;
    }

    @Test
    void synthThenNdviPrintsOneCsvRowPerField() throws Exception {
        Path f = fields();
        Out s = run("synth", "--out", dir.toString(), "--fields", f.toString(), "--ndvi", "0.65");
        assertEquals(0, s.code, s.err);
        Out n = run("ndvi", "--red", dir.resolve("SYNTH_B04.tif").toString(), "--nir", dir.resolve("SYNTH_B08.tif").toString(),
                "--scl", dir.resolve("SYNTH_SCL.tif").toString(), "--fields", f.toString());
        assertEquals(0, n.code, n.err);
        String[] lines = n.out.strip().split("\n");
        assertEquals("id,valid_pixels,ndvi_mean,ndvi_median,ndvi_std,ndvi_min,ndvi_max,cloud_free_fraction,status", lines[0]);
        assertEquals(3, lines.length);
        String[] north = lines[1].split(",");
        assertEquals("north", north[0]);
        assertEquals(900, Integer.parseInt(north[1]), 40);
        assertEquals(0.65, Double.parseDouble(north[2]), 0.01);
        assertEquals("ok", north[8]);
        assertTrue(lines[2].startsWith("south,"));
    }

    @Test
    void badInputsExitWithAReason() throws Exception {
        Path f = fields();
        Path junk = dir.resolve("junk.tif");
        Files.writeString(junk, "this is definitely not a GeoTIFF file, just text");
        Out corrupt = run("ndvi", "--red", junk.toString(), "--nir", junk.toString(), "--fields", f.toString());
        assertEquals(3, corrupt.code);
        assertTrue(corrupt.err.contains("CORRUPT"), corrupt.err);
        assertEquals("", corrupt.out);
        Path badFields = dir.resolve("bad.geojson");
        Files.writeString(badFields, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\"x\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[15,50],[15.1,50],[15.1,50.1],[15,50.1]]]}}]}");
        Out unclosed = run("ndvi", "--red", junk.toString(), "--nir", junk.toString(), "--fields", badFields.toString());
        assertEquals(2, unclosed.code);
        assertTrue(unclosed.err.contains("RING_NOT_CLOSED") && unclosed.err.contains("feature x"), unclosed.err);
        Out usage = run("ndvi", "--red");
        assertEquals(2, usage.code);
        assertTrue(usage.err.contains("usage"));
        Out missing = run("ndvi", "--nir", "b.tif", "--fields", f.toString());
        assertEquals(2, missing.code);
        assertTrue(missing.err.contains("--red is required"), missing.err);
    }

    @Test
    void aProductWithoutTheOffsetIsRefusedUntilItsBaselineIsStated() throws Exception {
        Path f = fields();
        Path old = dir.resolve("old");
        io.telerisk.agri.scene.RasterGrid g = io.telerisk.agri.scene.synthetic.SyntheticSceneWriter.gridAround(
                java.util.List.of(GeoJson.features(Files.readString(f), "id").get(0).polygon(), GeoJson.features(Files.readString(f), "id").get(1).polygon()), 500);
        var spec = new io.telerisk.agri.scene.synthetic.SyntheticSceneSpec(g, 20, java.util.List.of(), java.util.List.of(), 0.6, 0.03,
                g.width(), 3, io.telerisk.agri.scene.RadiometricScaling.BEFORE_BASELINE_04);
        var s = io.telerisk.agri.scene.synthetic.SyntheticSceneWriter.write(old, "OLD", java.time.Instant.EPOCH, spec);
        String[] base = {"ndvi", "--red", s.red().toString(), "--nir", s.nir().toString(), "--fields", f.toString()};
        Out refused = run(base);
        assertEquals(3, refused.code, refused.err);
        assertTrue(refused.err.contains("IMPLAUSIBLE_REFLECTANCE") && refused.err.contains("--processing-baseline 03.01"), refused.err);
        assertEquals("", refused.out);
        String[] stated = java.util.Arrays.copyOf(base, base.length + 2);
        stated[base.length] = "--processing-baseline";
        stated[base.length + 1] = "03.01";
        Out ok = run(stated);
        assertEquals(0, ok.code, ok.err);
        String[] north = ok.out.strip().split("\n")[1].split(",");
        assertEquals(0.6, Double.parseDouble(north[2]), 0.01);
    }
}
