package io.telerisk.agri.scene;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

import java.util.Arrays;

/**
 * The pixels of a raster whose <em>centre</em> lies inside a polygon, as horizontal runs
 * {@code [colStart, colEnd)} per row. The polygon must already be in the raster's CRS.
 *
 * <p>Rule: a pixel belongs to the field when its centre is inside the polygon by the even-odd (crossing-number)
 * test, holes excluded, the same test as the classic PNPOLY algorithm; centres exactly on an edge follow the
 * half-open convention of that algorithm. Computed by scan lines through the pixel-centre row, so the cost is
 * proportional to rows x edges, not to pixels. {@link #pixelsOutside()} counts centres inside the polygon but
 * outside the raster (estimated from the area when the polygon misses the raster entirely).
 *
 * @param rows          row of each run
 * @param colStart      first column of each run
 * @param colEnd        column after the last of each run
 * @param count         number of runs
 * @param pixelsOutside pixels of the polygon that fall outside the raster
 */
public record PixelRuns(int[] rows, int[] colStart, int[] colEnd, int count, long pixelsOutside) {

    /** Pixels inside the polygon and inside the raster. */
    public long pixelCount() {
        long n = 0;
        for (int i = 0; i < count; i++) n += colEnd[i] - colStart[i];
        return n;
    }

    /**
     * Rasterizes a Polygon or MultiPolygon given in the grid's CRS. The even-odd test runs over every ring of every
     * part at once: parts of a valid MultiPolygon do not overlap, so a centre is inside exactly when it is inside
     * one part and outside that part's holes; parts that touch along an edge (a field split at the antimeridian)
     * fill without a seam.
     */
    public static PixelRuns of(Geometry polygon, RasterGrid grid) {
        int edges = 0;
        for (int p = 0; p < polygon.getNumGeometries(); p++) {
            Polygon part = (Polygon) polygon.getGeometryN(p);
            edges += part.getExteriorRing().getNumPoints() - 1;
            for (int i = 0; i < part.getNumInteriorRing(); i++) edges += part.getInteriorRingN(i).getNumPoints() - 1;
        }
        double[] x1 = new double[edges], y1 = new double[edges], x2 = new double[edges], y2 = new double[edges];
        int e = 0;
        for (int p = 0; p < polygon.getNumGeometries(); p++) {
            Polygon part = (Polygon) polygon.getGeometryN(p);
            e = addRing(part.getExteriorRing(), x1, y1, x2, y2, e);
            for (int i = 0; i < part.getNumInteriorRing(); i++) e = addRing(part.getInteriorRingN(i), x1, y1, x2, y2, e);
        }

        var env = polygon.getEnvelopeInternal();
        if (env.getMaxX() < grid.originX() || env.getMinX() > grid.maxX() || env.getMaxY() < grid.minY() || env.getMinY() > grid.originY()) {
            // wholly outside (possibly far away, e.g. a field projected into the wrong zone): do not scan its rows
            long approx = Math.max(1, Math.round(polygon.getArea() / (grid.pixelSizeXM() * grid.pixelSizeYM())));
            return new PixelRuns(new int[0], new int[0], new int[0], 0, approx);
        }
        double ox = grid.originX(), oy = grid.originY(), sx = grid.pixelSizeXM(), sy = grid.pixelSizeYM();
        long rFirst = (long) Math.ceil((oy - env.getMaxY()) / sy - 0.5);
        long rLast = (long) Math.floor((oy - env.getMinY()) / sy - 0.5);
        int cap = (int) Math.max(4, Math.min(1 << 20, 2 * (rLast - rFirst + 1)));
        int[] rows = new int[cap], cs = new int[cap], ce = new int[cap];
        int n = 0;
        long outside = 0;
        double[] xs = new double[Math.max(2, edges)];
        for (long r = rFirst; r <= rLast; r++) {
            double y = oy - (r + 0.5) * sy;
            int k = 0;
            for (int j = 0; j < edges; j++) {
                if ((y1[j] > y) != (y2[j] > y)) xs[k++] = x1[j] + (y - y1[j]) * (x2[j] - x1[j]) / (y2[j] - y1[j]);
            }
            if (k < 2) continue;
            Arrays.sort(xs, 0, k);
            for (int p = 0; p + 1 < k; p += 2) {
                long c0 = (long) Math.ceil((xs[p] - ox) / sx - 0.5);
                long c1 = (long) Math.ceil((xs[p + 1] - ox) / sx - 0.5);
                if (c1 <= c0) continue;
                if (r < 0 || r >= grid.height()) {
                    outside += c1 - c0;
                    continue;
                }
                long a = Math.max(0, c0), b = Math.min(grid.width(), c1);
                outside += (c1 - c0) - Math.max(0, b - a);
                if (b <= a) continue;
                if (n == rows.length) {
                    rows = Arrays.copyOf(rows, n * 2);
                    cs = Arrays.copyOf(cs, n * 2);
                    ce = Arrays.copyOf(ce, n * 2);
                }
                rows[n] = (int) r;
                cs[n] = (int) a;
                ce[n] = (int) b;
                n++;
            }
        }
        return new PixelRuns(rows, cs, ce, n, outside);
    }

    private static int addRing(LineString ring, double[] x1, double[] y1, double[] x2, double[] y2, int e) {
        Coordinate[] c = ring.getCoordinates();
        for (int i = 0; i + 1 < c.length; i++) {
            x1[e] = c[i].x;
            y1[e] = c[i].y;
            x2[e] = c[i + 1].x;
            y2[e] = c[i + 1].y;
            e++;
        }
        return e;
    }
}
