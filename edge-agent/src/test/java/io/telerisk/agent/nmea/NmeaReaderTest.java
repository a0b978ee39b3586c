package io.telerisk.agent.nmea;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.telerisk.agent.nmea.NmeaParserTest.sentence;
import static org.junit.jupiter.api.Assertions.*;

class NmeaReaderTest {

    record Rejection(long line, NmeaRejectReason reason, String detail) {
    }

    private final List<NmeaFix> fixes = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final NmeaReader.Listener listener = new NmeaReader.Listener() {
        @Override
        public void onFix(NmeaFix fix) {
            fixes.add(fix);
        }

        @Override
        public void onRejected(long lineNumber, NmeaRejectReason reason, String detail, String line) {
            rejections.add(new Rejection(lineNumber, reason, detail));
        }
    };

    private NmeaReader read(String text, LocalDate fallback) throws IOException {
        NmeaReader r = new NmeaReader(fallback, listener);
        r.readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        return r;
    }

    @Test
    void fusesRmcVtgAndGgaOfOneEpochIntoOneFix() throws IOException {
        String epoch = String.join("\r\n",
                sentence("GNRMC,100010.00,A,4807.03800,N,01131.00200,E,21.598,54.70,150326,,,A"),
                sentence("GNVTG,54.70,T,,M,21.598,N,40.000,K,A"),
                sentence("GNGGA,100010.00,4807.03800,N,01131.00200,E,1,11,0.95,546.4,M,47.0,M,,"),
                sentence("GNGSA,A,3,05,13,15,18,20,24,,,,,,,1.62,0.92,1.33")) + "\r\n";
        read(epoch, null);
        assertEquals(1, fixes.size());
        NmeaFix f = fixes.get(0);
        assertEquals(Instant.parse("2026-03-15T10:00:10Z"), f.time());
        assertEquals(40.0 / 3.6, f.speedMps(), 1e-9, "VTG km/h wins over RMC knots");
        assertEquals(54.7, f.courseDeg(), 1e-9);
        assertEquals(1, f.fixQuality());
        assertEquals(11, f.satellites());
        assertEquals(0.95, f.hdop(), 1e-9);
        assertEquals(546.4, f.altitudeM(), 1e-9);
        assertEquals(48.1173, f.latitudeDeg(), 1e-6);
        assertEquals(1, rejections.size(), "GSA is counted as unknown, not silently eaten");
    }

    @Test
    void ggaOnlyEpochTakesDateOfLastRmcAndRollsOverAtMidnight() throws IOException {
        String text = String.join("\n",
                sentence("GPRMC,235959.00,A,4807.038,N,01131.000,E,0.0,0.0,311226,,"),
                sentence("GPGGA,000000.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"));
        read(text, null);
        assertEquals(List.of(Instant.parse("2026-12-31T23:59:59Z"), Instant.parse("2027-01-01T00:00:00Z")),
                fixes.stream().map(NmeaFix::time).toList());
        assertNull(fixes.get(0).fixQuality());
        assertEquals(1, fixes.get(1).fixQuality());
    }

    @Test
    void ggaOnlyReceiverUsesFallbackDateOrIsDroppedWithoutOne() throws IOException {
        String gga = sentence("GPGGA,120000.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
        read(gga, null);
        assertEquals(0, fixes.size());
        read(gga, LocalDate.of(2026, 5, 1));
        assertEquals(Instant.parse("2026-05-01T12:00:00Z"), fixes.get(0).time());
    }

    @Test
    void decodesUbloxCaptureCountingEveryRejectionWithItsLine() throws IOException {
        NmeaReader r;
        try (InputStream in = getClass().getResourceAsStream("/nmea/ublox-drive.nmea")) {
            assertNotNull(in, "capture on the test classpath");
            r = new NmeaReader(null, listener);
            r.readAll(in);
        }
        // 20 moving epochs plus one GP-only epoch; epoch 5 lost its RMC to a bad checksum but keeps GGA + VTG
        assertEquals(21, fixes.size());
        for (int i = 1; i < fixes.size(); i++) {
            assertTrue(fixes.get(i).time().isAfter(fixes.get(i - 1).time()), "fixes in time order");
        }
        NmeaFix epoch5 = fixes.get(5);
        assertEquals(Instant.parse("2026-03-15T10:00:05Z"), epoch5.time());
        assertEquals(20.0 / 3.6, epoch5.speedMps(), 1e-3);
        NmeaFix epoch8 = fixes.get(8);
        assertNull(epoch8.fixQuality(), "GGA of epoch 8 was torn, the fix comes from RMC alone");
        assertEquals(48.0 / 3.6, fixes.get(12).speedMps(), 1e-3, "VTG of epoch 12 has empty speeds: RMC knots used");
        assertEquals(2, fixes.get(20).fixQuality(), "DGPS fix from the GP talker");

        Map<NmeaRejectReason, Long> byReason = r.rejectedByReason();
        assertEquals(1L, byReason.get(NmeaRejectReason.BAD_CHECKSUM));
        assertEquals(1L, byReason.get(NmeaRejectReason.TRUNCATED));
        assertEquals(1L, byReason.get(NmeaRejectReason.INVALID_FIELD));
        assertEquals(8L, byReason.get(NmeaRejectReason.NO_FIX));
        Rejection bad = rejections.stream().filter(x -> x.reason() == NmeaRejectReason.BAD_CHECKSUM).findFirst().orElseThrow();
        assertTrue(bad.line() > 1);
        assertEquals(134, r.lines());
    }

    @Test
    void overlongGarbageOnTheSerialLineIsRejectedAndReadingContinues() throws IOException {
        String text = "x".repeat(100_000) + "\n" + sentence("GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230326,,");
        read(text, null);
        assertEquals(1, fixes.size());
        assertEquals(NmeaRejectReason.INVALID_FIELD, rejections.get(0).reason());
        assertEquals(1, rejections.get(0).line());
    }
}
