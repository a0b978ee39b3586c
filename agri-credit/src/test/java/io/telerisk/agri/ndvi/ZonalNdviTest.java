package io.telerisk.agri.ndvi;

import io.telerisk.agri.TestGeometry;
import io.telerisk.agri.scene.GeoTiffWriter;
import io.telerisk.agri.scene.RadiometricScaling;
import io.telerisk.agri.scene.RasterGrid;
import io.telerisk.agri.scene.SampleType;
import io.telerisk.agri.scene.SceneReadException;
import io.telerisk.agri.scene.Sentinel2Scene;
import io.telerisk.agri.scene.synthetic.Cloud;
import io.telerisk.agri.scene.synthetic.SyntheticField;
import io.telerisk.agri.scene.synthetic.SyntheticSceneSpec;
import io.telerisk.agri.scene.synthetic.SyntheticSceneWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZonalNdviTest {
    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2024-06-12T10:06:19Z");
    private final ZonalNdvi zonal = new ZonalNdvi(ZonalOptions.defaults());
    private final FieldBoundary a = new FieldBoundary("a", TestGeometry.rectangle(15.01, 50.01, 300, 200));
    private final FieldBoundary b = new FieldBoundary("b", TestGeometry.rectangle(15.03, 50.02, 250, 250));

    private SyntheticSceneSpec spec() {
        RasterGrid g = SyntheticSceneWriter.gridAround(List.of(a.wgs84(), b.wgs84()), 500);
        return SyntheticSceneSpec.clear(g, List.of(new SyntheticField(a.wgs84(), 0.8), new SyntheticField(b.wgs84(), 0.3)), 9);
    }

    @Test
    void measuresEachFieldsNdviInAClearScene() throws Exception {
        Sentinel2Scene s = SyntheticSceneWriter.write(dir, "S", T, spec());
        SceneNdvi r = zonal.compute(s, List.of(a, b));
        NdviStats sa = assertInstanceOf(FieldNdvi.Observed.class, r.fields().get(0)).stats();
        NdviStats sb = assertInstanceOf(FieldNdvi.Observed.class, r.fields().get(1)).stats();
        assertEquals(0.8, sa.mean(), 0.01);
        assertEquals(0.3, sb.mean(), 0.01);
        assertEquals(1.0, sa.cloudFreeFraction(), 1e-12);
        assertEquals(600, sa.validPixels(), 30, "300 m x 200 m is about 600 pixels of 10 m");
        assertTrue(sa.std() > 0.01 && sa.std() < 0.06, "noise 0.03 gives std " + sa.std());
        assertTrue(sa.min() < sa.median() && sa.median() < sa.max());
    }

    @Test
    void oneAndTwoWorkerThreadsGiveTheSameStatistics() throws Exception {
        // small tiles so both fields straddle tile boundaries and both workers append to the same field
        Sentinel2Scene s = SyntheticSceneWriter.write(dir, "W", T, spec(), new GeoTiffWriter.Options(32, true, 1, 2));
        SceneNdvi one = new ZonalNdvi(new ZonalOptions(10, 0.5, 1)).compute(s, List.of(a, b));
        SceneNdvi two = new ZonalNdvi(new ZonalOptions(10, 0.5, 2)).compute(s, List.of(a, b));
        for (int i = 0; i < 2; i++) {
            NdviStats x = assertInstanceOf(FieldNdvi.Observed.class, one.fields().get(i)).stats();
            NdviStats y = assertInstanceOf(FieldNdvi.Observed.class, two.fields().get(i)).stats();
            assertEquals(x.validPixels(), y.validPixels());
            assertEquals(x.median(), y.median(), 0.0);
            assertEquals(x.min(), y.min(), 0.0);
            assertEquals(x.max(), y.max(), 0.0);
            assertEquals(x.mean(), y.mean(), 1e-9);
            assertEquals(x.std(), y.std(), 1e-9);
        }
    }

    @Test
    void allCloudSceneGivesNoObservationWithReason() throws Exception {
        SyntheticSceneSpec sp = spec();
        RasterGrid g = sp.grid();
        sp = sp.withClouds(List.of(Cloud.at(g.originX() + g.width() * 5, g.originY() - g.height() * 5, 20_000)));
        SceneNdvi r = zonal.compute(SyntheticSceneWriter.write(dir, "C", T, sp), List.of(a, b));
        for (FieldNdvi f : r.fields()) {
            FieldNdvi.NoObservation n = assertInstanceOf(FieldNdvi.NoObservation.class, f);
            assertEquals(NoObservationReason.TOO_CLOUDY, n.reason(), n.detail());
            assertEquals(0, n.validPixels());
            assertTrue(n.detail().contains("cloud"), n.detail());
        }
    }

    @Test
    void fieldOutsideTheSceneIsNotCovered() throws Exception {
        FieldBoundary far = new FieldBoundary("far", TestGeometry.rectangle(15.5, 50.3, 200, 200));
        FieldBoundary edge = new FieldBoundary("edge", TestGeometry.rectangle(15.0, 50.0, 200, 200));
        SyntheticSceneSpec sp = spec();
        SceneNdvi r = zonal.compute(SyntheticSceneWriter.write(dir, "O", T, sp), List.of(far, a, edge));
        FieldNdvi.NoObservation n = assertInstanceOf(FieldNdvi.NoObservation.class, r.fields().get(0));
        assertEquals(NoObservationReason.NOT_COVERED, n.reason());
        assertInstanceOf(FieldNdvi.Observed.class, r.fields().get(1));
        // the grid starts 500 m west/north of the fields' envelope; (15.0, 50.0) is further south-west than that
        FieldNdvi e = r.fields().get(2);
        assertEquals(NoObservationReason.NOT_COVERED, assertInstanceOf(FieldNdvi.NoObservation.class, e).reason());
    }

    @Test
    void swathEdgeNoDataGivesNoData() throws Exception {
        SyntheticSceneSpec sp = spec().withNoDataFromColumn(0);
        SceneNdvi r = zonal.compute(SyntheticSceneWriter.write(dir, "N", T, sp), List.of(a));
        FieldNdvi.NoObservation n = assertInstanceOf(FieldNdvi.NoObservation.class, r.fields().get(0));
        assertEquals(NoObservationReason.NO_DATA, n.reason(), n.detail());
    }

    @Test
    void fieldSmallerThanAPixelHasTooFewPixels() throws Exception {
        FieldBoundary tiny = new FieldBoundary("tiny", TestGeometry.rectangle(15.02, 50.015, 4, 4));
        SceneNdvi r = zonal.compute(SyntheticSceneWriter.write(dir, "T", T, spec()), List.of(tiny));
        FieldNdvi.NoObservation n = assertInstanceOf(FieldNdvi.NoObservation.class, r.fields().get(0));
        assertEquals(NoObservationReason.TOO_FEW_PIXELS, n.reason());
    }

    /** Writes constant bands so the expected NDVI can be computed by hand. */
    private Sentinel2Scene constant(int redDn, int nirDn, RadiometricScaling scaling) throws Exception {
        RasterGrid g = SyntheticSceneWriter.gridAround(List.of(a.wgs84()), 200);
        Path red = dir.resolve("r.tif"), nir = dir.resolve("n.tif");
        GeoTiffWriter.write(red, g, SampleType.UINT16, GeoTiffWriter.Options.defaults(), (c0, r0, w, h, ts, t) -> {
            for (int r = 0; r < h; r++) java.util.Arrays.fill(t, r * ts, r * ts + w, (short) redDn);
        });
        GeoTiffWriter.write(nir, g, SampleType.UINT16, GeoTiffWriter.Options.defaults(), (c0, r0, w, h, ts, t) -> {
            for (int r = 0; r < h; r++) java.util.Arrays.fill(t, r * ts, r * ts + w, (short) nirDn);
        });
        return new Sentinel2Scene("K", T, red, nir, null, scaling);
    }

    @Test
    void appliesTheBaseline04OffsetBeforeComputingNdvi() throws Exception {
        NdviStats s = assertInstanceOf(FieldNdvi.Observed.class, zonal.compute(constant(1500, 4000, RadiometricScaling.BASELINE_04),
                List.of(a)).fields().get(0)).stats();
        assertEquals((0.30 - 0.05) / (0.30 + 0.05), s.mean(), 1e-6, "rho = (DN - 1000) / 10000");
        NdviStats old = assertInstanceOf(FieldNdvi.Observed.class, zonal.compute(constant(1500, 4000, RadiometricScaling.BEFORE_BASELINE_04),
                List.of(a)).fields().get(0)).stats();
        assertEquals((0.40 - 0.15) / (0.40 + 0.15), old.mean(), 1e-6);
        assertEquals(0.0, old.std(), 1e-7);
    }

    @Test
    void parsesProcessingBaselines() {
        assertEquals(RadiometricScaling.BASELINE_04, RadiometricScaling.forProcessingBaseline("04.00"));
        assertEquals(RadiometricScaling.BASELINE_04, RadiometricScaling.forProcessingBaseline("N0509"));
        assertEquals(RadiometricScaling.BEFORE_BASELINE_04, RadiometricScaling.forProcessingBaseline("03.01"));
        assertThrows(IllegalArgumentException.class, () -> RadiometricScaling.forProcessingBaseline("latest"));
    }

    @Test
    void bandsOnDifferentGridsAreRejected() throws Exception {
        Sentinel2Scene s1 = SyntheticSceneWriter.write(dir.resolve("1"), "S", T, spec());
        SyntheticSceneSpec shifted = spec();
        RasterGrid g = shifted.grid();
        shifted = new SyntheticSceneSpec(new RasterGrid(g.epsg(), g.width(), g.height(), g.originX() + 60, g.originY(), 10, 10),
                20, shifted.fields(), List.of(), 0.2, 0.03, g.width(), 1, RadiometricScaling.BASELINE_04);
        Sentinel2Scene s2 = SyntheticSceneWriter.write(dir.resolve("2"), "S", T, shifted);
        Sentinel2Scene mixed = new Sentinel2Scene("M", T, s1.red(), s2.nir(), s1.scl(), RadiometricScaling.BASELINE_04);
        SceneReadException e = assertThrows(SceneReadException.class, () -> zonal.compute(mixed, List.of(a)));
        assertEquals(SceneReadException.Reason.GRID_MISMATCH, e.reason());
    }

    @Test
    void nonUtmProjectedCrsIsRejected() throws Exception {
        RasterGrid g = new RasterGrid(3857, 100, 100, 1_670_000, 6_450_000, 10, 10);
        Path p = dir.resolve("merc.tif");
        GeoTiffWriter.write(p, g, SampleType.UINT16, GeoTiffWriter.Options.defaults(), (c0, r0, w, h, ts, t) -> java.util.Arrays.fill(t, (short) 2000));
        SceneReadException e = assertThrows(SceneReadException.class,
                () -> zonal.compute(new Sentinel2Scene("W", T, p, p, null, RadiometricScaling.BASELINE_04), List.of(a)));
        assertEquals(SceneReadException.Reason.WRONG_CRS, e.reason());
    }

    @Test
    void corruptSceneStoresNothing() throws Exception {
        Sentinel2Scene s = SyntheticSceneWriter.write(dir, "X", T, spec());
        byte[] all = Files.readAllBytes(s.nir());
        // keep header and IFD pointer, wipe the compressed tiles: decoding must fail, not produce numbers
        for (int i = 10; i < all.length / 2; i++) all[i] = (byte) (i * 37);
        Files.write(s.nir(), all);
        InMemoryNdviSeriesStore store = new InMemoryNdviSeriesStore();
        NdviIngest ingest = new NdviIngest(zonal, store);
        NdviIngest.Result r = ingest.ingest("t1", s, List.of(a, b));
        NdviIngest.Result.Rejected rej = assertInstanceOf(NdviIngest.Result.Rejected.class, r);
        assertEquals(SceneReadException.Reason.CORRUPT, rej.reason(), rej.detail());
        assertEquals(1, ingest.rejectedScenes());
        assertTrue(store.series("t1", "a", Instant.EPOCH, Instant.MAX).isEmpty());
    }

    @Test
    void ingestStoresOnePointPerFieldIncludingNoObservations() throws Exception {
        Sentinel2Scene s = SyntheticSceneWriter.write(dir, "I", T, spec());
        InMemoryNdviSeriesStore store = new InMemoryNdviSeriesStore();
        FieldBoundary far = new FieldBoundary("far", TestGeometry.rectangle(16.5, 50.3, 200, 200));
        NdviIngest.Result.Stored st = assertInstanceOf(NdviIngest.Result.Stored.class,
                new NdviIngest(zonal, store).ingest("t1", s, List.of(a, far)));
        assertEquals(1, st.observed());
        assertEquals(1, st.notObserved());
        assertEquals(1, store.series("t1", "a", Instant.EPOCH, Instant.MAX).size());
        assertTrue(store.series("t1", "far", Instant.EPOCH, Instant.MAX).get(0).stats().isEmpty());
    }
}
