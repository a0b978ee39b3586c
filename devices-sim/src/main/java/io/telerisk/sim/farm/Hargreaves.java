package io.telerisk.sim.farm;

/**
 * Reference evapotranspiration by the Hargreaves–Samani equation (FAO-56 eq. 52), with extraterrestrial radiation
 * from latitude and day of year (FAO-56 eq. 21).
 */
public final class Hargreaves {
    private Hargreaves() {
    }

    /** Extraterrestrial radiation Ra, MJ m⁻² day⁻¹. */
    public static double extraterrestrialRadiationMjM2(double latitudeDeg, int dayOfYear) {
        double phi = Math.toRadians(latitudeDeg);
        double dr = 1 + 0.033 * Math.cos(2 * Math.PI * dayOfYear / 365);
        double delta = 0.409 * Math.sin(2 * Math.PI * dayOfYear / 365 - 1.39);
        double x = Math.max(-1, Math.min(1, -Math.tan(phi) * Math.tan(delta)));
        double ws = Math.acos(x);
        double gsc = 0.0820;
        return 24 * 60 / Math.PI * gsc * dr
                * (ws * Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * Math.sin(ws));
    }

    /** Reference evapotranspiration ET0, mm/day; zero when the temperature range is not positive. */
    public static double et0MmPerDay(double latitudeDeg, int dayOfYear, double tMinC, double tMaxC) {
        double range = tMaxC - tMinC;
        if (range <= 0) return 0;
        double ra = extraterrestrialRadiationMjM2(latitudeDeg, dayOfYear);
        double tMean = (tMinC + tMaxC) / 2;
        return Math.max(0, 0.0023 * (tMean + 17.8) * Math.sqrt(range) * 0.408 * ra);
    }
}
