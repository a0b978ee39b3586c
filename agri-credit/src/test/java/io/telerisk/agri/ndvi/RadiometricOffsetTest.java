package io.telerisk.agri.ndvi;

import io.telerisk.agri.TestGeometry;
import io.telerisk.agri.scene.GdalTool;
import io.telerisk.agri.scene.GeoTiffBand;
import io.telerisk.agri.scene.GeoTiffWriter;
import io.telerisk.agri.scene.ProductMetadata;
import io.telerisk.agri.scene.RadiometricScaling;
import io.telerisk.agri.scene.RasterGrid;
import io.telerisk.agri.scene.SampleType;
import io.telerisk.agri.scene.SceneReadException;
import io.telerisk.agri.scene.Sentinel2Scene;
import io.telerisk.agri.scene.synthetic.SyntheticField;
import io.telerisk.agri.scene.synthetic.SyntheticSceneSpec;
import io.telerisk.agri.scene.synthetic.SyntheticSceneWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #13: the 04.00 offset applied to a product without one is refused, never turned into NDVI above 1. */
class RadiometricOffsetTest {
    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2021-06-12T10:06:19Z");
    private final ZonalNdvi zonal = new ZonalNdvi(ZonalOptions.defaults());
    private final FieldBoundary a = new FieldBoundary("a", TestGeometry.rectangle(15.01, 50.01, 300, 200));
    private final FieldBoundary b = new FieldBoundary("b", TestGeometry.rectangle(15.03, 50.02, 250, 250));

    /** A product from before baseline 04.00: DN = reflectance x 10000, no offset. */
    private Sentinel2Scene noOffsetProduct(String id) throws Exception {
        RasterGrid g = SyntheticSceneWriter.gridAround(List.of(a.wgs84(), b.wgs84()), 500);
        SyntheticSceneSpec spec = new SyntheticSceneSpec(g, 20, List.of(new SyntheticField(a.wgs84(), 0.8),
                new SyntheticField(b.wgs84(), 0.3)), List.of(), 0.2, 0.03, g.width(), 9, RadiometricScaling.BEFORE_BASELINE_04);
        return SyntheticSceneWriter.write(dir, id, T, spec);
    }

    private static Sentinel2Scene withScaling(Sentinel2Scene s, RadiometricScaling scaling) {
        return new Sentinel2Scene(s.sceneId(), s.acquired(), s.red(), s.nir(), s.scl(), scaling);
    }

    @Test
    void theBaseline04OffsetOnAProductWithoutOneIsRefusedNamingTheOption() throws Exception {
        Sentinel2Scene s = withScaling(noOffsetProduct("OLD"), RadiometricScaling.BASELINE_04);
        SceneReadException e = assertThrows(SceneReadException.class, () -> zonal.compute(s, List.of(a, b)));
        assertEquals(SceneReadException.Reason.IMPLAUSIBLE_REFLECTANCE, e.reason());
        assertTrue(e.getMessage().contains("--processing-baseline") && e.getMessage().contains("\"processingBaseline\""), e.getMessage());
        assertTrue(e.getMessage().contains("BOA_ADD_OFFSET -1000"), e.getMessage());
    }

    @Test
    void theSameProductWithItsBaselineStatedGivesTheRightNdvi() throws Exception {
        SceneNdvi r = zonal.compute(withScaling(noOffsetProduct("OLD"), RadiometricScaling.forProcessingBaseline("03.01")), List.of(a, b));
        assertEquals(0.8, assertInstanceOf(FieldNdvi.Observed.class, r.fields().get(0)).stats().mean(), 0.01);
        assertEquals(0.3, assertInstanceOf(FieldNdvi.Observed.class, r.fields().get(1)).stats().mean(), 0.01);
        assertEquals(0, r.negativeReflectancePixels());
    }

