package io.telerisk.agri.scene.synthetic;

import io.telerisk.agri.scene.RadiometricScaling;
import io.telerisk.agri.scene.RasterGrid;

import java.util.List;
import java.util.Objects;

/**
 * What to paint.
 *
 * @param grid             10 m band grid (UTM)
 * @param sclPixelSizeM    10 or 20 (Sentinel-2 delivers SCL at 20 m)
 * @param fields           fields and their NDVI
 * @param clouds           clouds (may be empty)
 * @param backgroundNdvi   NDVI outside fields (bare soil and grass, about 0.2)
 * @param noiseStd         per-pixel Gaussian NDVI noise
 * @param noDataFromColumn columns from this one on are no-data (DN 0, SCL 0), like a swath edge; grid width for none
 * @param seed             noise seed; the same spec writes the same bytes
 * @param scaling          radiometric convention used to turn reflectance into DN
 */
public record SyntheticSceneSpec(RasterGrid grid, int sclPixelSizeM, List<SyntheticField> fields, List<Cloud> clouds,
                                 double backgroundNdvi, double noiseStd, int noDataFromColumn, long seed,
                                 RadiometricScaling scaling) {
    public SyntheticSceneSpec {
        Objects.requireNonNull(grid, "grid");
        if (sclPixelSizeM != 10 && sclPixelSizeM != 20) throw new IllegalArgumentException("SCL pixel size must be 10 or 20 m");
        if (grid.pixelSizeXM() != 10 || grid.pixelSizeYM() != 10) throw new IllegalArgumentException("bands must be 10 m");
        fields = List.copyOf(fields);
        clouds = List.copyOf(clouds);
        Objects.requireNonNull(scaling, "scaling");
        if (noiseStd < 0) throw new IllegalArgumentException("noiseStd >= 0");
    }

    /** Clear sky, 20 m SCL, background 0.2, noise 0.03, baseline 04.00 offset. */
    public static SyntheticSceneSpec clear(RasterGrid grid, List<SyntheticField> fields, long seed) {
        return new SyntheticSceneSpec(grid, 20, fields, List.of(), 0.2, 0.03, grid.width(), seed, RadiometricScaling.BASELINE_04);
    }

    public SyntheticSceneSpec withClouds(List<Cloud> c) {
        return new SyntheticSceneSpec(grid, sclPixelSizeM, fields, c, backgroundNdvi, noiseStd, noDataFromColumn, seed, scaling);
    }

    public SyntheticSceneSpec withNoDataFromColumn(int column) {
        return new SyntheticSceneSpec(grid, sclPixelSizeM, fields, clouds, backgroundNdvi, noiseStd, column, seed, scaling);
    }

    public SyntheticSceneSpec withSclPixelSize(int metres) {
        return new SyntheticSceneSpec(grid, metres, fields, clouds, backgroundNdvi, noiseStd, noDataFromColumn, seed, scaling);
    }
}
