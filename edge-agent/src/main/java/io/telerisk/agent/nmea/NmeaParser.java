package io.telerisk.agent.nmea;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses NMEA 0183 sentences {@code RMC}, {@code GGA}, {@code VTG} and {@code ZDA} from the talkers GP, GN, GL, GA, GB and BD.
 * The checksum is mandatory and verified. Never throws on bad input: every problem becomes a
 * {@link NmeaResult.Rejected} with a reason. Stateless and thread-safe.
 */
public final class NmeaParser {
    /** NMEA allows 82 characters; receivers in the wild exceed it a little, hostile input a lot. */
    public static final int MAX_LINE_CHARS = 200;
    private static final Set<String> TALKERS = Set.of("GP", "GN", "GL", "GA", "GB", "BD");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern SMALL_INT = Pattern.compile("\\d{1,3}");

    /** Parses one line (with or without trailing CR/LF). */
    public NmeaResult parse(String line) {
        if (line == null) return reject(NmeaRejectReason.TRUNCATED, "empty line");
        String s = line.strip();
        if (s.isEmpty()) return reject(NmeaRejectReason.TRUNCATED, "empty line");
        if (s.length() > MAX_LINE_CHARS) return reject(NmeaRejectReason.INVALID_FIELD, "line longer than " + MAX_LINE_CHARS + " characters");
        if (s.charAt(0) != '$') return reject(NmeaRejectReason.INVALID_FIELD, "does not start with '$'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) return reject(NmeaRejectReason.INVALID_FIELD, "non-printable character at column " + (i + 1));
        }
        int star = s.lastIndexOf('*');
        if (star < 0) return reject(NmeaRejectReason.TRUNCATED, "no checksum ('*hh' missing)");
        String given = s.substring(star + 1);
        if (given.length() < 2) return reject(NmeaRejectReason.TRUNCATED, "checksum cut short: '*" + given + "'");
        if (given.length() > 2 || !isHex(given.charAt(0)) || !isHex(given.charAt(1))) {
            return reject(NmeaRejectReason.BAD_CHECKSUM, "checksum '" + given + "' is not two hex digits");
        }
        int computed = 0;
        for (int i = 1; i < star; i++) computed ^= s.charAt(i);
        int expected = Integer.parseInt(given, 16);
        if (computed != expected) {
            return reject(NmeaRejectReason.BAD_CHECKSUM, String.format("checksum %02X, computed %02X", expected, computed));
        }
        String[] f = s.substring(1, star).split(",", -1);
        String address = f[0];
        if (address.length() != 5) return reject(NmeaRejectReason.UNKNOWN_SENTENCE, "address '" + address + "' is not talker+type");
        String talker = address.substring(0, 2);
        String type = address.substring(2);
        if (!TALKERS.contains(talker)) return reject(NmeaRejectReason.UNKNOWN_SENTENCE, "talker " + talker + " (" + address + ") not read");
        try {
            return switch (type) {
                case "RMC" -> rmc(talker, f);
                case "GGA" -> gga(talker, f);
                case "VTG" -> vtg(talker, f);
                case "ZDA" -> zda(talker, f);
                default -> reject(NmeaRejectReason.UNKNOWN_SENTENCE, "sentence " + address + " not read");
            };
        } catch (FieldException e) {
            return reject(NmeaRejectReason.INVALID_FIELD, address + ": " + e.getMessage());
        }
    }

    // $GPRMC,hhmmss.ss,A,llll.ll,a,yyyyy.yy,a,x.x,x.x,ddmmyy,x.x,a[,m[,s]]*hh
    private NmeaResult rmc(String talker, String[] f) {
        if (f.length < 10) return reject(NmeaRejectReason.TRUNCATED, talker + "RMC has " + (f.length - 1) + " fields, needs at least 9");
        String status = f[2];
        if ("V".equals(status)) return reject(NmeaRejectReason.NO_FIX, talker + "RMC status V (void)");
        if (!"A".equals(status)) throw new FieldException("status '" + status + "' (expected A or V)");
        if (f.length >= 13 && "N".equals(f[12])) return reject(NmeaRejectReason.NO_FIX, talker + "RMC mode N (not valid)");
        LocalTime time = time(f[1]);
        double lat = latitude(f[3], f[4]);
        double lon = longitude(f[5], f[6]);
        Double speedKnots = optionalNonNegative("speed", f[7]);
        Double course = optionalCourse(f[8]);
        LocalDate date = date(f[9]);
        return new NmeaResult.Parsed(new NmeaSentence.Rmc(talker, time, date, lat, lon, speedKnots, course));
    }

