package io.telerisk.sim.scene;

import io.telerisk.agri.field.GeoJson;
import io.telerisk.agri.field.UtmProjection;
import io.telerisk.agri.ndvi.FieldBoundary;
import io.telerisk.agri.ndvi.FieldNdvi;
import io.telerisk.agri.ndvi.SceneNdvi;
import io.telerisk.agri.ndvi.ZonalNdvi;
import io.telerisk.agri.ndvi.ZonalOptions;
import io.telerisk.sim.farm.FarmField;
import io.telerisk.sim.fleet.Fleet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class FieldSceneWriterTest {
    private static final List<LocalDate> SEASON = List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 20),
            LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 15));
    private static List<FarmField> fields;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fleet() {
        // farms spread over twice the radius: 6 fields within ~3 km of Vienna's centre
        fields = Fleet.builder().seed(11).vehicles(0).wearables(0).farms(6).region(48.2082, 16.3738, 1.5)
                .start(Instant.parse("2026-05-01T00:00:00Z")).duration(Duration.ofHours(1)).build().fields();
    }

    @Test
    void everyFieldsZonalNdviFollowsItsSeasonalCurve() throws IOException {
        FieldSceneWriter.Written w = FieldSceneWriter.write(tmp, fields, SEASON, 5, FieldSceneWriter.Options.defaults());
        assertEquals(fields.size(), w.fields().size(), "all fields placed: " + w.skipped());
        List<FieldBoundary> boundaries = readFieldsFile(w.fieldsGeoJson());
        ZonalNdvi zonal = new ZonalNdvi(ZonalOptions.defaults());
        Map<String, List<Double>> seriesById = new TreeMap<>();
        for (FieldSceneWriter.DatedScene s : w.scenes()) {
            SceneNdvi measured = zonal.compute(s.scene(), boundaries);
            for (FieldNdvi f : measured.fields()) {
                FarmField truth = fields.stream().filter(x -> x.fieldId().equals(f.fieldId())).findFirst().orElseThrow();
                if (!(f instanceof FieldNdvi.Observed o)) {
                    fail("clear scene, yet no observation for " + f);
                    return;
                }
                assertTrue(o.stats().validPixels() >= 100, "a field of >= 1 ha has >= 100 pixels: " + o);
                assertEquals(truth.ndvi(s.date()), o.stats().mean(), 0.02, f.fieldId() + " on " + s.date());
                seriesById.computeIfAbsent(f.fieldId(), k -> new ArrayList<>()).add(o.stats().mean());
            }
        }
        // the scenes carry a season, not one value: every field greens up by at least 0.3 between March and July
        for (var e : seriesById.entrySet()) {
            List<Double> v = e.getValue();
            assertTrue(v.get(2) - v.get(0) > 0.3, e.getKey() + " " + v);
        }
    }

    @Test
    void sameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        List<LocalDate> dates = SEASON.subList(1, 3);
        FieldSceneWriter.write(tmp.resolve("a"), fields, dates, 5, FieldSceneWriter.Options.defaults().withClouds(3));
        FieldSceneWriter.write(tmp.resolve("b"), fields, dates, 5, FieldSceneWriter.Options.defaults().withClouds(3));
        FieldSceneWriter.write(tmp.resolve("c"), fields, dates, 6, FieldSceneWriter.Options.defaults().withClouds(3));
        Map<String, String> a = digests(tmp.resolve("a")), b = digests(tmp.resolve("b")), c = digests(tmp.resolve("c"));
        assertEquals(7, a.size(), "fields.geojson + 3 bands x 2 dates: " + a.keySet());
        assertEquals(a, b);
        assertNotEquals(a.get("2026-07-01/B04.tif"), c.get("2026-07-01/B04.tif"));
    }

    @Test
    void gdalReadsEveryFileWithoutWarnings() throws Exception {
        FieldSceneWriter.Written w = FieldSceneWriter.write(tmp, fields, SEASON.subList(2, 3), 5,
                FieldSceneWriter.Options.defaults().withClouds(2));
        FieldSceneWriter.DatedScene s = w.scenes().get(0);
        int epsg = w.grid().epsg();
        assertEquals(32633, epsg, "Vienna is in UTM zone 33N");
        for (Path tif : List.of(s.scene().red(), s.scene().nir(), s.scene().scl())) {
            String info = gdal("gdalinfo", tif.toString());
            assertTrue(info.contains("UTM zone 33N"), info);
            assertTrue(info.contains("COMPRESSION=DEFLATE"), info);
            assertTrue(info.matches("(?s).*Block=\\d+x\\d+.*") && !info.contains("Block=" + w.grid().width() + "x1"), "tiled: " + info);
            assertTrue(info.contains(tif.getFileName().toString().equals("SCL.tif") ? "Type=Byte" : "Type=UInt16"), info);
        }
        // georeferencing: the raster's corner is where the grid says it is
        String red = gdal("gdalinfo", s.scene().red().toString());
        assertTrue(red.contains(String.format(java.util.Locale.ROOT, "Origin = (%.15f,%.15f)", w.grid().originX(), w.grid().originY())), red);
        String ogr = gdal("ogrinfo", "-al", "-so", w.fieldsGeoJson().toString());
        assertTrue(ogr.contains("Feature Count: " + fields.size()), ogr);
    }

    @Test
    void cloudsMaskFieldsAndTheRestStillMatchTheCurve() throws IOException {
        FieldSceneWriter.Written w = FieldSceneWriter.write(tmp, fields, SEASON, 3, FieldSceneWriter.Options.defaults().withClouds(12));
        List<FieldBoundary> boundaries = readFieldsFile(w.fieldsGeoJson());
        int masked = 0;
        for (FieldSceneWriter.DatedScene s : w.scenes()) {
            for (FieldNdvi f : new ZonalNdvi(ZonalOptions.defaults()).compute(s.scene(), boundaries).fields()) {
                if (f instanceof FieldNdvi.Observed o) {
                    FarmField truth = fields.stream().filter(x -> x.fieldId().equals(f.fieldId())).findFirst().orElseThrow();
                    assertEquals(truth.ndvi(s.date()), o.stats().mean(), 0.02, f.fieldId() + " on " + s.date() + ": " + o);
                } else {
                    masked++;
                }
            }
        }
        assertTrue(masked > 0, "12 clouds of 200-1000 m over a few km never hid a field in 4 scenes");
    }

    @Test
    void refusesARegionWiderThanAScene() {
        List<FarmField> wide = Fleet.builder().seed(11).vehicles(0).wearables(0).farms(6).region(48.2, 16.37, 60)
                .start(Instant.parse("2026-05-01T00:00:00Z")).duration(Duration.ofHours(1)).build().fields();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FieldSceneWriter.write(tmp, wide, SEASON, 1, FieldSceneWriter.Options.defaults()));
        assertTrue(e.getMessage().contains("--region"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("fields.geojson")), "nothing half-written");
    }

    @Test
    void footprintsAreDeterministicSizedAndDisjoint() {
        FieldFootprints.Result a = FieldFootprints.of(fields, 9), b = FieldFootprints.of(fields, 9);
        assertEquals(a, b);
        assertNotEquals(a, FieldFootprints.of(fields, 10));
        List<FieldFootprint> p = a.placed();
        for (int i = 0; i < p.size(); i++) {
            double ha = UtmProjection.project(p.get(i).wgs84(), 32633).getArea() / 10_000;
            assertTrue(ha >= 0.95 && ha <= 50.5, p.get(i).fieldId() + " " + ha + " ha");
            for (int j = i + 1; j < p.size(); j++) {
                assertFalse(p.get(i).wgs84().intersects(p.get(j).wgs84()), p.get(i).fieldId() + " overlaps " + p.get(j).fieldId());
            }
        }
    }

    @Test
    void aFieldOnTopOfAnotherIsShrunkOrReportedNeverOverlapping() {
        FarmField f = fields.get(0);
        FarmField twin = new FarmField("twin", f.latitudeDeg(), f.longitudeDeg(), 40, f.crop(), f.soil(), f.baseNdvi(),
                f.peakNdvi(), f.greenUpDoy(), f.senescenceDoy(), f.greenUpRate(), f.senescenceRate());
        FarmField neighbour = new FarmField("neighbour", f.latitudeDeg() + 0.004, f.longitudeDeg(), 40, f.crop(), f.soil(),
                f.baseNdvi(), f.peakNdvi(), f.greenUpDoy(), f.senescenceDoy(), f.greenUpRate(), f.senescenceRate());
        FieldFootprints.Result r = FieldFootprints.of(List.of(f, twin, neighbour), 1);
        assertEquals(List.of(f.fieldId(), "neighbour"), r.placed().stream().map(FieldFootprint::fieldId).toList());
        assertEquals(1, r.skipped().size());
        assertTrue(r.skipped().get(0).startsWith("twin: "), r.skipped().toString());
        assertFalse(r.placed().get(0).wgs84().intersects(r.placed().get(1).wgs84()));
        assertTrue(r.placed().get(1).areaHa() < 40, "the neighbour 445 m away was shrunk: " + r.placed().get(1));
    }

    @Test
    void sceneDatesParseListsAndRevisits() {
        assertEquals(List.of(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 15)), SceneDates.parseList("2026-06-15, 2026-05-01,2026-06-15"));
        assertEquals(List.of(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 6), LocalDate.of(2026, 5, 11)),
                SceneDates.every("5d", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 14)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SceneDates.parseList("2026-13-01")).getMessage().contains("2026-13-01"));
        assertThrows(IllegalArgumentException.class, () -> SceneDates.every("5 weeks", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1)));
        assertThrows(IllegalArgumentException.class, () -> SceneDates.every("0d", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1)));
    }

    private static List<FieldBoundary> readFieldsFile(Path geoJson) throws IOException {
        return GeoJson.features(Files.readString(geoJson, StandardCharsets.UTF_8)).stream()
                .map(p -> new FieldBoundary(p.id(), p.polygon())).toList();
    }

    private static Map<String, String> digests(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a GDAL tool; fails (never skips) when GDAL is missing, or on a non-zero exit or anything on stderr. */
    static String gdal(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " not found: install GDAL (apt-get install gdal-bin)", e);
        }
        var stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        String out = new String(stdout, StandardCharsets.UTF_8);
        assertEquals(0, rc, String.join(" ", command) + " failed: " + stderr);
        assertEquals("", stderr.strip(), String.join(" ", command) + " complained");
        return out;
    }
}
