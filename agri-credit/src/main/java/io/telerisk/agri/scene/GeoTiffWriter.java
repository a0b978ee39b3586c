package io.telerisk.agri.scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;

/**
 * A minimal single-band GeoTIFF writer: little-endian classic TIFF, tiled, DEFLATE (zlib, TIFF compression 8),
 * optional horizontal differencing (predictor 2), UInt8 or UInt16, georeferenced with ModelPixelScale (33550),
 * ModelTiepoint (33922) and a GeoKeyDirectory (34735) naming an EPSG projected CRS. GDAL's {@code GDAL_NODATA}
 * tag (42113) is set to 0, the Sentinel-2 no-data value.
 *
 * <p>Apache SIS 1.4 reads GeoTIFF but does not write it, hence this class. Tiles are produced and compressed in
 * parallel one tile row at a time, so memory stays at a few tile rows whatever the raster size. The file is
 * written to a temporary sibling and moved into place, so a failed write never leaves a half-written band.
 */
public final class GeoTiffWriter {

    /** Fills one tile: the pixels of rows {@code row0..row0+height-1} and columns {@code col0..col0+width-1}. */
    @FunctionalInterface
    public interface TileProducer {
        /**
         * @param tile row-major buffer of tileSize x tileSize samples, zeroed; write only the first
         *             {@code width} columns of the first {@code height} rows (edge tiles are smaller)
         */
        void fill(int col0, int row0, int width, int height, int tileSize, short[] tile);
    }

    /**
     * Writer options.
     *
     * @param tileSize            tile edge in pixels, a multiple of 16 (TIFF requirement)
     * @param horizontalPredictor use TIFF predictor 2 (better compression of smooth reflectance)
     * @param deflateLevel        zlib level 1..9
     * @param threads             threads compressing tiles
     */
    public record Options(int tileSize, boolean horizontalPredictor, int deflateLevel, int threads) {
        public Options {
            if (tileSize <= 0 || tileSize % 16 != 0) throw new IllegalArgumentException("tile size must be a positive multiple of 16");
            if (deflateLevel < 1 || deflateLevel > 9) throw new IllegalArgumentException("deflate level 1..9");
            if (threads < 1) throw new IllegalArgumentException("threads >= 1");
        }

        /** 512 x 512 tiles, predictor 2, zlib level 6, two threads. */
        public static Options defaults() {
            return new Options(512, true, 6, 2);
        }
    }

    static final int TAG_WIDTH = 256, TAG_HEIGHT = 257, TAG_BITS = 258, TAG_COMPRESSION = 259, TAG_PHOTOMETRIC = 262,
            TAG_STRIP_OFFSETS = 273, TAG_SAMPLES_PER_PIXEL = 277, TAG_ROWS_PER_STRIP = 278, TAG_STRIP_BYTE_COUNTS = 279,
            TAG_PLANAR = 284, TAG_PREDICTOR = 317, TAG_TILE_WIDTH = 322, TAG_TILE_HEIGHT = 323, TAG_TILE_OFFSETS = 324,
            TAG_TILE_BYTE_COUNTS = 325, TAG_SAMPLE_FORMAT = 339, TAG_PIXEL_SCALE = 33550, TAG_TIEPOINT = 33922,
            TAG_MODEL_TRANSFORMATION = 34264, TAG_GEOKEYS = 34735, TAG_GDAL_NODATA = 42113;
    static final short TYPE_ASCII = 2, TYPE_SHORT = 3, TYPE_LONG = 4, TYPE_DOUBLE = 12;

    private GeoTiffWriter() {
    }

