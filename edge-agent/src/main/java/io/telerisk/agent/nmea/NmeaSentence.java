package io.telerisk.agent.nmea;

import java.time.LocalDate;
import java.time.LocalTime;

/** A parsed NMEA 0183 sentence of one of the types the agent reads. */
public sealed interface NmeaSentence permits NmeaSentence.Rmc, NmeaSentence.Gga, NmeaSentence.Vtg, NmeaSentence.Zda {

    /** The two-letter talker, e.g. {@code GP} (GPS), {@code GN} (multi-constellation), {@code GL}, {@code GA}, {@code GB}. */
    String talker();

    /**
     * Recommended minimum data (only valid, status A, sentences are returned as parsed).
     *
     * @param utcTime     time of the fix, UTC
     * @param date        date of the fix, UTC
     * @param latitudeDeg degrees north
     * @param longitudeDeg degrees east
     * @param speedKnots  speed over ground, knots, or {@code null}
     * @param courseDeg   course over ground, degrees true, or {@code null}
     */
    record Rmc(String talker, LocalTime utcTime, LocalDate date, double latitudeDeg, double longitudeDeg,
               Double speedKnots, Double courseDeg) implements NmeaSentence {
    }

    /**
     * Fix data (only quality above 0 is returned as parsed).
     *
     * @param utcTime     time of the fix, UTC
     * @param latitudeDeg degrees north
     * @param longitudeDeg degrees east
     * @param fixQuality  1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float, 6 dead reckoning, ...
     * @param satellites  satellites used, or {@code null}
     * @param hdop        horizontal dilution of precision, or {@code null}
     * @param altitudeM   altitude above mean sea level, metres, or {@code null}
     */
    record Gga(String talker, LocalTime utcTime, double latitudeDeg, double longitudeDeg, int fixQuality,
               Integer satellites, Double hdop, Double altitudeM) implements NmeaSentence {
    }

    /**
     * Course and speed over ground. Carries no time: it belongs to the epoch of the RMC/GGA around it.
     *
     * @param courseTrueDeg course, degrees true, or {@code null}
     * @param speedKmh      speed, km/h, or {@code null}
     */
    record Vtg(String talker, Double courseTrueDeg, Double speedKmh) implements NmeaSentence {
    }

    /**
     * Time and date, with a four-digit year. Receivers that send GGA without RMC (Hemisphere, for one) date their
     * epochs this way.
     *
     * @param utcTime time, UTC
     * @param date    date, UTC
     */
    record Zda(String talker, LocalTime utcTime, LocalDate date) implements NmeaSentence {
    }
}
