package io.telerisk.model.codec;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * Fast ISO-8601 UTC instant formatting and parsing for the JSON codec. {@link Instant#toString()} and
 * {@link Instant#parse} go through the general DateTimeFormatter machinery, which dominated JSON decode time; the
 * common form {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} is handled here by hand, anything else falls back to the JDK
 * so that every form {@link Instant#parse} accepts is still accepted.
 */
final class IsoTime {
    private IsoTime() {
    }

    /** Formats exactly as {@link Instant#toString()} does (fraction in groups of 3 digits, as needed). */
    static int format(Instant t, char[] out) {
        long sec = t.getEpochSecond();
        int nano = t.getNano();
        long days = Math.floorDiv(sec, 86_400L);
        int secOfDay = (int) Math.floorMod(sec, 86_400L);
        // civil_from_days (H. Hinnant): proleptic Gregorian date from days since 1970-01-01
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) y++;
        if (y < 0 || y > 9999) {
            String s = t.toString();
            s.getChars(0, s.length(), out, 0);
            return s.length();
        }
        int p = 0;
        p = digits(out, p, (int) y, 4);
        out[p++] = '-';
        p = digits(out, p, m, 2);
        out[p++] = '-';
        p = digits(out, p, d, 2);
        out[p++] = 'T';
        p = digits(out, p, secOfDay / 3600, 2);
        out[p++] = ':';
        p = digits(out, p, secOfDay / 60 % 60, 2);
        out[p++] = ':';
        p = digits(out, p, secOfDay % 60, 2);
        if (nano != 0) {
            out[p++] = '.';
            if (nano % 1_000_000 == 0) {
                p = digits(out, p, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                p = digits(out, p, nano / 1000, 6);
            } else {
                p = digits(out, p, nano, 9);
            }
        }
        out[p++] = 'Z';
        return p;
    }

    /** Longest output of {@link #format}: room for the JDK fallback with large years too. */
    static final int MAX_CHARS = 48;

    private static int digits(char[] out, int p, int v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out[p + i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return p + n;
    }

    /**
     * Parses an ISO-8601 instant.
     *
     * @throws DateTimeException when the text is not an instant
     */
    static Instant parse(String s) {
        Instant fast = parseFast(s.toCharArray(), 0, s.length());
        return fast != null ? fast : Instant.parse(s);
    }

    /** Parses {@code len} characters of {@code buf} from {@code off} (a parser's buffer: no String on the fast path). */
    static Instant parse(char[] buf, int off, int len) {
        Instant fast = parseFast(buf, off, len);
        return fast != null ? fast : Instant.parse(new String(buf, off, len));
    }

    /** The common {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} form, or null to let the JDK decide. */
    private static Instant parseFast(char[] b, int o, int n) {
        if (n < 20 || n > 30 || b[o + 4] != '-' || b[o + 7] != '-' || (b[o + 10] != 'T' && b[o + 10] != 't')
                || b[o + 13] != ':' || b[o + 16] != ':' || (b[o + n - 1] != 'Z' && b[o + n - 1] != 'z')) {
            return null;
        }
        int y = num(b, o, 4), mo = num(b, o + 5, 2), d = num(b, o + 8, 2), h = num(b, o + 11, 2), mi = num(b, o + 14, 2),
                se = num(b, o + 17, 2);
        if ((y | mo | d | h | mi | se) < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23
                || mi > 59 || se > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            if (b[o + 19] != '.' || n == 21) return null;
            int fracDigits = n - 21;
            int f = num(b, o + 20, fracDigits);
            if (f < 0) return null;
            for (int i = fracDigits; i < 9; i++) f *= 10;
            nano = f;
        }
        long days = daysFromCivil(y, mo, d);
        return Instant.ofEpochSecond(days * 86_400L + h * 3600L + mi * 60L + se, nano);
    }

    private static int num(char[] b, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = b[i];
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
