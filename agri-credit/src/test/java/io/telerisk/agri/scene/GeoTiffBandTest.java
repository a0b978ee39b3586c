package io.telerisk.agri.scene;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeoTiffBandTest {
    @TempDir
    Path dir;

    private static final RasterGrid GRID = new RasterGrid(32633, 700, 530, 500_000, 5_540_000, 10, 10);

    private static int pattern(int row, int col) {
        return (row * 31 + col * 7 + (row * col) % 13) % 60000 + 1;
    }

    private Path write(String name, RasterGrid g, SampleType type, GeoTiffWriter.Options o) throws Exception {
        Path p = dir.resolve(name);
        GeoTiffWriter.write(p, g, type, o, (c0, r0, w, h, ts, t) -> {
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++) t[r * ts + c] = (short) (type == SampleType.UINT8 ? pattern(r0 + r, c0 + c) % 256 : pattern(r0 + r, c0 + c));
        });
        return p;
    }

    private static int[][] readAll(GeoTiffBand b) {
        int[][] px = new int[b.grid().height()][b.grid().width()];
        short[] buf = new short[b.tileWidth() * b.tileHeight()];
        try (GeoTiffBand.TileDecoder d = b.decoder()) {
            for (int ty = 0; ty < b.tilesDown(); ty++)
                for (int tx = 0; tx < b.tilesAcross(); tx++) {
                    d.decode(tx, ty, b.tileHeight(), buf);
                    for (int r = 0; r < b.tileHeight() && ty * b.tileHeight() + r < b.grid().height(); r++)
                        for (int c = 0; c < b.tileWidth() && tx * b.tileWidth() + c < b.grid().width(); c++)
                            px[ty * b.tileHeight() + r][tx * b.tileWidth() + c] = buf[r * b.tileWidth() + c] & 0xFFFF;
                }
        }
        return px;
    }

    private static void assertPattern(int[][] px, boolean bytes) {
        for (int r = 0; r < px.length; r++)
            for (int c = 0; c < px[r].length; c++)
                assertEquals(bytes ? pattern(r, c) % 256 : pattern(r, c), px[r][c], "pixel " + r + "," + c);
    }

    @Test
    void roundTripsUInt16TilesWithPredictor() throws Exception {
        try (GeoTiffBand b = GeoTiffBand.open(write("a.tif", GRID, SampleType.UINT16, GeoTiffWriter.Options.defaults()))) {
            assertTrue(b.grid().sameAs(GRID), b.grid().toString());
            assertEquals(SampleType.UINT16, b.sampleType());
            assertEquals(2, b.tilesAcross());
            assertPattern(readAll(b), false);
        }
    }

    @Test
    void roundTripsUInt8TilesWithoutPredictor() throws Exception {
        try (GeoTiffBand b = GeoTiffBand.open(write("b.tif", GRID, SampleType.UINT8, new GeoTiffWriter.Options(128, false, 1, 1)))) {
            assertEquals(SampleType.UINT8, b.sampleType());
            assertPattern(readAll(b), true);
        }
    }

    @Test
    void decodesOnlyTheLeadingRowsAskedFor() throws Exception {
        try (GeoTiffBand b = GeoTiffBand.open(write("c.tif", GRID, SampleType.UINT16, GeoTiffWriter.Options.defaults()));
             GeoTiffBand.TileDecoder d = b.decoder()) {
            short[] buf = new short[512 * 512];
            Arrays.fill(buf, (short) -1);
            d.decode(1, 0, 3, buf);
            assertEquals(pattern(2, 512 + 5), buf[2 * 512 + 5] & 0xFFFF);
            assertEquals(-1, buf[3 * 512 + 5], "row 3 was not requested and must be untouched");
        }
    }

    @Test
    void readsStripedBigEndianDeflateFileWrittenByGdal() throws Exception {
        GdalTool.requireGdalBin();
        Path src = write("d.tif", GRID, SampleType.UINT16, GeoTiffWriter.Options.defaults());
        Path striped = dir.resolve("striped.tif");
        GdalTool.Run r = GdalTool.run(List.of("gdal_translate", "-q", "-co", "TILED=NO", "-co", "ENDIANNESS=BIG", "-co", "COMPRESS=DEFLATE",
                "-co", "PREDICTOR=2", "-co", "BLOCKYSIZE=37", src.toString(), striped.toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        try (GeoTiffBand b = GeoTiffBand.open(striped)) {
            assertEquals(700, b.tileWidth());
            assertTrue(b.grid().sameAs(GRID), b.grid().toString());
            assertPattern(readAll(b), false);
        }
    }

    @Test
    void readsBigTiffAndPixelIsPointFilesWrittenByGdal() throws Exception {
        GdalTool.requireGdalBin();
        Path src = write("big-src.tif", GRID, SampleType.UINT16, GeoTiffWriter.Options.defaults());
        Path big = dir.resolve("big.tif");
        GdalTool.Run r = GdalTool.run(List.of("gdal_translate", "-q", "-co", "BIGTIFF=YES", "-co", "TILED=YES", "-co", "BLOCKXSIZE=256",
                "-co", "BLOCKYSIZE=256", "-co", "COMPRESS=DEFLATE", "-mo", "AREA_OR_POINT=Point", src.toString(), big.toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(43, Files.readAllBytes(big)[2], "BigTIFF magic");
        try (GeoTiffBand b = GeoTiffBand.open(big)) {
            assertTrue(b.grid().sameAs(GRID), "pixel-is-point tie point must be shifted back half a pixel: " + b.grid());
            assertEquals(256, b.tileWidth());
            assertPattern(readAll(b), false);
        }
    }

    @Test
    void rejectsTruncatedFile() throws Exception {
        Path p = write("e.tif", GRID, SampleType.UINT16, GeoTiffWriter.Options.defaults());
        byte[] all = Files.readAllBytes(p);
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        SceneReadException e = assertThrows(SceneReadException.class, () -> GeoTiffBand.open(cut));
        assertEquals(SceneReadException.Reason.TRUNCATED, e.reason(), e.getMessage());
    }

    @Test
    void rejectsGdalFileTruncatedInsideItsTiles() throws Exception {
        GdalTool.requireGdalBin();
        Path src = write("f.tif", GRID, SampleType.UINT16, GeoTiffWriter.Options.defaults());
        Path g = dir.resolve("gdal.tif"); // GDAL puts the IFD first and tile data after it
        assertEquals(0, GdalTool.run(List.of("gdal_translate", "-q", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", src.toString(), g.toString())).exitCode());
        byte[] all = Files.readAllBytes(g);
        Files.write(g, Arrays.copyOf(all, all.length - 1000));
        SceneReadException e = assertThrows(SceneReadException.class, () -> GeoTiffBand.open(g));
        assertEquals(SceneReadException.Reason.TRUNCATED, e.reason());
        assertTrue(e.getMessage().contains("ends at byte"), e.getMessage());
    }

    @Test
    void reportsCorruptTileDataWhenDecoding() throws Exception {
        Path p = write("g.tif", GRID, SampleType.UINT16, GeoTiffWriter.Options.defaults());
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            byte[] junk = new byte[64];
            Arrays.fill(junk, (byte) 0x5A);
            ch.write(ByteBuffer.wrap(junk), 8 + 2); // inside the first tile, just after its zlib header
        }
        try (GeoTiffBand b = GeoTiffBand.open(p); GeoTiffBand.TileDecoder d = b.decoder()) {
            SceneReadException e = assertThrows(SceneReadException.class, () -> d.decode(0, 0, 512, new short[512 * 512]));
            assertEquals(SceneReadException.Reason.CORRUPT, e.reason(), e.getMessage());
        }
    }

    @Test
    void rejectsFileThatIsNotATiff() throws Exception {
        Path p = dir.resolve("x.tif");
        Files.writeString(p, "<html>this is not the file you are looking for</html>");
        SceneReadException e = assertThrows(SceneReadException.class, () -> GeoTiffBand.open(p));
        assertEquals(SceneReadException.Reason.CORRUPT, e.reason());
    }

    @Test
    void rejectsMissingFile() {
        SceneReadException e = assertThrows(SceneReadException.class, () -> GeoTiffBand.open(dir.resolve("nope.tif")));
        assertEquals(SceneReadException.Reason.IO, e.reason());
    }

    @Test
    void rejectsGeographicCrs() throws Exception {
        GdalTool.requireGdalBin();
        Path src = write("h.tif", GRID, SampleType.UINT16, GeoTiffWriter.Options.defaults());
        Path geo = dir.resolve("geo.tif");
        GdalTool.Run r = GdalTool.run(List.of("gdal_translate", "-q", "-a_srs", "EPSG:4326", "-a_ullr", "15", "50.1", "15.1", "50",
                src.toString(), geo.toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        SceneReadException e = assertThrows(SceneReadException.class, () -> GeoTiffBand.open(geo));
        assertEquals(SceneReadException.Reason.WRONG_CRS, e.reason(), e.getMessage());
    }

    @Test
    void rejectsUngeoreferencedTiff() throws Exception {
        GdalTool.requireGdalBin();
        Path src = write("i.tif", GRID, SampleType.UINT16, GeoTiffWriter.Options.defaults());
        Path plain = dir.resolve("plain.tif");
        assertEquals(0, GdalTool.run(List.of("gdal_translate", "-q", "-co", "PROFILE=BASELINE", src.toString(), plain.toString())).exitCode());
        Files.deleteIfExists(dir.resolve("plain.tif.aux.xml"));
        Files.deleteIfExists(dir.resolve("plain.tfw"));
        SceneReadException e = assertThrows(SceneReadException.class, () -> GeoTiffBand.open(plain));
        assertEquals(SceneReadException.Reason.WRONG_CRS, e.reason(), e.getMessage());
    }

    @Test
    void writerLeavesNoPartialFileWhenTheProducerFails() {
        Path p = dir.resolve("fail.tif");
        assertThrows(IllegalStateException.class, () -> GeoTiffWriter.write(p, GRID, SampleType.UINT16, GeoTiffWriter.Options.defaults(),
                (c0, r0, w, h, ts, t) -> {
                    if (r0 > 0) throw new IllegalStateException("boom");
                }));
        assertTrue(!Files.exists(p) && !Files.exists(dir.resolve("fail.tif.part")));
    }

    @Test
    void pixelRunsFollowThePixelCentreRule() {
        var gf = new org.locationtech.jts.geom.GeometryFactory();
        RasterGrid g = new RasterGrid(32633, 10, 10, 0, 100, 10, 10);
        // square from x=14 to 36, y=100-36..100-14: centres 15,25,35 in both directions are inside
        var sq = gf.createPolygon(new org.locationtech.jts.geom.Coordinate[]{new org.locationtech.jts.geom.Coordinate(14, 64),
                new org.locationtech.jts.geom.Coordinate(36, 64), new org.locationtech.jts.geom.Coordinate(36, 86),
                new org.locationtech.jts.geom.Coordinate(14, 86), new org.locationtech.jts.geom.Coordinate(14, 64)});
        PixelRuns r = PixelRuns.of(sq, g);
        assertEquals(9, r.pixelCount());
        assertArrayEquals(new int[]{1, 2, 3}, Arrays.copyOf(r.rows(), r.count()));
        assertEquals(1, r.colStart()[0]);
        assertEquals(4, r.colEnd()[0]);
        assertEquals(0, r.pixelsOutside());
    }

    /** Rewrites a classic little-endian TIFF's tag as one LONG value (width, height, tile size...). */
    private static void setTag(Path p, int tag, long value) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int ifd = b.getInt(4), n = b.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            if ((b.getShort(e) & 0xFFFF) != tag) continue;
            b.putShort(e + 2, (short) 4).putInt(e + 4, 1).putInt(e + 8, (int) value);
            Files.write(p, b.array());
            return;
        }
        throw new AssertionError("no tag " + tag);
    }

    @Test
    void rastersAndTileTablesBeyondTheLimitsAreRefusedBeforeAnythingIsAllocated() throws Exception {
        Path wide = write("wide.tif", GRID, SampleType.UINT16, new GeoTiffWriter.Options(256, true, 6, 2));
        setTag(wide, GeoTiffWriter.TAG_WIDTH, GeoTiffBand.MAX_SIDE_PIXELS + 1L);
        SceneReadException e = assertThrows(SceneReadException.class, () -> GeoTiffBand.open(wide));
        assertEquals(SceneReadException.Reason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().contains("at most " + GeoTiffBand.MAX_SIDE_PIXELS), e.getMessage());

        // 100,000 x 100,000 pixels in 16 x 16 tiles would be 39 million tiles: refused before the tile table is read
        Path tiny = write("tiny-tiles.tif", GRID, SampleType.UINT16, new GeoTiffWriter.Options(256, true, 6, 2));
        setTag(tiny, GeoTiffWriter.TAG_WIDTH, GeoTiffBand.MAX_SIDE_PIXELS);
        setTag(tiny, GeoTiffWriter.TAG_HEIGHT, GeoTiffBand.MAX_SIDE_PIXELS);
        setTag(tiny, GeoTiffWriter.TAG_TILE_WIDTH, 16);
        setTag(tiny, GeoTiffWriter.TAG_TILE_HEIGHT, 16);
        SceneReadException tiles = assertThrows(SceneReadException.class, () -> GeoTiffBand.open(tiny));
        assertTrue(tiles.getMessage().contains("at most " + GeoTiffBand.MAX_BLOCKS), tiles.getMessage());
    }
}
