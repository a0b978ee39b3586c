package io.telerisk.agri.scene;

import io.telerisk.agri.scene.SceneReadException.Reason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One single-band GeoTIFF opened for random tile access. Only the header and the first IFD are read on
 * {@link #open(Path)}; pixel data is read tile by tile through a per-thread {@link TileDecoder}, so a caller that
 * needs a few fields out of a 10980 x 10980 Sentinel-2 tile decompresses only the tiles (and within a tile only the
 * leading rows) it needs.
 *
 * <p>Supported: classic TIFF and BigTIFF, either byte order, tiles or strips, no compression or DEFLATE (8 and
 * 32946), predictor 1 or 2, UInt8 or UInt16, one sample per pixel; georeferencing by ModelPixelScale + ModelTiepoint
 * or a north-up ModelTransformation; the CRS must be an EPSG projected CRS (GeoKey 3072). Anything else is refused
 * with a {@link SceneReadException} naming the reason. Thread-safe: reads use positional channel reads.
 */
public final class GeoTiffBand implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final ByteOrder order;
    private final RasterGrid grid;
    private final SampleType sampleType;
    private final int compression;
    private final int predictor;
    private final int tileWidth;
    private final int tileHeight;
    private final boolean stripped;
    private final long[] offsets;
    private final long[] byteCounts;
    private final int maxCompressed;
    private final ProductMetadata metadata;

    /** Largest raster side read, pixels: a Sentinel-2 tile is 10980; anything far larger is refused before allocation. */
    public static final int MAX_SIDE_PIXELS = 100_000;
    /** Most tiles or strips in one file (a 10980 px tile in 256 px blocks has 1,849). */
    public static final int MAX_BLOCKS = 1 << 20;
    /** Largest decoded tile or strip, bytes. */
    public static final long MAX_BLOCK_BYTES = 64L * 1024 * 1024;

    // GDAL's private tag: an XML document of <Item name="...">value</Item>
    private static final int TAG_GDAL_METADATA = 42112;

    private GeoTiffBand(Path path, FileChannel channel, ByteOrder order, RasterGrid grid, SampleType sampleType,
                        int compression, int predictor, int tileWidth, int tileHeight, boolean stripped,
                        long[] offsets, long[] byteCounts, ProductMetadata metadata) {
        this.path = path;
        this.metadata = metadata;
        this.channel = channel;
        this.order = order;
        this.grid = grid;
        this.sampleType = sampleType;
        this.compression = compression;
        this.predictor = predictor;
        this.tileWidth = tileWidth;
        this.tileHeight = tileHeight;
        this.stripped = stripped;
        this.offsets = offsets;
        this.byteCounts = byteCounts;
        long max = 0;
        for (long c : byteCounts) max = Math.max(max, c);
        this.maxCompressed = (int) max;
    }

    /**
     * Opens a band and validates its structure (header, IFD, tile table against the file length, CRS).
     *
     * @throws SceneReadException with the reason the file cannot be used
     */
    public static GeoTiffBand open(Path path) {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SceneReadException(Reason.IO, path, "no such file", e);
        } catch (IOException e) {
            throw new SceneReadException(Reason.IO, path, "cannot open: " + e.getMessage(), e);
        }
        try {
            return parse(path, ch);
        } catch (SceneReadException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new SceneReadException(Reason.IO, path, "read failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw new SceneReadException(Reason.CORRUPT, path, "inconsistent TIFF structure: " + e, e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing useful to add to the original failure
        }
    }

    private static SceneReadException corrupt(Path p, String d) {
        return TiffDirectory.corrupt(p, d);
    }

    private static GeoTiffBand parse(Path path, FileChannel ch) throws IOException {
        TiffDirectory tags = TiffDirectory.read(path, ch);
        ByteOrder order = tags.order();
        long size = tags.size();

        int width = (int) tags.scalar(GeoTiffWriter.TAG_WIDTH, -1);
        int height = (int) tags.scalar(GeoTiffWriter.TAG_HEIGHT, -1);
        if (width <= 0 || height <= 0) throw corrupt(path, "missing or invalid image size");
        int spp = (int) tags.scalar(GeoTiffWriter.TAG_SAMPLES_PER_PIXEL, 1);
        if (spp != 1) throw new SceneReadException(Reason.UNSUPPORTED, path, spp + " samples per pixel; one band per file expected", null);
        long[] bits = tags.array(GeoTiffWriter.TAG_BITS);
        int bps = bits == null ? 1 : (int) bits[0];
        int sampleFormat = (int) tags.scalar(GeoTiffWriter.TAG_SAMPLE_FORMAT, 1);
        if (sampleFormat != 1 || (bps != 8 && bps != 16)) {
            throw new SceneReadException(Reason.UNSUPPORTED, path, "sample format " + sampleFormat + " with " + bps
                    + " bits; expected unsigned 8 or 16 bit integers", null);
        }
        int compression = (int) tags.scalar(GeoTiffWriter.TAG_COMPRESSION, 1);
        if (compression != 1 && compression != 8 && compression != 32946) {
            throw new SceneReadException(Reason.UNSUPPORTED, path, "compression " + compression + "; supported: none, DEFLATE", null);
        }
        int predictor = (int) tags.scalar(GeoTiffWriter.TAG_PREDICTOR, 1);
        if (predictor != 1 && predictor != 2) throw new SceneReadException(Reason.UNSUPPORTED, path, "predictor " + predictor, null);

        if (width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS) {
            throw new SceneReadException(Reason.UNSUPPORTED, path, "raster of " + width + " x " + height + " pixels; at most " + MAX_SIDE_PIXELS
                    + " on a side are read (a Sentinel-2 tile has 10980)", null);
        }
        boolean stripped = !tags.has(GeoTiffWriter.TAG_TILE_OFFSETS);
        int tw, th;
        if (!stripped) {
            tw = (int) tags.scalar(GeoTiffWriter.TAG_TILE_WIDTH, -1);
            th = (int) tags.scalar(GeoTiffWriter.TAG_TILE_HEIGHT, -1);
            if (tw <= 0 || th <= 0) throw corrupt(path, "tiled TIFF without a valid tile size");
        } else {
            tw = width;
            long rps = tags.scalar(GeoTiffWriter.TAG_ROWS_PER_STRIP, height);
            th = (int) Math.min(Math.max(rps, 1), height);
        }
        if ((long) tw * th * (bps / 8) > MAX_BLOCK_BYTES) {
            throw new SceneReadException(Reason.UNSUPPORTED, path, "blocks of " + tw + " x " + th + " pixels are too large to decode (64 MB limit)", null);
        }
        // counted before the tile table is read, so a table's size is bounded by the raster, not by what the file claims
        long expected = ((width + (long) tw - 1) / tw) * ((height + (long) th - 1) / th);
        if (expected > MAX_BLOCKS) {
            throw new SceneReadException(Reason.UNSUPPORTED, path, expected + " tiles or strips; at most " + MAX_BLOCKS + " are read", null);
        }
        long[] offsets = tags.array(stripped ? GeoTiffWriter.TAG_STRIP_OFFSETS : GeoTiffWriter.TAG_TILE_OFFSETS);
        long[] counts = tags.array(stripped ? GeoTiffWriter.TAG_STRIP_BYTE_COUNTS : GeoTiffWriter.TAG_TILE_BYTE_COUNTS);
        if (offsets == null || counts == null || offsets.length != expected || counts.length != expected) {
            throw corrupt(path, "tile/strip table has " + (offsets == null ? 0 : offsets.length) + " entries, expected " + expected);
        }
        for (int i = 0; i < offsets.length; i++) {
            if (counts[i] < 0 || counts[i] > Integer.MAX_VALUE / 2) throw corrupt(path, "implausible byte count for block " + i);
            if (offsets[i] < 0) throw corrupt(path, "negative offset for block " + i); // a BigTIFF LONG8 above 2^63
            if (counts[i] > 0 && offsets[i] > size - counts[i]) {
                throw new SceneReadException(Reason.TRUNCATED, path, "block " + i + " ends at byte " + (offsets[i] + counts[i])
                        + " but the file has " + size + " bytes", null);
            }
        }
        RasterGrid grid = georeference(path, tags, width, height);
        ProductMetadata metadata = ProductMetadata.fromGdalMetadata(tags.ascii(TAG_GDAL_METADATA), path.toString());
        return new GeoTiffBand(path, ch, order, grid, bps == 8 ? SampleType.UINT8 : SampleType.UINT16, compression,
                predictor, tw, th, stripped, offsets, counts, metadata);
    }

    private static RasterGrid georeference(Path path, TiffDirectory tags, int width, int height) throws IOException {
        long[] keys = tags.array(GeoTiffWriter.TAG_GEOKEYS);
        if (keys == null || keys.length < 4) {
            throw new SceneReadException(Reason.WRONG_CRS, path, "no GeoKeyDirectory: the file is not georeferenced", null);
        }
        Map<Integer, Long> geo = new HashMap<>();
        int nKeys = (int) keys[3];
        for (int k = 0; k < nKeys && 4 + 4 * k + 3 < keys.length; k++) {
            int id = (int) keys[4 + 4 * k];
            int loc = (int) keys[4 + 4 * k + 1];
            if (loc == 0) geo.put(id, keys[4 + 4 * k + 3]);
        }
        long model = geo.getOrDefault(1024, 0L);
        Long projected = geo.get(3072);
        if (model == 2 || projected == null) {
            throw new SceneReadException(Reason.WRONG_CRS, path, "geographic or unspecified CRS (GTModelType " + model
                    + ", GeographicType " + geo.get(2048) + "); Sentinel-2 bands must be in a projected UTM CRS", null);
        }
        int epsg = projected.intValue();
        if (epsg == 32767 || epsg <= 0) {
            throw new SceneReadException(Reason.WRONG_CRS, path, "user-defined projected CRS; an EPSG code is required", null);
        }
        long linear = geo.getOrDefault(3076, 9001L);
        if (linear != 9001) throw new SceneReadException(Reason.WRONG_CRS, path, "linear unit EPSG:" + linear + ", metres expected", null);

        double[] scale = tags.doubles(GeoTiffWriter.TAG_PIXEL_SCALE);
        double[] tie = tags.doubles(GeoTiffWriter.TAG_TIEPOINT);
        double[] mt = tags.doubles(GeoTiffWriter.TAG_MODEL_TRANSFORMATION);
        double ox, oy, sx, sy;
        if (scale != null && tie != null && scale.length >= 2 && tie.length >= 6) {
            sx = scale[0];
            sy = scale[1];
            ox = tie[3] - tie[0] * sx;
            oy = tie[4] + tie[1] * sy;
        } else if (mt != null && mt.length >= 16) {
            if (mt[1] != 0 || mt[4] != 0) throw new SceneReadException(Reason.UNSUPPORTED, path, "rotated raster", null);
            sx = mt[0];
            sy = -mt[5];
            ox = mt[3];
            oy = mt[7];
        } else {
            throw new SceneReadException(Reason.WRONG_CRS, path, "no ModelPixelScale/ModelTiepoint or ModelTransformation", null);
        }
        if (!(sx > 0) || !(sy > 0)) throw corrupt(path, "non-positive pixel size " + sx + " x " + sy);
        if (geo.getOrDefault(1025, 1L) == 2) { // PixelIsPoint: tie point is a pixel centre, as GDAL interprets it
            ox -= sx / 2;
            oy += sy / 2;
        }
        return new RasterGrid(epsg, width, height, ox, oy, sx, sy);
    }

    /** What the file's {@code GDAL_METADATA} tag states about the product ({@link ProductMetadata#NONE} without one). */
    public ProductMetadata metadata() {
        return metadata;
    }

    public Path path() {
        return path;
    }

    public RasterGrid grid() {
        return grid;
    }

    public SampleType sampleType() {
        return sampleType;
    }

    public int tileWidth() {
        return tileWidth;
    }

    public int tileHeight() {
        return tileHeight;
    }

    public int tilesAcross() {
        return (grid.width() + tileWidth - 1) / tileWidth;
    }

    public int tilesDown() {
        return (grid.height() + tileHeight - 1) / tileHeight;
    }

    /** A decoder with its own buffers and inflater; use one per thread. */
    public TileDecoder decoder() {
        return new TileDecoder();
    }

    /** Samples a tile buffer for {@link TileDecoder#decode} must hold. */
    public int tileSamples() {
        return tileWidth * tileHeight;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    /** Decodes tiles of this band; not thread-safe, cheap to create. */
    public final class TileDecoder implements AutoCloseable {
        // raw DEFLATE: the zlib header is checked by hand and the Adler-32 trailer not computed (about 11 % less CPU;
        // partial decodes stop before the trailer anyway). Corruption still surfaces as invalid codes or short output.
        private final Inflater inflater = new Inflater(true);
        private final byte[] compressed = new byte[Math.max(1, maxCompressed)];
        private final byte[] raw = new byte[tileWidth * tileHeight * sampleType.bytes()];
        private final ByteBuffer compressedBuffer = ByteBuffer.wrap(compressed);

        /**
         * Decodes the first {@code rowsNeeded} rows of tile (tx, ty) into {@code out} (row-major, tile width
         * per row, unsigned values in the low bits of each short). Rows past an edge tile's data are zero.
         *
         * @throws SceneReadException CORRUPT or TRUNCATED when the tile's data is bad
         */
        public void decode(int tx, int ty, int rowsNeeded, short[] out) {
            int index = ty * tilesAcross() + tx;
            int rowsInBlock = stripped ? Math.min(tileHeight, grid.height() - ty * tileHeight) : tileHeight;
            int rows = Math.min(rowsNeeded, rowsInBlock);
            int bps = sampleType.bytes();
            int need = rows * tileWidth * bps;
            int len = (int) byteCounts[index];
            if (len == 0) { // sparse block (GDAL SPARSE_OK): no data
                java.util.Arrays.fill(out, 0, rows * tileWidth, (short) 0);
                return;
            }
            try {
                compressedBuffer.clear().limit(len);
                long pos = offsets[index];
                while (compressedBuffer.hasRemaining()) {
                    int r = channel.read(compressedBuffer, pos + compressedBuffer.position());
                    if (r < 0) throw new SceneReadException(Reason.TRUNCATED, path, "end of file inside block " + index, null);
                }
            } catch (IOException e) {
                throw new SceneReadException(Reason.IO, path, "cannot read block " + index + ": " + e.getMessage(), e);
            }
            if (compression == 1) {
                if (len < need) throw new SceneReadException(Reason.CORRUPT, path, "block " + index + " has " + len + " bytes, expected " + need, null);
                System.arraycopy(compressed, 0, raw, 0, need);
            } else {
                int cmf = compressed[0] & 0xFF, flg = len > 1 ? compressed[1] & 0xFF : 0;
                if (len < 3 || (cmf & 0x0F) != 8 || (cmf * 256 + flg) % 31 != 0 || (flg & 0x20) != 0) {
                    throw new SceneReadException(Reason.CORRUPT, path, "block " + index + " does not start with a zlib header", null);
                }
                inflater.reset();
                inflater.setInput(compressed, 2, len - 2);
                int got = 0;
                try {
                    while (got < need) {
                        int r = inflater.inflate(raw, got, need - got);
                        got += r;
                        if (r == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) break;
                    }
                } catch (DataFormatException e) {
                    throw new SceneReadException(Reason.CORRUPT, path, "block " + index + " is not valid DEFLATE data: " + e.getMessage(), e);
                }
                if (got < need) {
                    throw new SceneReadException(Reason.CORRUPT, path, "block " + index + " decompresses to " + got + " bytes, expected at least " + need, null);
                }
            }
            int n = rows * tileWidth;
            if (bps == 2) {
                ByteBuffer.wrap(raw, 0, need).order(order).asShortBuffer().get(out, 0, n);
                if (predictor == 2) {
                    for (int r = 0; r < rows; r++) {
                        int base = r * tileWidth;
                        short prev = out[base];
                        for (int c = 1; c < tileWidth; c++) {
                            prev = (short) (prev + out[base + c]);
                            out[base + c] = prev;
                        }
                    }
                }
            } else {
                for (int i = 0; i < n; i++) out[i] = (short) (raw[i] & 0xFF);
                if (predictor == 2) {
                    for (int r = 0; r < rows; r++) {
                        int base = r * tileWidth;
                        int prev = out[base];
                        for (int c = 1; c < tileWidth; c++) {
                            prev = (prev + out[base + c]) & 0xFF;
                            out[base + c] = (short) prev;
                        }
                    }
                }
            }
        }

        @Override
        public void close() {
            inflater.end();
        }
    }
}
