package io.telerisk.agri.scene;

/**
 * Where a north-up raster sits on the ground: size in pixels, CRS and the affine georeferencing of its
 * top-left corner (pixel-is-area convention, as Sentinel-2 and GDAL use).
 *
 * @param epsg         EPSG code of the projected CRS, e.g. 32633 for WGS 84 / UTM zone 33N
 * @param width        columns
 * @param height       rows
 * @param originX      easting of the top-left corner of pixel (0,0), metres
 * @param originY      northing of the top-left corner of pixel (0,0), metres
 * @param pixelSizeXM  pixel width, metres (positive)
 * @param pixelSizeYM  pixel height, metres (positive; rows go south)
 */
public record RasterGrid(int epsg, int width, int height, double originX, double originY,
                         double pixelSizeXM, double pixelSizeYM) {
    public RasterGrid {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("raster size must be positive: " + width + "x" + height);
        if (!(pixelSizeXM > 0) || !(pixelSizeYM > 0)) throw new IllegalArgumentException("pixel size must be positive");
    }

    /** Easting of the centre of column {@code col}. */
    public double centreX(int col) {
        return originX + (col + 0.5) * pixelSizeXM;
    }

    /** Northing of the centre of row {@code row}. */
    public double centreY(int row) {
        return originY - (row + 0.5) * pixelSizeYM;
    }

    /** Easting of the right edge. */
    public double maxX() {
        return originX + width * pixelSizeXM;
    }

    /** Northing of the bottom edge. */
    public double minY() {
        return originY - height * pixelSizeYM;
    }

    /** True when both grids have the same CRS, size and georeferencing (to a millimetre). */
    public boolean sameAs(RasterGrid o) {
        return epsg == o.epsg && width == o.width && height == o.height && Math.abs(originX - o.originX) < 1e-3
                && Math.abs(originY - o.originY) < 1e-3 && Math.abs(pixelSizeXM - o.pixelSizeXM) < 1e-6
                && Math.abs(pixelSizeYM - o.pixelSizeYM) < 1e-6;
    }
}
