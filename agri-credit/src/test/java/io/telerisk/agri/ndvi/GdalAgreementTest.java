package io.telerisk.agri.ndvi;

import io.telerisk.agri.TestGeometry;
import io.telerisk.agri.field.GeoJson;
import io.telerisk.agri.scene.GdalTool;
import io.telerisk.agri.scene.GeoTiffWriter;
import io.telerisk.agri.scene.RasterGrid;
import io.telerisk.agri.scene.Sentinel2Scene;
import io.telerisk.agri.scene.synthetic.Cloud;
import io.telerisk.agri.scene.synthetic.SyntheticField;
import io.telerisk.agri.scene.synthetic.SyntheticSceneSpec;
import io.telerisk.agri.scene.synthetic.SyntheticSceneWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Polygon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zonal NDVI must agree with an independent GDAL + numpy computation (scripts/gdal_zonal_ndvi.py) within 0.001.
 * Needs GDAL: fails, never skips, when python3-gdal is missing.
 */
class GdalAgreementTest {
    @TempDir
    Path dir;

    private List<FieldBoundary> fields(Random rnd, int n) {
        List<FieldBoundary> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double lon = 15.0 + 0.09 * rnd.nextDouble(), lat = 50.0 + 0.05 * rnd.nextDouble();
            Polygon p = switch (i % 3) {
                case 0 -> TestGeometry.rectangle(lon, lat, 100 + 300 * rnd.nextDouble(), 100 + 300 * rnd.nextDouble());
                case 1 -> TestGeometry.irregular(lon, lat, 80 + 200 * rnd.nextDouble(), 5 + rnd.nextInt(12), rnd);
                default -> TestGeometry.withHole(lon, lat, 200 + 200 * rnd.nextDouble());
            };
            out.add(new FieldBoundary("f" + i, p));
        }
        return out;
    }

    private Path writeGeoJson(List<FieldBoundary> fields) throws Exception {
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) b.append(',');
            b.append("{\"type\":\"Feature\",\"properties\":{\"id\":\"").append(fields.get(i).fieldId()).append("\"},\"geometry\":")
                    .append(GeoJson.write(fields.get(i).wgs84())).append('}');
        }
        Path p = dir.resolve("fields.geojson");
        Files.writeString(p, b.append("]}"));
        return p;
    }

    private void assertAgrees(Sentinel2Scene scene, List<FieldBoundary> fields, String mask) throws Exception {
        String python = GdalTool.python();
        Path geojson = writeGeoJson(fields);
        SceneNdvi ours = new ZonalNdvi(ZonalOptions.defaults()).compute(scene, fields);
        GdalTool.Run r = GdalTool.run(List.of(python, GdalTool.referenceScript().toString(), "--red", scene.red().toString(),
                "--nir", scene.nir().toString(), "--scl", scene.scl().toString(), "--fields", geojson.toString(), "--mask", mask));
        assertEquals(0, r.exitCode(), "GDAL script failed: " + r.stderr());
        Map<String, String[]> gdal = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("id,") || line.isBlank()) continue;
            String[] c = line.split(",", -1);
            gdal.put(c[0], c);
        }
        int observed = 0;
        for (FieldNdvi f : ours.fields()) {
            String[] g = gdal.get(f.fieldId());
            assertTrue(g != null, "GDAL has no row for " + f.fieldId());
            if (f instanceof FieldNdvi.Observed o) {
                observed++;
                assertEquals("ok", g[8], f.fieldId() + ": GDAL did not observe it");
                NdviStats s = o.stats();
                assertEquals(Long.parseLong(g[1]), s.validPixels(), f.fieldId() + " valid pixels");
                assertEquals(Double.parseDouble(g[2]), s.mean(), 0.001, f.fieldId() + " mean");
                assertEquals(Double.parseDouble(g[3]), s.median(), 0.001, f.fieldId() + " median");
                assertEquals(Double.parseDouble(g[4]), s.std(), 0.001, f.fieldId() + " std");
                assertEquals(Double.parseDouble(g[5]), s.min(), 0.001, f.fieldId() + " min");
                assertEquals(Double.parseDouble(g[6]), s.max(), 0.001, f.fieldId() + " max");
                assertEquals(Double.parseDouble(g[7]), s.cloudFreeFraction(), 0.001, f.fieldId() + " cloud-free fraction");
            } else {
                FieldNdvi.NoObservation n = (FieldNdvi.NoObservation) f;
                assertTrue(!"ok".equals(g[8]), f.fieldId() + ": GDAL observed a field we did not: " + n);
                if (n.reason() == NoObservationReason.TOO_CLOUDY) assertEquals(Long.parseLong(g[1]), n.validPixels(), f.fieldId());
            }
        }
        assertTrue(observed >= fields.size() / 2, "most fields should be observed, got " + observed);
    }

    @Test
    void agreesWithGdalRasterizeOnCloudyScene20mScl() throws Exception {
        Random rnd = new Random(42);
        List<FieldBoundary> fields = fields(rnd, 45);
        List<SyntheticField> sf = fields.stream().map(f -> new SyntheticField(f.wgs84(), 0.2 + 0.7 * rnd.nextDouble())).toList();
        RasterGrid grid = SyntheticSceneWriter.gridAround(fields.stream().map(FieldBoundary::wgs84).toList(), 300);
        SyntheticSceneSpec spec = SyntheticSceneSpec.clear(grid, sf, 7).withClouds(List.of(
                Cloud.at(grid.originX() + 2500, grid.originY() - 2500, 900), Cloud.at(grid.originX() + 5000, grid.originY() - 4000, 600)));
        Sentinel2Scene scene = SyntheticSceneWriter.write(dir, "T33", Instant.parse("2024-06-12T10:06:19Z"), spec);
        assertAgrees(scene, fields, "rasterize");
    }

    @Test
    void agreesWithGdalCentreTestOn10mSclWithoutPredictorAndSmallTiles() throws Exception {
        Random rnd = new Random(3);
        List<FieldBoundary> fields = fields(rnd, 30);
        List<SyntheticField> sf = fields.stream().map(f -> new SyntheticField(f.wgs84(), 0.1 + 0.8 * rnd.nextDouble())).toList();
        RasterGrid grid = SyntheticSceneWriter.gridAround(fields.stream().map(FieldBoundary::wgs84).toList(), 300);
        SyntheticSceneSpec spec = SyntheticSceneSpec.clear(grid, sf, 11).withSclPixelSize(10)
                .withClouds(List.of(Cloud.at(grid.originX() + 3000, grid.originY() - 2000, 700)));
        Sentinel2Scene scene = SyntheticSceneWriter.write(dir, "T33b", Instant.parse("2024-07-01T10:06:19Z"), spec,
                new GeoTiffWriter.Options(256, false, 4, 2));
        assertAgrees(scene, fields, "centre");
    }

    /**
     * MultiPolygon fields (one part with a hole) and fields across 12° E, the boundary of UTM zones 32 and 33, in a
     * zone-32 scene (Sentinel-2 tiles reach into the neighbouring zone).
     */
    @Test
    void agreesWithGdalOnMultiPolygonsAndFieldsAcrossAUtmZoneBoundary() throws Exception {
        Random rnd = new Random(13);
        List<FieldBoundary> fields = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double lon = 11.985 + 0.025 * rnd.nextDouble(), lat = 50.0 + 0.03 * rnd.nextDouble();
            Polygon a = TestGeometry.withHole(lon, lat, 200 + 150 * rnd.nextDouble());
            Polygon b = TestGeometry.irregular(lon + 0.006, lat + 0.001, 90 + 60 * rnd.nextDouble(), 5 + rnd.nextInt(8), rnd);
            fields.add(new FieldBoundary("m" + i, i % 2 == 0 ? TestGeometry.GF.createMultiPolygon(new Polygon[]{a, b}) : a));
        }
        assertTrue(fields.stream().anyMatch(f -> f.wgs84().getEnvelopeInternal().getMinX() < 12 && f.wgs84().getEnvelopeInternal().getMaxX() > 12));
        List<SyntheticField> sf = fields.stream().map(f -> new SyntheticField(f.wgs84(), 0.2 + 0.7 * rnd.nextDouble())).toList();
        RasterGrid grid = SyntheticSceneWriter.gridAround(fields.stream().map(FieldBoundary::wgs84).toList(), 300, 32632);
        Sentinel2Scene scene = SyntheticSceneWriter.write(dir, "T32", Instant.parse("2024-06-12T10:06:19Z"), SyntheticSceneSpec.clear(grid, sf, 5));
        assertAgrees(scene, fields, "rasterize");
    }

    /** Fields in Fiji across 180°, some written as RFC 7946 asks (a MultiPolygon split at the antimeridian), in a zone-60 scene. */
    @Test
    void agreesWithGdalAcrossTheAntimeridian() throws Exception {
        Random rnd = new Random(17);
        List<FieldBoundary> fields = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double lon = 179.985 + 0.01 * rnd.nextDouble(), lat = -17.02 + 0.02 * rnd.nextDouble();
            double w = 0.004 + 0.01 * rnd.nextDouble(), h = 0.002 + 0.003 * rnd.nextDouble();
            Polygon whole = TestGeometry.GF.createPolygon(new org.locationtech.jts.geom.Coordinate[]{new org.locationtech.jts.geom.Coordinate(lon, lat),
                    new org.locationtech.jts.geom.Coordinate(lon + w, lat), new org.locationtech.jts.geom.Coordinate(lon + w, lat + h),
                    new org.locationtech.jts.geom.Coordinate(lon, lat + h), new org.locationtech.jts.geom.Coordinate(lon, lat)});
            fields.add(new FieldBoundary("a" + i, lon + w > 180 ? TestGeometry.splitAtAntimeridian(whole) : whole));
        }
        assertTrue(fields.stream().filter(f -> f.wgs84().getNumGeometries() == 2).count() >= 3, "some fields straddle 180°");
        List<SyntheticField> sf = fields.stream().map(f -> new SyntheticField(f.wgs84(), 0.2 + 0.7 * rnd.nextDouble())).toList();
        RasterGrid grid = SyntheticSceneWriter.gridAround(fields.stream().map(FieldBoundary::wgs84).toList(), 300, 32760);
        Sentinel2Scene scene = SyntheticSceneWriter.write(dir, "T60", Instant.parse("2024-06-12T22:06:19Z"), SyntheticSceneSpec.clear(grid, sf, 9));
        assertAgrees(scene, fields, "rasterize");
    }

    @Test
    void gdalReadsSyntheticBandsWithoutComplaint() throws Exception {
        GdalTool.requireGdalBin();
        Random rnd = new Random(5);
        List<FieldBoundary> fields = fields(rnd, 5);
        RasterGrid grid = SyntheticSceneWriter.gridAround(fields.stream().map(FieldBoundary::wgs84).toList(), 200);
        Sentinel2Scene scene = SyntheticSceneWriter.write(dir, "T", Instant.now(), SyntheticSceneSpec.clear(grid,
                fields.stream().map(f -> new SyntheticField(f.wgs84(), 0.6)).toList(), 1));
        for (Path band : List.of(scene.red(), scene.nir(), scene.scl())) {
            GdalTool.Run info = GdalTool.run(List.of("gdalinfo", "-checksum", "-mdd", "IMAGE_STRUCTURE", band.toString()));
            assertEquals(0, info.exitCode(), info.stderr());
            assertEquals("", info.stderr().trim(), "gdalinfo complained about " + band);
            assertTrue(info.stdout().contains("COMPRESSION=DEFLATE"), info.stdout());
            assertTrue(info.stdout().contains("Block=512x512"), info.stdout());
            assertTrue(info.stdout().contains("UTM zone 33N"), info.stdout());
            assertTrue(info.stdout().contains(band == scene.scl() ? "Pixel Size = (20.0" : "Pixel Size = (10.0"), info.stdout());
            assertTrue(info.stdout().contains(band == scene.scl() ? "Type=Byte" : "Type=UInt16"), info.stdout());
            Path copy = dir.resolve("copy-" + band.getFileName());
            GdalTool.Run tr = GdalTool.run(List.of("gdal_translate", "-q", band.toString(), copy.toString()));
            assertEquals(0, tr.exitCode(), tr.stderr());
            assertEquals("", tr.stderr().trim(), "gdal_translate complained about " + band);
        }
        GdalTool.Run origin = GdalTool.run(List.of("gdalinfo", scene.red().toString()));
        assertTrue(origin.stdout().contains(String.format(java.util.Locale.ROOT, "Origin = (%.15f,%.15f)", grid.originX(), grid.originY())),
                origin.stdout());
    }
}