    // $GPGGA,hhmmss.ss,llll.ll,a,yyyyy.yy,a,q,nn,h.h,a.a,M,g.g,M,age,ref*hh
    private NmeaResult gga(String talker, String[] f) {
        if (f.length < 10) return reject(NmeaRejectReason.TRUNCATED, talker + "GGA has " + (f.length - 1) + " fields, needs at least 9");
        if (f[6].isEmpty()) throw new FieldException("fix quality is empty");
        int quality = integer("fix quality", f[6]);
        if (quality == 0) return reject(NmeaRejectReason.NO_FIX, talker + "GGA fix quality 0 (invalid)");
        if (quality < 0 || quality > 8) throw new FieldException("fix quality " + quality + " (expected 0..8)");
        LocalTime time = time(f[1]);
        double lat = latitude(f[2], f[3]);
        double lon = longitude(f[4], f[5]);
        Integer sats = f[7].isEmpty() ? null : integer("satellites", f[7]);
        if (sats != null && (sats < 0 || sats > 99)) throw new FieldException("satellites " + sats);
        // As gpsd does: a satellite fix (quality 1..5) from fewer than 3 satellites is no fix (Hemisphere receivers
        // send quality 1 with 00 satellites while they start). Dead reckoning (6), manual (7) and simulated (8) need none.
        if (sats != null && sats < 3 && quality <= 5) {
            return reject(NmeaRejectReason.NO_FIX, talker + "GGA fix quality " + quality + " from " + sats + " satellites (a fix needs 3)");
        }
        Double hdop = optionalNonNegative("hdop", f[8]);
        Double alt = f[9].isEmpty() ? null : number("altitude", f[9]);
        if (alt != null && (alt < -1000 || alt > 20000)) throw new FieldException("altitude " + alt + " m out of range");
        if (f.length > 10 && !f[10].isEmpty() && !"M".equals(f[10])) throw new FieldException("altitude unit '" + f[10] + "' (expected M)");
        return new NmeaResult.Parsed(new NmeaSentence.Gga(talker, time, lat, lon, quality, sats, hdop, alt));
    }

    // $GPVTG,t.t,T,m.m,M,n.n,N,k.k,K[,mode]*hh
    private NmeaResult vtg(String talker, String[] f) {
        if (f.length < 9) return reject(NmeaRejectReason.TRUNCATED, talker + "VTG has " + (f.length - 1) + " fields, needs at least 8");
        if (f.length >= 10 && "N".equals(f[9])) return reject(NmeaRejectReason.NO_FIX, talker + "VTG mode N (not valid)");
        Double course = optionalCourse(f[1]);
        Double kmh = optionalNonNegative("speed km/h", f[7]);
        if (kmh == null) {
            Double knots = optionalNonNegative("speed knots", f[5]);
            kmh = knots == null ? null : knots * 1.852;
        }
        if (course == null && kmh == null) return reject(NmeaRejectReason.NO_FIX, talker + "VTG has neither course nor speed");
        return new NmeaResult.Parsed(new NmeaSentence.Vtg(talker, course, kmh));
    }

    // $GPZDA,hhmmss.ss,dd,mm,yyyy,zh,zm*hh
    private NmeaResult zda(String talker, String[] f) {
        if (f.length < 5) return reject(NmeaRejectReason.TRUNCATED, talker + "ZDA has " + (f.length - 1) + " fields, needs at least 4");
        if (f[1].isEmpty() || f[2].isEmpty() || f[3].isEmpty() || f[4].isEmpty()) return reject(NmeaRejectReason.NO_FIX, talker + "ZDA without time or date");
        LocalTime time = time(f[1]);
        if (f[4].length() != 4 || !f[4].chars().allMatch(Character::isDigit)) throw new FieldException("year '" + f[4] + "' (expected yyyy)");
        try {
            return new NmeaResult.Parsed(new NmeaSentence.Zda(talker, time,
                    LocalDate.of(Integer.parseInt(f[4]), integer("month", f[3]), integer("day", f[2]))));
        } catch (DateTimeException e) {
            throw new FieldException("date " + f[2] + "/" + f[3] + "/" + f[4] + " out of range");
        }
    }

