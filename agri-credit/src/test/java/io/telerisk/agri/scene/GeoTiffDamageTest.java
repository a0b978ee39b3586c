package io.telerisk.agri.scene;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Damaged files must fail with a {@link SceneReadException}, never with another exception or a huge allocation. */
class GeoTiffDamageTest {
    @TempDir
    Path dir;

    @Test
    void randomByteDamageOnlyEverRaisesSceneReadException() throws Exception {
        RasterGrid g = new RasterGrid(32633, 300, 200, 500_000, 5_540_000, 10, 10);
        Path good = dir.resolve("good.tif");
        GeoTiffWriter.write(good, g, SampleType.UINT16, new GeoTiffWriter.Options(64, true, 6, 1), (c0, r0, w, h, ts, t) -> {
            for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) t[r * ts + c] = (short) (1000 + (r0 + r) * 3 + (c0 + c));
        });
        byte[] original = Files.readAllBytes(good);
        int ifd = (original[4] & 0xFF) | (original[5] & 0xFF) << 8 | (original[6] & 0xFF) << 16 | (original[7] & 0xFF) << 24;
        Random rnd = new Random(12345);
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            byte[] b = original.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) {
                // aim at the header and IFD (structure) most of the time, at tile data otherwise
                int at = rnd.nextInt(3) > 0 ? (rnd.nextBoolean() ? rnd.nextInt(8) : ifd + rnd.nextInt(b.length - ifd)) : rnd.nextInt(b.length);
                b[at] = (byte) rnd.nextInt(256);
            }
            Path p = dir.resolve("f" + i + ".tif");
            Files.write(p, b);
            try (GeoTiffBand band = GeoTiffBand.open(p); GeoTiffBand.TileDecoder d = band.decoder()) {
                short[] buf = new short[band.tileSamples()];
                for (int ty = 0; ty < band.tilesDown(); ty++)
                    for (int tx = 0; tx < band.tilesAcross(); tx++) d.decode(tx, ty, band.tileHeight(), buf);
            } catch (SceneReadException e) {
                refused++;
            } catch (Throwable t) {
                fail("damage #" + i + " raised " + t, t);
            }
            Files.delete(p);
        }
        assertTrue(refused > 100, "most damage to the structure should be detected, got " + refused);
    }
}
