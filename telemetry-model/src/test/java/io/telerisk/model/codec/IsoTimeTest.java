package io.telerisk.model.codec;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IsoTimeTest {
    @Test
    void formatsExactlyLikeInstantToStringAndParsesBack() {
        Random r = new Random(3);
        char[] buf = new char[IsoTime.MAX_CHARS];
        for (int i = 0; i < 200_000; i++) {
            long sec = switch (i % 4) {
                case 0 -> r.nextLong() % 400_000_000_000L; // years far before and after, incl. fallback beyond 9999
                case 1 -> 1_600_000_000L + r.nextInt(400_000_000);
                case 2 -> -62_167_219_200L + r.nextInt(1000); // around 0000-01-01
                default -> r.nextInt(100_000) - 50_000L; // around the epoch
            };
            int nano = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(sec, nano);
            String s = new String(buf, 0, IsoTime.format(t, buf));
            assertEquals(t.toString(), s);
            assertEquals(t, IsoTime.parse(s));
        }
    }

    @Test
    void parsesEveryFormInstantParseAccepts() {
        for (String s : List.of("2026-05-01T08:00:00Z", "2026-05-01t08:00:00z", "2026-05-01T08:00:00.1Z", "2024-02-29T23:59:59.999999999Z",
                "2026-05-01T08:00:00+02:00", "+12026-05-01T08:00:00Z", "2026-05-01T08:00Z", "2026-05-01T24:00:00Z")) {
            Instant expected;
            try {
                expected = Instant.parse(s);
            } catch (DateTimeException e) {
                assertThrows(DateTimeException.class, () -> IsoTime.parse(s), s);
                continue;
            }
            assertEquals(expected, IsoTime.parse(s), s);
        }
    }

    @Test
    void rejectsImpossibleDates() {
        for (String s : List.of("2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-05-01T08:60:00Z",
                "2026-05-01T08:00:00.1234567890Z", "2026-05-01 08:00:00Z", "2026-5-1T8:00:00Z", "", "2026-05-01T08:00:00",
                "2026-05-01T08:00:00ZZ", "2026-05-01T08:00:00.-1Z")) {
            assertThrows(DateTimeException.class, () -> IsoTime.parse(s), s);
        }
    }

    @Test
    void agreesWithTheJdkOnEdgeForms() {
        // the JDK accepts an empty fraction and 24:00 (end of day); the fast path defers such forms to it
        for (String s : List.of("2026-05-01T08:00:00.Z", "2026-05-01T24:00:00Z")) {
            assertEquals(Instant.parse(s), IsoTime.parse(s), s);
        }
    }
}