    @Test
    void aFewNegativeReflectancePixelsAreLeftOutAndCountedNeverReported() throws Exception {
        // red DN 900 (reflectance -0.01 with the 04.00 offset) in one pixel of 40: NDVI would be about 1.07 there
        RasterGrid g = SyntheticSceneWriter.gridAround(List.of(a.wgs84()), 200);
        Path red = dir.resolve("r.tif"), nir = dir.resolve("n.tif");
        GeoTiffWriter.write(red, g, SampleType.UINT16, GeoTiffWriter.Options.defaults(), (c0, r0, w, h, ts, t) -> {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) t[r * ts + c] = (short) (((r0 + r) * 7 + c0 + c) % 40 == 0 ? 900 : 1500);
            }
        });
        GeoTiffWriter.write(nir, g, SampleType.UINT16, GeoTiffWriter.Options.defaults(), (c0, r0, w, h, ts, t) -> {
            for (int r = 0; r < h; r++) java.util.Arrays.fill(t, r * ts, r * ts + w, (short) 4000);
        });
        SceneNdvi r = zonal.compute(new Sentinel2Scene("FEW", T, red, nir, null, RadiometricScaling.BASELINE_04), List.of(a));
        FieldNdvi.Observed o = assertInstanceOf(FieldNdvi.Observed.class, r.fields().get(0));
        assertTrue(r.negativeReflectancePixels() > 5, "counted: " + r.negativeReflectancePixels());
        assertEquals(o.pixelsInField() - o.stats().validPixels(), r.negativeReflectancePixels(), "every left-out pixel is counted");
        assertEquals((0.30 - 0.05) / (0.30 + 0.05), o.stats().max(), 1e-6, "no pixel above the true NDVI");
        assertEquals(o.stats().min(), o.stats().max(), 1e-6);
    }

    @Test
    void negativeReflectancePixelsNeverLeaveMinusOneToOne() throws Exception {
        // a thin share of dark pixels in NIR too: NDVI would go below -1 there
        RasterGrid g = SyntheticSceneWriter.gridAround(List.of(a.wgs84()), 200);
        Path red = dir.resolve("r2.tif"), nir = dir.resolve("n2.tif");
        GeoTiffWriter.write(red, g, SampleType.UINT16, GeoTiffWriter.Options.defaults(), (c0, r0, w, h, ts, t) -> {
            for (int r = 0; r < h; r++) java.util.Arrays.fill(t, r * ts, r * ts + w, (short) 1500);
        });
        GeoTiffWriter.write(nir, g, SampleType.UINT16, GeoTiffWriter.Options.defaults(), (c0, r0, w, h, ts, t) -> {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) t[r * ts + c] = (short) (((r0 + r) * 3 + c0 + c) % 30 == 0 ? 950 : 1200 + (c0 + c) % 2000);
            }
        });
        SceneNdvi r = zonal.compute(new Sentinel2Scene("LOW", T, red, nir, null, RadiometricScaling.BASELINE_04), List.of(a));
        NdviStats s = assertInstanceOf(FieldNdvi.Observed.class, r.fields().get(0)).stats();
        assertTrue(s.min() >= -1 && s.max() <= 1, s.toString());
        assertTrue(r.negativeReflectancePixels() > 0);
    }

    @Test
    void theOffsetInAGdalWrittenGeoTiffsMetadataIsPreferredOverTheDefault() throws Exception {
        GdalTool.requireGdalBin();
        Sentinel2Scene old = noOffsetProduct("GDAL");
        Path red = tagged(old.red(), "BOA_ADD_OFFSET=0", "PROCESSING_BASELINE=03.01");
        Path nir = tagged(old.nir(), "BOA_ADD_OFFSET=0", "PROCESSING_BASELINE=03.01");
        try (GeoTiffBand band = GeoTiffBand.open(red)) {
            assertEquals(new ProductMetadata("03.01", 0, null), band.metadata());
        }
        // the scene says 04.00 (what a user gets by default): the file's own statement wins
        SceneNdvi r = zonal.compute(new Sentinel2Scene("GDAL", T, red, nir, old.scl(), RadiometricScaling.BASELINE_04), List.of(a, b));
        assertEquals(0.8, assertInstanceOf(FieldNdvi.Observed.class, r.fields().get(0)).stats().mean(), 0.01);
        assertEquals(0.3, assertInstanceOf(FieldNdvi.Observed.class, r.fields().get(1)).stats().mean(), 0.01);
    }

    @Test
    void aGdalTaggedOffsetThePixelsContradictIsRefusedSayingWhereItCameFrom() throws Exception {
        GdalTool.requireGdalBin();
        Sentinel2Scene old = noOffsetProduct("LIE");
        Path red = tagged(old.red(), "BOA_ADD_OFFSET=-1000");
        Path nir = tagged(old.nir(), "BOA_ADD_OFFSET=-1000");
        SceneReadException e = assertThrows(SceneReadException.class, () -> zonal.compute(new Sentinel2Scene("LIE", T, red, nir,
                old.scl(), RadiometricScaling.BEFORE_BASELINE_04), List.of(a, b)));
        assertEquals(SceneReadException.Reason.IMPLAUSIBLE_REFLECTANCE, e.reason());
        assertTrue(e.getMessage().contains("product's metadata states"), e.getMessage());
    }

    @Test
    void readsTheOffsetAndBaselineOfASafeProductsMetadataFile() throws Exception {
        Path mtd = dir.resolve("MTD_MSIL2A.xml");
        Files.writeString(mtd, """
                <?xml version="1.0" encoding="UTF-8"?>
                <n1:Level-2A_User_Product xmlns:n1="https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd">
                  <n1:General_Info><Product_Info>
                    <PROCESSING_BASELINE>05.10</PROCESSING_BASELINE>
                  </Product_Info>
                  <Product_Image_Characteristics>
                    <QUANTIFICATION_VALUES_LIST>
                      <BOA_QUANTIFICATION_VALUE unit="none">10000</BOA_QUANTIFICATION_VALUE>
                    </QUANTIFICATION_VALUES_LIST>
                    <BOA_ADD_OFFSET_VALUES_LIST>
                      <BOA_ADD_OFFSET band_id="0">-1000</BOA_ADD_OFFSET>
                      <BOA_ADD_OFFSET band_id="3">-1000</BOA_ADD_OFFSET>
                    </BOA_ADD_OFFSET_VALUES_LIST>
                  </Product_Image_Characteristics></n1:General_Info>
                </n1:Level-2A_User_Product>
                """);
        ProductMetadata md = ProductMetadata.fromMtdFile(mtd);
        assertEquals(new ProductMetadata("05.10", -1000, 10000), md);
        assertEquals(RadiometricScaling.BASELINE_04, md.scaling().orElseThrow());
        Files.writeString(mtd, "<x><PROCESSING_BASELINE>03.01</PROCESSING_BASELINE></x>");
        assertEquals(RadiometricScaling.BEFORE_BASELINE_04, ProductMetadata.fromMtdFile(mtd).scaling().orElseThrow());
        assertTrue(ProductMetadata.fromGdalMetadata(null, "x").scaling().isEmpty());
    }

    private Path tagged(Path band, String... items) {
        Path out = dir.resolve("tagged_" + band.getFileName());
        List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE"));
        for (String i : items) cmd.addAll(List.of("-mo", i));
        cmd.addAll(List.of(band.toString(), out.toString()));
        GdalTool.Run r = GdalTool.run(cmd);
        assertEquals(0, r.exitCode(), r.stderr());
        return out;
    }
}
