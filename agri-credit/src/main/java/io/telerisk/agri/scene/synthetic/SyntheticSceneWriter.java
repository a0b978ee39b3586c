package io.telerisk.agri.scene.synthetic;

import io.telerisk.agri.field.FieldGeometry;
import io.telerisk.agri.field.UtmProjection;
import io.telerisk.agri.scene.GeoTiffWriter;
import io.telerisk.agri.scene.PixelRuns;
import io.telerisk.agri.scene.RasterGrid;
import io.telerisk.agri.scene.SampleType;
import io.telerisk.agri.scene.SceneClassification;
import io.telerisk.agri.scene.Sentinel2Scene;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a synthetic Sentinel-2 L2A scene (B04, B08, SCL GeoTIFFs) with real conventions: 10 m UInt16 bands in a
 * WGS 84 / UTM CRS, DN = reflectance x 10000 - BOA_ADD_OFFSET, DN 0 as no-data, an UInt8 SCL at 10 or 20 m. Each
 * field's pixels (centre inside, as {@link PixelRuns}) get the field's NDVI plus Gaussian noise; clouds set SCL and
 * bright, flat reflectance. Noise is a hash of (seed, row, col), so every band agrees pixel by pixel and a spec
 * always writes the same bytes. Used by tests, the benchmark and devices-sim.
 */
public final class SyntheticSceneWriter {
    private SyntheticSceneWriter() {
    }

    /** Writes {@code <sceneId>_B04.tif}, {@code _B08.tif}, {@code _SCL.tif} into {@code dir} with default TIFF options. */
    public static Sentinel2Scene write(Path dir, String sceneId, Instant acquired, SyntheticSceneSpec spec) throws IOException {
        return write(dir, sceneId, acquired, spec, GeoTiffWriter.Options.defaults());
    }

    /** Writes the three bands with the given TIFF options. */
    public static Sentinel2Scene write(Path dir, String sceneId, Instant acquired, SyntheticSceneSpec spec,
                                       GeoTiffWriter.Options options) throws IOException {
        Files.createDirectories(dir);
        Painter p = new Painter(spec, options.tileSize());
        Path red = dir.resolve(sceneId + "_B04.tif"), nir = dir.resolve(sceneId + "_B08.tif"), scl = dir.resolve(sceneId + "_SCL.tif");
        GeoTiffWriter.write(red, spec.grid(), SampleType.UINT16, options, (c0, r0, w, h, ts, t) -> p.band(c0, r0, w, h, ts, t, false));
        GeoTiffWriter.write(nir, spec.grid(), SampleType.UINT16, options, (c0, r0, w, h, ts, t) -> p.band(c0, r0, w, h, ts, t, true));
        RasterGrid g = spec.grid();
        int k = spec.sclPixelSizeM() / 10;
        RasterGrid sclGrid = new RasterGrid(g.epsg(), (g.width() + k - 1) / k, (g.height() + k - 1) / k, g.originX(), g.originY(),
                spec.sclPixelSizeM(), spec.sclPixelSizeM());
        GeoTiffWriter.write(scl, sclGrid, SampleType.UINT8, options, (c0, r0, w, h, ts, t) -> p.scl(sclGrid, c0, r0, w, h, ts, t));
        return new Sentinel2Scene(sceneId, acquired, red, nir, scl, spec.scaling());
    }

    /**
     * A 10 m grid in the UTM zone of the first polygon's centroid that covers all polygons with a margin,
     * origin snapped to 60 m like Sentinel-2 tiles (so 20 m and 60 m bands align).
     */
    public static RasterGrid gridAround(List<? extends Geometry> wgs84, double marginM) {
        if (wgs84.isEmpty()) throw new IllegalArgumentException("no polygons");
        var c = FieldGeometry.centre(wgs84.get(0));
        return gridAround(wgs84, marginM, UtmProjection.zoneEpsg(c.x, c.y));
    }

