package io.telerisk.agri.scene;

/**
 * Sentinel-2 L2A Scene Classification (SCL) classes and which of them hide the surface. Masked: 0 no-data,
 * 1 saturated or defective, 3 cloud shadow, 8 cloud medium probability, 9 cloud high probability, 10 thin cirrus,
 * 11 snow or ice. Usable: 2 dark area, 4 vegetation, 5 not vegetated, 6 water, 7 unclassified.
 */
public final class SceneClassification {
    public static final int NO_DATA = 0, SATURATED_OR_DEFECTIVE = 1, DARK_AREA = 2, CLOUD_SHADOW = 3, VEGETATION = 4,
            NOT_VEGETATED = 5, WATER = 6, UNCLASSIFIED = 7, CLOUD_MEDIUM = 8, CLOUD_HIGH = 9, THIN_CIRRUS = 10, SNOW = 11;

    private static final boolean[] MASKED = new boolean[256];
    private static final boolean[] CLOUDY = new boolean[256];

    static {
        for (int c : new int[]{NO_DATA, SATURATED_OR_DEFECTIVE, CLOUD_SHADOW, CLOUD_MEDIUM, CLOUD_HIGH, THIN_CIRRUS, SNOW}) MASKED[c] = true;
        for (int c : new int[]{CLOUD_SHADOW, CLOUD_MEDIUM, CLOUD_HIGH, THIN_CIRRUS}) CLOUDY[c] = true;
        for (int c = 12; c < 256; c++) MASKED[c] = true; // not an SCL class: treat as unusable
    }

    private SceneClassification() {
    }

    /** True when a pixel of this class must not be used for NDVI. */
    public static boolean masked(int scl) {
        return MASKED[scl & 0xFF];
    }

    /** True for cloud, cloud shadow and cirrus. */
    public static boolean cloudy(int scl) {
        return CLOUDY[scl & 0xFF];
    }
}