    /** Writes one band. */
    public static void write(Path path, RasterGrid grid, SampleType type, Options opt, TileProducer producer) throws IOException {
        int ts = opt.tileSize();
        int across = (grid.width() + ts - 1) / ts, down = (grid.height() + ts - 1) / ts;
        int tiles = across * down;
        long[] offsets = new long[tiles];
        long[] counts = new long[tiles];
        Path tmp = path.resolveSibling(path.getFileName() + ".part");
        ExecutorService pool = Executors.newFixedThreadPool(opt.threads(), r -> {
            Thread t = new Thread(r, "geotiff-writer");
            t.setDaemon(true);
            return t;
        });
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            header.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(0); // IFD offset patched at the end
            header.flip();
            ch.write(header, 0);
            long pos = 8;
            for (int ty = 0; ty < down; ty++) {
                List<Future<byte[]>> row = new ArrayList<>(across);
                for (int tx = 0; tx < across; tx++) {
                    final int col0 = tx * ts, row0 = ty * ts;
                    final int w = Math.min(ts, grid.width() - col0), h = Math.min(ts, grid.height() - row0);
                    row.add(pool.submit(() -> encodeTile(producer, col0, row0, w, h, type, opt)));
                }
                for (int tx = 0; tx < across; tx++) {
                    byte[] data = get(row.get(tx));
                    int i = ty * across + tx;
                    offsets[i] = pos;
                    counts[i] = data.length;
                    pos += writeFully(ch, ByteBuffer.wrap(data), pos);
                }
            }
            if (pos % 2 == 1) pos += writeFully(ch, ByteBuffer.wrap(new byte[1]), pos); // IFD on a word boundary
            if (pos > 0xFFFF_FFFFL - 1_000_000) throw new IOException("band too large for classic TIFF: " + pos + " bytes");
            ByteBuffer ifd = buildIfd(grid, type, opt, offsets, counts, pos);
            writeFully(ch, ifd, pos);
            ByteBuffer patch = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) pos);
            patch.flip();
            writeFully(ch, patch, 4);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            pool.shutdownNow();
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] get(Future<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing GeoTIFF", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException("tile encoding failed", e.getCause());
        }
    }

    private static long writeFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        long n = 0;
        while (buf.hasRemaining()) n += ch.write(buf, pos + n);
        return n;
    }

    private static byte[] encodeTile(TileProducer producer, int col0, int row0, int w, int h, SampleType type, Options opt) {
        int ts = opt.tileSize();
        short[] tile = new short[ts * ts];
        producer.fill(col0, row0, w, h, ts, tile);
        int bytesPerSample = type.bytes();
        byte[] raw = new byte[ts * ts * bytesPerSample];
        for (int r = 0; r < ts; r++) {
            int base = r * ts;
            int prev = 0;
            for (int c = 0; c < ts; c++) {
                int v = tile[base + c] & 0xFFFF;
                int out = opt.horizontalPredictor() ? v - prev : v;
                prev = v;
                int i = base + c;
                if (bytesPerSample == 1) {
                    raw[i] = (byte) out;
                } else {
                    raw[2 * i] = (byte) out;
                    raw[2 * i + 1] = (byte) (out >>> 8);
                }
            }
        }
        Deflater deflater = new Deflater(opt.deflateLevel());
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] out = new byte[raw.length / 2 + 1024];
            int len = 0;
            while (!deflater.finished()) {
                if (len == out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
                len += deflater.deflate(out, len, out.length - len);
            }
            return java.util.Arrays.copyOf(out, len);
        } finally {
            deflater.end();
        }
    }

    private record Entry(int tag, short type, int count, byte[] data) {
    }

    private static ByteBuffer buildIfd(RasterGrid grid, SampleType type, Options opt, long[] offsets, long[] counts, long ifdPos) {
        List<Entry> e = new ArrayList<>();
        e.add(longs(TAG_WIDTH, grid.width()));
        e.add(longs(TAG_HEIGHT, grid.height()));
        e.add(shorts(TAG_BITS, type.bits()));
        e.add(shorts(TAG_COMPRESSION, 8));
        e.add(shorts(TAG_PHOTOMETRIC, 1));
        e.add(shorts(TAG_SAMPLES_PER_PIXEL, 1));
        e.add(shorts(TAG_PLANAR, 1));
        if (opt.horizontalPredictor()) e.add(shorts(TAG_PREDICTOR, 2));
        e.add(longs(TAG_TILE_WIDTH, opt.tileSize()));
        e.add(longs(TAG_TILE_HEIGHT, opt.tileSize()));
        e.add(longs(TAG_TILE_OFFSETS, offsets));
        e.add(longs(TAG_TILE_BYTE_COUNTS, counts));
        e.add(shorts(TAG_SAMPLE_FORMAT, 1));
        e.add(doubles(TAG_PIXEL_SCALE, grid.pixelSizeXM(), grid.pixelSizeYM(), 0));
        e.add(doubles(TAG_TIEPOINT, 0, 0, 0, grid.originX(), grid.originY(), 0));
        // GeoKeyDirectory: version 1.1.0, 4 keys: projected model, pixel-is-area, EPSG projected CRS, metres.
        e.add(shorts(TAG_GEOKEYS, 1, 1, 0, 4,
                1024, 0, 1, 1,
                1025, 0, 1, 1,
                3072, 0, 1, grid.epsg(),
                3076, 0, 1, 9001));
        byte[] nodata = "0\0".getBytes(StandardCharsets.US_ASCII);
        e.add(new Entry(TAG_GDAL_NODATA, TYPE_ASCII, nodata.length, nodata));
        e.sort(Comparator.comparingInt(Entry::tag));

        int ifdSize = 2 + 12 * e.size() + 4;
        int extra = 0;
        for (Entry x : e) if (x.data.length > 4) extra += x.data.length + (x.data.length & 1);
        ByteBuffer b = ByteBuffer.allocate(ifdSize + extra).order(ByteOrder.LITTLE_ENDIAN);
        long extraPos = ifdPos + ifdSize;
        int extraAt = ifdSize;
        b.putShort((short) e.size());
        for (Entry x : e) {
            b.putShort((short) x.tag).putShort(x.type).putInt(x.count);
            if (x.data.length <= 4) {
                byte[] inline = new byte[4];
                System.arraycopy(x.data, 0, inline, 0, x.data.length);
                b.put(inline);
            } else {
                b.putInt((int) extraPos);
                b.put(extraAt, x.data);
                int padded = x.data.length + (x.data.length & 1);
                extraPos += padded;
                extraAt += padded;
            }
        }
        b.putInt(0); // no next IFD
        b.position(0);
        b.limit(ifdSize + extra);
        return b;
    }

    private static Entry shorts(int tag, int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putShort((short) x);
        return new Entry(tag, TYPE_SHORT, v.length, b.array());
    }

    private static Entry longs(int tag, long... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) b.putInt((int) x);
        return new Entry(tag, TYPE_LONG, v.length, b.array());
    }

    private static Entry doubles(int tag, double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        return new Entry(tag, TYPE_DOUBLE, v.length, b.array());
    }
}
