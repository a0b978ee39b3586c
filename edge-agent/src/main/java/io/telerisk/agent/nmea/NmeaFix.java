package io.telerisk.agent.nmea;

import io.telerisk.model.GnssFix;
import io.telerisk.model.VehicleSample;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One GNSS epoch, fused from the RMC, GGA and VTG sentences that carry the same UTC time.
 *
 * @param time         epoch time, UTC
 * @param latitudeDeg  degrees north (WGS84)
 * @param longitudeDeg degrees east (WGS84)
 * @param speedMps     speed over ground, m/s, or {@code null}
 * @param courseDeg    course over ground, degrees true, or {@code null}
 * @param fixQuality   GGA fix quality (1 GPS, 2 DGPS, ...), or {@code null} without a GGA
 * @param satellites   satellites used, or {@code null}
 * @param hdop         horizontal dilution of precision, or {@code null}
 * @param altitudeM    altitude above mean sea level, m, or {@code null}
 * @param talker       talker of the sentence that gave the position (GP, GN, ...)
 */
public record NmeaFix(Instant time, double latitudeDeg, double longitudeDeg, Double speedMps, Double courseDeg,
                      Integer fixQuality, Integer satellites, Double hdop, Double altitudeM, String talker) {
    public NmeaFix {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(talker, "talker");
    }

    /** The fix as a vehicle sample (no acceleration, odometer or ignition). */
    public VehicleSample toVehicleSample() {
        return new VehicleSample(time, new GnssFix(latitudeDeg, longitudeDeg, altitudeM, hdop, satellites),
                speedMps, courseDeg, null, null, null);
    }

    /** One JSON object on one line, absent values as {@code null}; field names carry units. */
    public String toJson() {
        return "{\"time\":\"" + time + "\",\"lat\":" + num(latitudeDeg, 7) + ",\"lon\":" + num(longitudeDeg, 7)
                + ",\"speedMps\":" + num(speedMps, 3) + ",\"courseDeg\":" + num(courseDeg, 2)
                + ",\"fixQuality\":" + fixQuality + ",\"satellites\":" + satellites + ",\"hdop\":" + num(hdop, 2)
                + ",\"altitudeM\":" + num(altitudeM, 2) + ",\"talker\":\"" + talker + "\"}";
    }

    private static String num(Double v, int decimals) {
        if (v == null) return "null";
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        // trim trailing zeros so 12.500 prints as 12.5 and 3.000 as 3
        if (s.indexOf('.') >= 0) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