    /** As {@link #gridAround(List, double)} in a given UTM zone (a scene of the neighbouring zone, say). */
    public static RasterGrid gridAround(List<? extends Geometry> wgs84, double marginM, int epsg) {
        Envelope env = new Envelope();
        for (Geometry p : wgs84) env.expandToInclude(UtmProjection.project(p, epsg).getEnvelopeInternal());
        double minX = Math.floor((env.getMinX() - marginM) / 60) * 60, maxY = Math.ceil((env.getMaxY() + marginM) / 60) * 60;
        double maxX = env.getMaxX() + marginM, minY = env.getMinY() - marginM;
        int w = (int) Math.ceil((maxX - minX) / 10), h = (int) Math.ceil((maxY - minY) / 10);
        return new RasterGrid(epsg, w, h, minX, maxY, 10, 10);
    }

    /** Paints tiles; shared by the three band writers. */
    private static final class Painter {
        private final SyntheticSceneSpec spec;
        private final int ts;
        private final int across;
        private final int[][] tileRuns; // per tile: (fieldIndex, row, c0, c1)*
        private final double[] fieldNdvi;

        Painter(SyntheticSceneSpec spec, int tileSize) {
            this.spec = spec;
            this.ts = tileSize;
            RasterGrid g = spec.grid();
            across = (g.width() + ts - 1) / ts;
            int down = (g.height() + ts - 1) / ts;
            int[][] lists = new int[across * down][];
            int[] sizes = new int[across * down];
            fieldNdvi = new double[spec.fields().size()];
            for (int f = 0; f < spec.fields().size(); f++) {
                SyntheticField sf = spec.fields().get(f);
                fieldNdvi[f] = sf.ndvi();
                PixelRuns runs = PixelRuns.of(UtmProjection.project(sf.wgs84(), g.epsg()), g);
                for (int i = 0; i < runs.count(); i++) {
                    int row = runs.rows()[i], c = runs.colStart()[i], end = runs.colEnd()[i];
                    while (c < end) {
                        int tx = c / ts, stop = Math.min(end, (tx + 1) * ts);
                        int t = (row / ts) * across + tx;
                        if (lists[t] == null) lists[t] = new int[16];
                        if (sizes[t] + 4 > lists[t].length) lists[t] = Arrays.copyOf(lists[t], lists[t].length * 2);
                        int[] l = lists[t];
                        l[sizes[t]++] = f;
                        l[sizes[t]++] = row;
                        l[sizes[t]++] = c;
                        l[sizes[t]++] = stop;
                        c = stop;
                    }
                }
            }
            for (int t = 0; t < lists.length; t++) if (lists[t] != null) lists[t] = Arrays.copyOf(lists[t], sizes[t]);
            tileRuns = lists;
        }

        /** SCL class at a 10 m pixel: evaluated at the centre of the SCL pixel containing it. */
        private int classAt10m(int row, int col, boolean inField) {
            int k = spec.sclPixelSizeM() / 10;
            return classAtScl(row / k, col / k, k, inField);
        }

        private int classAtScl(int sRow, int sCol, int k, boolean inField) {
            RasterGrid g = spec.grid();
            if (sCol * k >= spec.noDataFromColumn()) return SceneClassification.NO_DATA;
            double size = 10.0 * k;
            double x = g.originX() + (sCol + 0.5) * size, y = g.originY() - (sRow + 0.5) * size;
            int cls = -1;
            for (Cloud c : spec.clouds()) {
                double d = Math.hypot(x - c.centreX(), y - c.centreY());
                if (d < 0.7 * c.radiusM()) return SceneClassification.CLOUD_HIGH;
                if (d < c.radiusM()) cls = SceneClassification.CLOUD_MEDIUM;
                else if (d < 1.2 * c.radiusM() && cls != SceneClassification.CLOUD_MEDIUM) cls = SceneClassification.THIN_CIRRUS;
                else if (cls < 0 && Math.hypot(x - c.centreX() - c.shadowDxM(), y - c.centreY() - c.shadowDyM()) < c.radiusM()) {
                    cls = SceneClassification.CLOUD_SHADOW;
                }
            }
            if (cls >= 0) return cls;
            return inField ? SceneClassification.VEGETATION : SceneClassification.NOT_VEGETATED;
        }

