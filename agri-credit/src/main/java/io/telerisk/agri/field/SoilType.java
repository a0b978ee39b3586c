package io.telerisk.agri.field;

/**
 * Soil texture classes with their permanent wilting point, volumetric water content (m³/m³): the midpoints of the
 * ranges in FAO Irrigation and Drainage Paper 56, Table 19. Below the wilting point plants cannot extract water.
 */
public enum SoilType {
    SAND(0.045), LOAMY_SAND(0.065), SANDY_LOAM(0.11), LOAM(0.12), SILT_LOAM(0.15), SILT(0.17),
    SILTY_CLAY_LOAM(0.22), SILTY_CLAY(0.24), CLAY(0.25);

    private final double wiltingPointVwc;

    SoilType(double wiltingPointVwc) {
        this.wiltingPointVwc = wiltingPointVwc;
    }

    /** Permanent wilting point, m³/m³. */
    public double wiltingPointVwc() {
        return wiltingPointVwc;
    }
}
