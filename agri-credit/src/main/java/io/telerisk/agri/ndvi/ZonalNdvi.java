package io.telerisk.agri.ndvi;

import io.telerisk.agri.field.UtmProjection;
import io.telerisk.agri.scene.GeoTiffBand;
import io.telerisk.agri.scene.PixelRuns;
import io.telerisk.agri.scene.RadiometricScaling;
import io.telerisk.agri.scene.RasterGrid;
import io.telerisk.agri.scene.SampleType;
import io.telerisk.agri.scene.SceneClassification;
import io.telerisk.agri.scene.SceneReadException;
import io.telerisk.agri.scene.SceneReadException.Reason;
import io.telerisk.agri.scene.Sentinel2Scene;
import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Zonal NDVI statistics of many fields in one Sentinel-2 scene.
 *
 * <p>How: each field's WGS 84 boundary is projected into the scene's UTM CRS (Apache SIS) and rasterized to
 * pixel-centre runs ({@link PixelRuns}); the runs are bucketed by the bands' tiles; worker threads then decode
 * only the tiles that hold a field pixel, and within a tile only the rows down to the last one needed, and
 * accumulate per-field NDVI values. Red and NIR must share one grid; SCL may be coarser (20 m): each 10 m pixel
 * takes the SCL class of the SCL pixel containing its centre (nearest neighbour). Memory is a few tiles per
 * thread plus one float per field pixel, whatever the scene size.
 *
 * <p>Pixel rule: valid when DN(red) and DN(NIR) are non-zero, the SCL class is not masked
 * ({@link SceneClassification#masked(int)}), neither reflectance is negative and their sum is positive. NDVI =
 * (rhoNir - rhoRed) / (rhoNir + rhoRed) with rho = (DN + BOA_ADD_OFFSET) / 10000, so it always lies in [-1, 1].
 * BOA_ADD_OFFSET is the one the red band's GDAL_METADATA states ({@link GeoTiffBand#metadata()}) when it states one,
 * else the scene's {@link Sentinel2Scene#scaling()}.
 *
 * <p>Offset sanity: a pixel with a negative reflectance is invalid and counted
 * ({@link SceneNdvi#negativeReflectancePixels()}; per field it counts as masked). When more than
 * {@value #MAX_NEGATIVE_SHARE_PERCENT} % of the clear field pixels are negative, the offset does not fit the product
 * (typically a product from before baseline 04.00, which has no offset, read with the 04.00 offset): the scene is
 * refused with {@link Reason#IMPLAUSIBLE_REFLECTANCE} and a message naming the option to pass.
 *
 * <p>A scene-level problem (corrupt band, wrong CRS, mismatched grids) throws {@link SceneReadException} and
 * yields nothing for any field; a field-level problem yields a {@link FieldNdvi.NoObservation} with its reason.
 */
public final class ZonalNdvi {
    // two rows of 20 m SCL tiles across a Sentinel-2 tile: workers walk B04/B08 tiles row by row
    private static final int SCL_CACHE_TILES = 24;
    private static final boolean TRACE = Boolean.getBoolean("agri.zonal.trace");
    /** Share of clear field pixels with a negative reflectance above which the scene is refused. */
    public static final int MAX_NEGATIVE_SHARE_PERCENT = 5;
    private final ZonalOptions options;

    public ZonalNdvi(ZonalOptions options) {
        this.options = options;
    }

    /**
     * Computes NDVI statistics for every field.
     *
     * @throws SceneReadException when the scene cannot be used at all
     */
    public SceneNdvi compute(Sentinel2Scene scene, List<FieldBoundary> fields) {
        try (GeoTiffBand red = GeoTiffBand.open(scene.red());
             GeoTiffBand nir = GeoTiffBand.open(scene.nir());
             GeoTiffBand scl = scene.scl() == null ? null : GeoTiffBand.open(scene.scl())) {
            long t0 = System.nanoTime();
            RasterGrid g = red.grid();
            checkBands(red, nir, scl);
            RadiometricScaling scaling = red.metadata().scaling().orElse(scene.scaling());
            int offset = scaling.boaAddOffset();
            int n = fields.size();
            FieldNdvi[] result = new FieldNdvi[n];
            PixelRuns[] runs = new PixelRuns[n];
            for (int f = 0; f < n; f++) {
                FieldBoundary fb = fields.get(f);
                try {
                    Geometry utm = UtmProjection.project(fb.wgs84(), g.epsg());
                    runs[f] = PixelRuns.of(utm, g);
                } catch (IllegalArgumentException e) {
                    result[f] = new FieldNdvi.NoObservation(fb.fieldId(), NoObservationReason.CANNOT_PROJECT, e.getMessage(), 0, 0);
                }
            }
            int tw = red.tileWidth(), th = red.tileHeight(), across = red.tilesAcross(), down = red.tilesDown();
            IntList[] perTile = new IntList[across * down];
            for (int f = 0; f < n; f++) {
                PixelRuns r = runs[f];
                if (r == null) continue;
                for (int i = 0; i < r.count(); i++) {
                    int row = r.rows()[i], ty = row / th;
                    int c = r.colStart()[i], end = r.colEnd()[i];
                    while (c < end) {
                        int tx = c / tw;
                        int stop = Math.min(end, (tx + 1) * tw);
                        int t = ty * across + tx;
                        if (perTile[t] == null) perTile[t] = new IntList();
                        perTile[t].add4(f, row, c, stop);
                        c = stop;
                    }
                }
            }
            int[] order = new int[perTile.length];
            int tiles = 0;
            for (int t = 0; t < perTile.length; t++) if (perTile[t] != null) order[tiles++] = t;
            int[] work = Arrays.copyOf(order, tiles);

            long t1 = System.nanoTime();
            SclLookup sclLookup = scl == null ? null : new SclLookup(scl, g);
            int threads = Math.max(1, Math.min(options.threads(), work.length));
            AtomicInteger next = new AtomicInteger();
            Accumulator[] acc = new Accumulator[n];
            for (int f = 0; f < n; f++) if (runs[f] != null) acc[f] = new Accumulator((int) runs[f].pixelCount());
            List<long[]> partials = new ArrayList<>();
            if (threads == 1) {
                partials.add(new Worker(red, nir, sclLookup, perTile, work, next, acc, offset).call());
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "zonal-ndvi");
                    t.setDaemon(true);
                    return t;
                });
                try {
                    List<Future<long[]>> futures = new ArrayList<>();
                    for (int i = 0; i < threads; i++) futures.add(pool.submit(new Worker(red, nir, sclLookup, perTile, work, next, acc, offset)));
                    for (Future<long[]> fu : futures) partials.add(fu.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SceneReadException(Reason.IO, "interrupted");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new SceneReadException(Reason.IO, "worker failed: " + e.getCause());
                } finally {
                    pool.shutdownNow();
                }
            }
            long t2 = System.nanoTime();
            long negative = 0, clear = 0;
            for (int f = 0; f < n; f++) {
                if (result[f] != null) continue;
                Accumulator total = acc[f];
                long fieldNegative = 0;
                for (long[] p : partials) {
                    total.noData += p[COUNTS * f];
                    total.cloudy += p[COUNTS * f + 1];
                    total.otherMasked += p[COUNTS * f + 2] + p[COUNTS * f + 3];
                    fieldNegative += p[COUNTS * f + 3];
                }
                negative += fieldNegative;
                clear += total.fill.get() + fieldNegative;
                result[f] = summarise(fields.get(f).fieldId(), runs[f], total);
            }
            checkOffset(scene, red, scaling, negative, clear);
            if (TRACE) {
                long rowsDecoded = 0;
                for (int t : work) {
                    int maxRow = 0;
                    IntList l = perTile[t];
                    for (int i = 1; i < l.size; i += 4) maxRow = Math.max(maxRow, l.a[i] - (t / across) * th);
                    rowsDecoded += maxRow + 1;
                }
                System.err.printf(java.util.Locale.ROOT, "zonal: open+project+rasterize %.3f s, decode+accumulate %.3f s (%d of %d tiles,"
                                + " %.0f %% of their rows), statistics %.3f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, work.length,
                        perTile.length, 100.0 * rowsDecoded / ((long) work.length * th), (System.nanoTime() - t2) / 1e9);
            }
            return new SceneNdvi(scene.sceneId(), scene.acquired(), Arrays.asList(result), negative);
        }
    }

    /** Refuses a scene whose pixels say the offset applied does not fit the product (see the class comment). */
    private static void checkOffset(Sentinel2Scene scene, GeoTiffBand red, RadiometricScaling scaling, long negative, long clear) {
        if (negative == 0 || negative * 100 <= clear * MAX_NEGATIVE_SHARE_PERCENT) return;
        String source = red.metadata().statesScaling() ? "as the product's metadata states (" + red.metadata().describe() + ")"
                : "as given for the scene (04.00 when no baseline is given)";
        throw new SceneReadException(Reason.IMPLAUSIBLE_REFLECTANCE, String.format(java.util.Locale.ROOT,
                "%d of %d clear field pixels (%.0f %%) have a negative reflectance with BOA_ADD_OFFSET %d %s: DNs below %d"
                        + " mean the product was made without that offset (processing baseline before 04.00). State the"
                        + " product's processing baseline: --processing-baseline 03.01 (agri CLI), \"processingBaseline\":\"03.01\""
                        + " (POST /api/v1/agri/scenes), or its MTD_MSIL2A.xml (--metadata, \"metadata\"); no NDVI was computed",
                negative, clear, 100.0 * negative / clear, scaling.boaAddOffset(), source, -scaling.boaAddOffset()));
    }

    private static void checkBands(GeoTiffBand red, GeoTiffBand nir, GeoTiffBand scl) {
        RasterGrid g = red.grid();
        if (!UtmProjection.isWgs84Utm(g.epsg())) {
            throw new SceneReadException(Reason.WRONG_CRS, red.path() + ": CRS EPSG:" + g.epsg()
                    + " is not WGS 84 / UTM (EPSG:326xx or 327xx) as Sentinel-2 tiles are");
        }
        if (!g.sameAs(nir.grid())) {
            throw new SceneReadException(Reason.GRID_MISMATCH, "B04 grid " + g + " differs from B08 grid " + nir.grid());
        }
        if (red.sampleType() != SampleType.UINT16 || nir.sampleType() != SampleType.UINT16) {
            throw new SceneReadException(Reason.UNSUPPORTED, "reflectance bands must be UInt16 (B04 " + red.sampleType()
                    + ", B08 " + nir.sampleType() + ")");
        }
        if (red.tileWidth() != nir.tileWidth() || red.tileHeight() != nir.tileHeight()) {
            throw new SceneReadException(Reason.GRID_MISMATCH, "B04 and B08 are tiled differently");
        }
        if (scl != null) {
            RasterGrid s = scl.grid();
            if (s.epsg() != g.epsg()) {
                throw new SceneReadException(Reason.WRONG_CRS, "SCL is in EPSG:" + s.epsg() + ", bands in EPSG:" + g.epsg());
            }
            double tol = s.pixelSizeXM() / 2;
            if (s.originX() > g.originX() + tol || s.originY() < g.originY() - tol || s.maxX() < g.maxX() - tol
                    || s.minY() > g.minY() + tol) {
                throw new SceneReadException(Reason.GRID_MISMATCH, "SCL extent does not cover the bands' extent");
            }
        }
    }

    private FieldNdvi summarise(String id, PixelRuns runs, Accumulator a) {
        a.size = a.fill.get();
        long inField = runs.pixelCount();
        if (runs.pixelsOutside() > 0) {
            return new FieldNdvi.NoObservation(id, NoObservationReason.NOT_COVERED, runs.pixelsOutside() + " of "
                    + (runs.pixelsOutside() + inField) + " field pixels lie outside the scene", inField, a.size);
        }
        if (inField == 0) {
            return new FieldNdvi.NoObservation(id, NoObservationReason.TOO_FEW_PIXELS,
                    "no pixel centre falls inside the field", 0, 0);
        }
        if (a.noData == inField) {
            return new FieldNdvi.NoObservation(id, NoObservationReason.NO_DATA, "all " + inField + " field pixels are no-data", inField, 0);
        }
        double clear = (double) a.size / inField;
        long masked = a.cloudy + a.otherMasked;
        if (clear < options.minCloudFreeFraction()) {
            NoObservationReason reason = a.noData > masked ? NoObservationReason.NO_DATA : NoObservationReason.TOO_CLOUDY;
            return new FieldNdvi.NoObservation(id, reason, String.format(java.util.Locale.ROOT,
                    "clear fraction %.3f below %.3f (%d cloud/shadow/cirrus, %d snow/defective/dark/negative-reflectance, %d no-data of %d pixels)",
                    clear, options.minCloudFreeFraction(), a.cloudy, a.otherMasked, a.noData, inField), inField, a.size);
        }
        if (a.size < options.minValidPixels()) {
            return new FieldNdvi.NoObservation(id, NoObservationReason.TOO_FEW_PIXELS, a.size + " valid pixels, at least "
                    + options.minValidPixels() + " needed", inField, a.size);
        }
        float[] v = a.values; // owned by this call: selection may reorder it
        int m = a.size;
        double sum = 0;
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            float x = v[i];
            sum += x;
            if (x < min) min = x;
            if (x > max) max = x;
        }
        double mean = sum / m;
        double ss = 0;
        for (int i = 0; i < m; i++) {
            double d = v[i] - mean;
            ss += d * d;
        }
        double median = Selection.median(v, m);
        return new FieldNdvi.Observed(id, inField, new NdviStats(m, mean, median, Math.sqrt(ss / m), min, max, clear));
    }

    /** Growable int list of (field, row, colStart, colEnd) quadruples. */
    private static final class IntList {
        int[] a = new int[16];
        int size;

        void add4(int x, int y, int z, int w) {
            if (size + 4 > a.length) a = Arrays.copyOf(a, a.length * 2);
            a[size++] = x;
            a[size++] = y;
            a[size++] = z;
            a[size++] = w;
        }
    }

    /**
     * One field's NDVI values, sized to its pixel count up front and filled by all workers: each appends a run's
     * values at an offset it reserves atomically, so nothing is merged or regrown. Counts are summed after the join.
     */
    private static final class Accumulator {
        final float[] values;
        final AtomicInteger fill = new AtomicInteger();
        int size;
        long noData, cloudy, otherMasked;

        Accumulator(int capacity) {
            values = new float[capacity];
        }

        void append(float[] buf, int n) {
            if (n == 0) return;
            int at = fill.getAndAdd(n);
            System.arraycopy(buf, 0, values, at, n);
        }
    }

    /** Maps 10 m band pixels to SCL pixels by the SCL pixel containing each band pixel centre. */
    private static final class SclLookup {
        final GeoTiffBand band;
        final int[] colOf;
        final int[] rowOf;

        SclLookup(GeoTiffBand band, RasterGrid g) {
            this.band = band;
            RasterGrid s = band.grid();
            colOf = new int[g.width()];
            rowOf = new int[g.height()];
            for (int c = 0; c < g.width(); c++) {
                colOf[c] = clamp((int) Math.floor((g.centreX(c) - s.originX()) / s.pixelSizeXM()), s.width());
            }
            for (int r = 0; r < g.height(); r++) {
                rowOf[r] = clamp((int) Math.floor((s.originY() - g.centreY(r)) / s.pixelSizeYM()), s.height());
            }
        }

        private static int clamp(int v, int size) {
            return Math.max(0, Math.min(size - 1, v));
        }
    }

    /** Per field: no-data, cloudy, other masked, negative reflectance. */
    private static final int COUNTS = 4;

    /** Decodes tiles and appends field values; returns its {@link #COUNTS} counts per field. */
    private static final class Worker implements java.util.concurrent.Callable<long[]> {
        private final GeoTiffBand red, nir;
        private final SclLookup scl;
        private final IntList[] perTile;
        private final int[] work;
        private final AtomicInteger next;
        private final Accumulator[] acc;
        private final int offset;

        Worker(GeoTiffBand red, GeoTiffBand nir, SclLookup scl, IntList[] perTile, int[] work, AtomicInteger next,
               Accumulator[] acc, int offset) {
            this.red = red;
            this.nir = nir;
            this.scl = scl;
            this.perTile = perTile;
            this.work = work;
            this.next = next;
            this.acc = acc;
            this.offset = offset;
        }

        @Override
        public long[] call() {
            long[] counts = new long[COUNTS * acc.length];
            int tw = red.tileWidth(), th = red.tileHeight(), across = red.tilesAcross();
            short[] rb = new short[tw * th], nb = new short[tw * th];
            float[] buf = new float[tw];
            int stw = scl == null ? 0 : scl.band.tileWidth(), sth = scl == null ? 0 : scl.band.tileHeight();
            int sAcross = scl == null ? 0 : scl.band.tilesAcross();
            short[] sb = scl == null ? null : new short[stw * sth];
            byte[][] spare = new byte[1][]; // an evicted SCL tile's array, reused for the next one
            Map<Integer, byte[]> sclCache = new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> e) {
                    if (size() <= SCL_CACHE_TILES) return false;
                    spare[0] = e.getValue();
                    return true;
                }
            };
            try (GeoTiffBand.TileDecoder rd = red.decoder(); GeoTiffBand.TileDecoder nd = nir.decoder();
                 GeoTiffBand.TileDecoder sd = scl == null ? null : scl.band.decoder()) {
                int k;
                while ((k = next.getAndIncrement()) < work.length) {
                    int t = work[k];
                    int tx = t % across, ty = t / across;
                    IntList list = perTile[t];
                    int maxRow = 0;
                    for (int i = 1; i < list.size; i += 4) maxRow = Math.max(maxRow, list.a[i] - ty * th);
                    rd.decode(tx, ty, maxRow + 1, rb);
                    nd.decode(tx, ty, maxRow + 1, nb);
                    for (int i = 0; i < list.size; i += 4) {
                        int f = list.a[i], row = list.a[i + 1], c0 = list.a[i + 2], c1 = list.a[i + 3];
                        int m = 0;
                        int base = (row - ty * th) * tw - tx * tw;
                        byte[] sTile = null;
                        int sKey = -1, sBase = 0, sColBase = 0;
                        int sRow = scl == null ? 0 : scl.rowOf[row];
                        for (int c = c0; c < c1; c++) {
                            int r = rb[base + c] & 0xFFFF, nr = nb[base + c] & 0xFFFF;
                            int cls = SceneClassification.VEGETATION;
                            if (scl != null) {
                                int sc = scl.colOf[c];
                                int stx = sc / stw;
                                int key = (sRow / sth) * sAcross + stx;
                                if (key != sKey) {
                                    sKey = key;
                                    sTile = sclCache.get(key);
                                    if (sTile == null) { // SCL classes fit a byte: cache compactly
                                        sd.decode(stx, sRow / sth, sth, sb);
                                        sTile = spare[0] != null ? spare[0] : new byte[stw * sth];
                                        spare[0] = null;
                                        for (int j = 0; j < sTile.length; j++) sTile[j] = (byte) sb[j];
                                        sclCache.put(key, sTile);
                                    }
                                    sBase = (sRow % sth) * stw;
                                    sColBase = stx * stw;
                                }
                                cls = sTile[sBase + sc - sColBase] & 0xFF;
                            }
                            if (r == 0 || nr == 0 || cls == SceneClassification.NO_DATA) {
                                counts[COUNTS * f]++;
                                continue;
                            }
                            if (SceneClassification.masked(cls)) {
                                counts[COUNTS * f + (SceneClassification.cloudy(cls) ? 1 : 2)]++;
                                continue;
                            }
                            int rr = r + offset, rn = nr + offset; // reflectance x quantification
                            if (rr < 0 || rn < 0) { // NDVI would leave [-1, 1]: counted, never reported
                                counts[COUNTS * f + 3]++;
                                continue;
                            }
                            if (rr + rn == 0) { // both reflectances zero: NDVI undefined
                                counts[COUNTS * f + 2]++;
                                continue;
                            }
                            buf[m++] = (float) ((double) (rn - rr) / (rr + rn));
                        }
                        acc[f].append(buf, m);
                    }
                }
            }
            return counts;
        }
    }
}