        void band(int col0, int row0, int w, int h, int tileSize, short[] tile, boolean nir) {
            boolean cloudy = !spec.clouds().isEmpty();
            int t = (row0 / ts) * across + col0 / ts;
            double bg = spec.backgroundNdvi();
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    tile[r * tileSize + c] = dn(row0 + r, col0 + c, bg, nir, cloudy, false);
                }
            }
            int[] runs = tileRuns[t];
            if (runs == null) return;
            for (int i = 0; i < runs.length; i += 4) {
                double v = fieldNdvi[runs[i]];
                int row = runs[i + 1];
                for (int c = runs[i + 2]; c < runs[i + 3]; c++) {
                    tile[(row - row0) * tileSize + (c - col0)] = dn(row, c, v, nir, cloudy, true);
                }
            }
        }

        private short dn(int row, int col, double ndvi, boolean nir, boolean cloudy, boolean inField) {
            if (col >= spec.noDataFromColumn()) return 0;
            double rhoRed, rhoNir;
            int cls = cloudy ? classAt10m(row, col, inField) : SceneClassification.VEGETATION;
            if (cls == SceneClassification.CLOUD_HIGH || cls == SceneClassification.CLOUD_MEDIUM) {
                rhoRed = 0.45 + 0.02 * noise(row, col, 7);
                rhoNir = 0.47 + 0.02 * noise(row, col, 11);
            } else {
                double v = ndvi + spec.noiseStd() * noise(row, col, 1);
                v = Math.max(-0.95, Math.min(0.95, v));
                rhoRed = 0.03 + 0.06 * (1 - v);
                rhoNir = rhoRed * (1 + v) / (1 - v);
                if (cls == SceneClassification.CLOUD_SHADOW) {
                    rhoRed *= 0.4;
                    rhoNir *= 0.4;
                } else if (cls == SceneClassification.THIN_CIRRUS) {
                    rhoRed += 0.08;
                    rhoNir += 0.08;
                }
            }
            double rho = nir ? rhoNir : rhoRed;
            long d = Math.round(rho * spec.scaling().quantification() - spec.scaling().boaAddOffset());
            return (short) Math.max(1, Math.min(65535, d));
        }

        void scl(RasterGrid sclGrid, int col0, int row0, int w, int h, int tileSize, short[] tile) {
            int k = spec.sclPixelSizeM() / 10;
            RasterGrid g = spec.grid();
            // an SCL pixel is "in field" when the 10 m pixel at its top-left corner is
            boolean[] inField = new boolean[tileSize * tileSize];
            int r10a = row0 * k, r10b = Math.min(g.height(), (row0 + h) * k);
            int c10a = col0 * k, c10b = Math.min(g.width(), (col0 + w) * k);
            for (int ty = r10a / ts; ty <= (r10b - 1) / ts; ty++) {
                for (int tx = c10a / ts; tx <= (c10b - 1) / ts; tx++) {
                    int[] runs = tileRuns[ty * across + tx];
                    if (runs == null) continue;
                    for (int i = 0; i < runs.length; i += 4) {
                        int row = runs[i + 1];
                        if (row % k != 0 || row < r10a || row >= r10b) continue;
                        for (int c = runs[i + 2]; c < runs[i + 3]; c++) {
                            if (c % k == 0 && c >= c10a && c < c10b) inField[(row / k - row0) * tileSize + (c / k - col0)] = true;
                        }
                    }
                }
            }
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    tile[r * tileSize + c] = (short) classAtScl(row0 + r, col0 + c, k, inField[r * tileSize + c]);
                }
            }
        }

        /** A standard-normal-ish value from a hash of (seed, row, col, salt): sum of four uniforms, rescaled. */
        private double noise(int row, int col, int salt) {
            long h = mix(spec.seed() * 0x9E3779B97F4A7C15L + ((long) row << 32 | (col & 0xFFFFFFFFL)) + salt * 0xBF58476D1CE4E5B9L);
            double s = (h & 0xFFFF) + ((h >>> 16) & 0xFFFF) + ((h >>> 32) & 0xFFFF) + ((h >>> 48) & 0xFFFF);
            return (s / 65536.0 - 2.0) * Math.sqrt(3.0); // Irwin-Hall n=4: mean 2, variance 1/3
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
