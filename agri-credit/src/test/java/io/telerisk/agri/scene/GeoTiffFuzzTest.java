package io.telerisk.agri.scene;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for the GeoTIFF reader (docs/security.md "Fuzzing"): any file opens as a band or fails with a
 * {@link SceneReadException}; an opened band decodes its first tiles or fails the same way. Never another exception,
 * an allocation the file's size does not justify, or a hang. {@link GeoTiffDamageTest} flips bytes of one good file;
 * this target lets Jazzer steer. Regression inputs: src/test/resources/io/telerisk/agri/scene/GeoTiffFuzzTestInputs/open/.
 */
class GeoTiffFuzzTest {
    /** Tiles decoded per input: enough to reach every decoder branch, few enough for thousands of runs a second. */
    private static final int TILES_DECODED = 4;

    @FuzzTest(maxDuration = "15s", maxExecutions = 2000)
    void open(byte[] file) throws IOException {
        // a fixed, relative name (surefire runs in the module directory), not a random temp file: file names reach
        // libFuzzer through the reader's messages, and the short run in verify must be the same on every run
        Path p = Path.of("target", "fuzz-input", "scene.tif");
        Files.createDirectories(p.getParent());
        try {
            Files.write(p, file);
            try (GeoTiffBand band = GeoTiffBand.open(p); GeoTiffBand.TileDecoder d = band.decoder()) {
                assertTrue(band.grid().width() > 0 && band.grid().height() > 0, "an opened band has a size");
                short[] buf = new short[band.tileSamples()];
                int decoded = 0;
                for (int ty = 0; ty < band.tilesDown() && decoded < TILES_DECODED; ty++) {
                    for (int tx = 0; tx < band.tilesAcross() && decoded < TILES_DECODED; tx++, decoded++) {
                        d.decode(tx, ty, band.tileHeight(), buf);
                    }
                }
            } catch (SceneReadException refused) {
                // the documented answer to a bad file
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }
}
