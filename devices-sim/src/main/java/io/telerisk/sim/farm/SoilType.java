package io.telerisk.sim.farm;

/**
 * Soil hydraulic properties as volumetric water content (m³/m³).
 */
public enum SoilType {
    SAND(0.05, 0.15),
    SANDY_LOAM(0.08, 0.22),
    LOAM(0.12, 0.30),
    SILT_LOAM(0.10, 0.33),
    CLAY(0.25, 0.40);

    private final double wiltingPointVwc;
    private final double fieldCapacityVwc;

    SoilType(double wp, double fc) {
        this.wiltingPointVwc = wp;
        this.fieldCapacityVwc = fc;
    }

    /** Water content below which plants cannot extract water, m³/m³. */
    public double wiltingPointVwc() {
        return wiltingPointVwc;
    }

    /** Water content the soil holds after free drainage, m³/m³. */
    public double fieldCapacityVwc() {
        return fieldCapacityVwc;
    }
}
