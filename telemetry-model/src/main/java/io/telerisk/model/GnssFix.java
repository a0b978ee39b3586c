package io.telerisk.model;

/**
 * A GNSS position in WGS84.
 *
 * @param latitudeDeg  degrees north, -90..90
 * @param longitudeDeg degrees east, -180..180
 * @param altitudeM    metres above mean sea level, or {@code null}
 * @param hdop         horizontal dilution of precision, or {@code null}
 * @param satellites   satellites used in the fix, or {@code null}
 */
public record GnssFix(double latitudeDeg, double longitudeDeg, Double altitudeM, Double hdop, Integer satellites) {
    /** A fix with position only. */
    public static GnssFix of(double latitudeDeg, double longitudeDeg) {
        return new GnssFix(latitudeDeg, longitudeDeg, null, null, null);
    }
}