    private static LocalTime time(String v) {
        if (v.length() < 6) throw new FieldException("time '" + v + "' (expected hhmmss.ss)");
        int h = digits("hour", v, 0), m = digits("minute", v, 2), sec = digits("second", v, 4);
        int nanos = 0;
        if (v.length() > 6) {
            if (v.charAt(6) != '.') throw new FieldException("time '" + v + "'");
            String frac = v.substring(7);
            if (frac.isEmpty() || frac.length() > 9 || !frac.chars().allMatch(Character::isDigit)) throw new FieldException("time '" + v + "'");
            nanos = Integer.parseInt((frac + "000000000").substring(0, 9));
        }
        try {
            return LocalTime.of(h, m, sec, nanos);
        } catch (DateTimeException e) {
            throw new FieldException("time '" + v + "' out of range");
        }
    }

    private static LocalDate date(String v) {
        if (v.length() != 6) throw new FieldException("date '" + v + "' (expected ddmmyy)");
        try {
            // As gpsd does: two-digit years 80..99 are 1980..1999 (GPS began in 1980). A receiver that says 99 is
            // usually one past a week-number rollover, and the rollover correction then moves the date forward.
            int yy = digits("year", v, 4);
            return LocalDate.of(yy >= 80 ? 1900 + yy : 2000 + yy, digits("month", v, 2), digits("day", v, 0));
        } catch (DateTimeException e) {
            throw new FieldException("date '" + v + "' out of range");
        }
    }

    private static int digits(String what, String v, int at) {
        char a = v.charAt(at), b = v.charAt(at + 1);
        if (!Character.isDigit(a) || !Character.isDigit(b)) throw new FieldException(what + " in '" + v + "'");
        return (a - '0') * 10 + (b - '0');
    }

    private static double latitude(String v, String hemi) {
        return angle("latitude", v, hemi, 2, 90, "N", "S");
    }

    private static double longitude(String v, String hemi) {
        return angle("longitude", v, hemi, 3, 180, "E", "W");
    }

    /** ddmm.mmmm / dddmm.mmmm plus hemisphere letter to signed decimal degrees. */
    private static double angle(String what, String v, String hemi, int degDigits, int maxDeg, String pos, String neg) {
        if (v.isEmpty()) throw new FieldException(what + " is empty");
        int dot = v.indexOf('.');
        int intLen = dot < 0 ? v.length() : dot;
        if (intLen != degDigits + 2) throw new FieldException(what + " '" + v + "' (expected " + "d".repeat(degDigits) + "mm.mmmm)");
        double raw = number(what, v);
        int deg = (int) (raw / 100);
        double minutes = raw - deg * 100.0;
        if (minutes >= 60.0) throw new FieldException(what + " '" + v + "' has " + minutes + " minutes");
        double d = deg + minutes / 60.0;
        if (d > maxDeg) throw new FieldException(what + " '" + v + "' beyond " + maxDeg + " degrees");
        if (pos.equals(hemi)) return d;
        if (neg.equals(hemi)) return -d;
        throw new FieldException(what + " hemisphere '" + hemi + "' (expected " + pos + " or " + neg + ")");
    }

    private static Double optionalNonNegative(String what, String v) {
        if (v.isEmpty()) return null;
        double d = number(what, v);
        if (d < 0) throw new FieldException(what + " " + v + " is negative");
        return d;
    }

    private static Double optionalCourse(String v) {
        if (v.isEmpty()) return null;
        double d = number("course", v);
        if (d < 0 || d > 360) throw new FieldException("course " + v + " outside 0..360");
        return d == 360 ? 0.0 : d;
    }

    private static double number(String what, String v) {
        // Double.parseDouble accepts "NaN", "Infinity", hex and 'd' suffixes: NMEA numbers are plain decimals.
        if (v.isEmpty() || !DECIMAL.matcher(v).matches()) throw new FieldException(what + " '" + v + "' is not a decimal number");
        return Double.parseDouble(v);
    }

    private static int integer(String what, String v) {
        if (!SMALL_INT.matcher(v).matches()) throw new FieldException(what + " '" + v + "' is not an integer");
        return Integer.parseInt(v);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    private static NmeaResult reject(NmeaRejectReason reason, String detail) {
        return new NmeaResult.Rejected(reason, detail);
    }

    /** Internal: a field failed validation; becomes INVALID_FIELD. Not thrown out of this class. */
    private static final class FieldException extends RuntimeException {
        FieldException(String message) {
            super(message, null, false, false);
        }
    }
}
