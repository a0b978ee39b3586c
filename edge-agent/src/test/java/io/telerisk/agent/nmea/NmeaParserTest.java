package io.telerisk.agent.nmea;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;

import static org.junit.jupiter.api.Assertions.*;

class NmeaParserTest {
    private final NmeaParser parser = new NmeaParser();

    /** Builds a sentence with a correct checksum from its body (between '$' and '*'). */
    static String sentence(String body) {
        int c = 0;
        for (char ch : body.toCharArray()) c ^= ch;
        return String.format("$%s*%02X", body, c);
    }

    private NmeaSentence parsed(String line) {
        NmeaResult r = parser.parse(line);
        assertInstanceOf(NmeaResult.Parsed.class, r, () -> "expected parsed, got " + r);
        return ((NmeaResult.Parsed) r).sentence();
    }

    private NmeaResult.Rejected rejected(String line, NmeaRejectReason reason) {
        NmeaResult r = parser.parse(line);
        assertInstanceOf(NmeaResult.Rejected.class, r, () -> "expected rejection, got " + r);
        NmeaResult.Rejected x = (NmeaResult.Rejected) r;
        assertEquals(reason, x.reason(), x.detail());
        return x;
    }

    @Test
    void parsesTextbookGprmcWithKnownChecksum() {
        var rmc = (NmeaSentence.Rmc) parsed("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A");
        assertEquals("GP", rmc.talker());
        assertEquals(LocalTime.of(12, 35, 19), rmc.utcTime());
        assertEquals(LocalDate.of(1994, 3, 23), rmc.date()); // yy 80..99 is 1980..1999, as gpsd reads it
        assertEquals(48.1173, rmc.latitudeDeg(), 1e-6);
        assertEquals(11.516666, rmc.longitudeDeg(), 1e-6);
        assertEquals(22.4, rmc.speedKnots(), 1e-9);
        assertEquals(84.4, rmc.courseDeg(), 1e-9);
    }

    @Test
    void parsesTextbookGpggaWithKnownChecksum() {
        var gga = (NmeaSentence.Gga) parsed("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47");
        assertEquals(1, gga.fixQuality());
        assertEquals(8, gga.satellites());
        assertEquals(0.9, gga.hdop(), 1e-9);
        assertEquals(545.4, gga.altitudeM(), 1e-9);
    }

    @Test
    void parsesUbloxMultiConstellationTalkersAndSouthWestHemispheres() {
        var rmc = (NmeaSentence.Rmc) parsed(sentence("GNRMC,083559.00,A,3351.87654,S,15112.34567,W,0.004,,150326,,,A,V"));
        assertEquals("GN", rmc.talker());
        assertEquals(-(33 + 51.87654 / 60), rmc.latitudeDeg(), 1e-9);
        assertEquals(-(151 + 12.34567 / 60), rmc.longitudeDeg(), 1e-9);
        assertNull(rmc.courseDeg(), "empty course field stays absent");
        assertEquals(LocalTime.of(8, 35, 59), rmc.utcTime());
        for (String talker : new String[] {"GL", "GA", "GB"}) {
            var gga = (NmeaSentence.Gga) parsed(sentence(talker + "GGA,083559.50,3351.87654,S,15112.34567,E,2,12,0.71,20.3,M,21.0,M,,"));
            assertEquals(talker, gga.talker());
            assertEquals(500_000_000, gga.utcTime().getNano());
        }
    }

    @Test
    void parsesVtgSpeedInKmhAndFallsBackToKnots() {
        var vtg = (NmeaSentence.Vtg) parsed(sentence("GNVTG,54.70,T,,M,32.397,N,60.000,K,A"));
        assertEquals(60.0, vtg.speedKmh(), 1e-9);
        assertEquals(54.7, vtg.courseTrueDeg(), 1e-9);
        var knotsOnly = (NmeaSentence.Vtg) parsed(sentence("GPVTG,10.0,T,,M,10.0,N,,K"));
        assertEquals(18.52, knotsOnly.speedKmh(), 1e-9);
    }

    @Test
    void acceptsLowerCaseChecksumAndTrailingCrLf() {
        String s = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47";
        assertInstanceOf(NmeaSentence.Gga.class, parsed(s + "\r\n"));
        String rmc = sentence("GNRMC,083559.00,A,3351.87654,S,15112.34567,E,0.004,,150326,,,A");
        assertInstanceOf(NmeaSentence.Rmc.class, parsed(rmc.substring(0, rmc.length() - 2) + rmc.substring(rmc.length() - 2).toLowerCase()));
    }

    @Test
    void rejectsBadChecksumNamingBothValues() {
        var x = rejected("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6B", NmeaRejectReason.BAD_CHECKSUM);
        assertTrue(x.detail().contains("6B") && x.detail().contains("6A"), x.detail());
        rejected("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*G7", NmeaRejectReason.BAD_CHECKSUM);
    }

    @Test
    void rejectsLinesCutByTheSerialBuffer() {
        rejected("$GPGGA,123519,4807.038,N,01131.0", NmeaRejectReason.TRUNCATED);
        rejected("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*4", NmeaRejectReason.TRUNCATED);
        rejected(sentence("GPRMC,123519,A,4807.038,N"), NmeaRejectReason.TRUNCATED);
        rejected("", NmeaRejectReason.TRUNCATED);
    }

    @Test
    void rejectsVoidAndNoFixSentences() {
        rejected(sentence("GNRMC,095958.00,V,,,,,,,150326,,,N"), NmeaRejectReason.NO_FIX);
        rejected(sentence("GNGGA,095958.00,,,,,0,00,99.99,,,,,,"), NmeaRejectReason.NO_FIX);
        rejected(sentence("GNVTG,,,,,,,,,N"), NmeaRejectReason.NO_FIX);
        rejected(sentence("GNVTG,,T,,M,,N,,K"), NmeaRejectReason.NO_FIX);
    }

    @Test
    void rejectsUnknownSentencesAndTalkers() {
        rejected(sentence("GPGSV,3,1,11,05,52,291,38,13,46,069,41,15,33,130,39,18,19,250,32"), NmeaRejectReason.UNKNOWN_SENTENCE);
        rejected(sentence("GNTXT,01,01,02,u-blox AG - www.u-blox.com"), NmeaRejectReason.UNKNOWN_SENTENCE);
        rejected(sentence("PUBX,00,081350.00,4717.113210,N"), NmeaRejectReason.UNKNOWN_SENTENCE);
        rejected(sentence("XXRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"), NmeaRejectReason.UNKNOWN_SENTENCE);
    }

    @Test
    void rejectsInvalidFieldsWithTheFieldNamed() {
        assertTrue(rejected(sentence("GPRMC,123519,A,4807.038,X,01131.000,E,022.4,084.4,230394,,"), NmeaRejectReason.INVALID_FIELD)
                .detail().contains("hemisphere"));
        assertTrue(rejected(sentence("GPRMC,123519,A,4867.038,N,01131.000,E,022.4,084.4,230394,,"), NmeaRejectReason.INVALID_FIELD)
                .detail().contains("minutes"));
        assertTrue(rejected(sentence("GPRMC,123519,A,9507.038,N,01131.000,E,022.4,084.4,230394,,"), NmeaRejectReason.INVALID_FIELD)
                .detail().contains("latitude"));
        rejected(sentence("GPRMC,256119,A,4807.038,N,01131.000,E,022.4,084.4,230394,,"), NmeaRejectReason.INVALID_FIELD);
        rejected(sentence("GPRMC,123519,A,4807.038,N,01131.000,E,NaN,084.4,230394,,"), NmeaRejectReason.INVALID_FIELD);
        rejected(sentence("GPRMC,123519,A,4807.038,N,01131.000,E,-3.0,084.4,230394,,"), NmeaRejectReason.INVALID_FIELD);
        rejected(sentence("GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,320394,,"), NmeaRejectReason.INVALID_FIELD);
        rejected(sentence("GPRMC,123519,A,,,01131.000,E,022.4,084.4,230394,,"), NmeaRejectReason.INVALID_FIELD);
        rejected(sentence("GPGGA,123519,4807.038,N,01131.000,E,,08,0.9,545.4,M,46.9,M,,"), NmeaRejectReason.INVALID_FIELD);
        rejected(sentence("GPGGA,123519,4807.038,N,01131.000,E,1,x8,0.9,545.4,M,46.9,M,,"), NmeaRejectReason.INVALID_FIELD);
    }

    @Test
    void rejectsHostileLinesWithoutThrowing() {
        rejected("$" + "A".repeat(5000) + "*00", NmeaRejectReason.INVALID_FIELD);
        rejected("$GPRMC,\u0000\u0001*00", NmeaRejectReason.INVALID_FIELD);
        rejected("GPRMC,123519,A*00", NmeaRejectReason.INVALID_FIELD);
        rejected(sentence(""), NmeaRejectReason.UNKNOWN_SENTENCE);
        rejected(sentence(",,,,,,,,,,,"), NmeaRejectReason.UNKNOWN_SENTENCE);
        rejected("$*", NmeaRejectReason.TRUNCATED);
    }

    @Test
    void zdaGivesTheDateWithFourDigitYear() {
        var zda = (NmeaSentence.Zda) parsed("$GPZDA,194058.00,07,09,2018,00,00*62"); // Hemisphere, gpsd's hemi.log
        assertEquals(LocalTime.of(19, 40, 58), zda.utcTime());
        assertEquals(LocalDate.of(2018, 9, 7), zda.date());
        rejected("$GPZDA,,,,,00,00*48", NmeaRejectReason.NO_FIX); // u-blox before it knows the time
        rejected(sentence("GPZDA,194058.00,07,09,18,00,00"), NmeaRejectReason.INVALID_FIELD);
        rejected(sentence("GPZDA,194058.00,31,02,2018,00,00"), NmeaRejectReason.INVALID_FIELD);
    }

    @Test
    void twoDigitYearsFrom80AreTheNineteenHundreds() {
        var rmc = (NmeaSentence.Rmc) parsed("$GPRMC,000231.42,A,4829.0005,N,00022.0016,E,0.16,212.28,220899,,,A*59"); // Telit, gpsd's april6_2019.log
        assertEquals(LocalDate.of(1999, 8, 22), rmc.date(), "before the rollover correction, which EpochOrderTest covers");
        assertEquals(LocalDate.of(2079, 12, 31), ((NmeaSentence.Rmc) parsed(sentence("GPRMC,000000,A,4829.0005,N,00022.0016,E,0.16,,311279,,,A"))).date());
        assertEquals(LocalDate.of(1980, 1, 6), ((NmeaSentence.Rmc) parsed(sentence("GPRMC,000000,A,4829.0005,N,00022.0016,E,0.16,,060180,,,A"))).date());
    }

    @Test
    void ggaFixFromFewerThanThreeSatellitesIsNoFix() {
        rejected("$GPGGA,194050.00,4221.8237733,N,07101.9411707,W,1,00,3.3,10.835,M,-33.320,M,,*62", NmeaRejectReason.NO_FIX); // Hemisphere
        rejected(sentence("GPGGA,194050.00,4221.8237733,N,07101.9411707,W,2,02,3.3,10.8,M,,M,,"), NmeaRejectReason.NO_FIX);
        assertEquals(3, ((NmeaSentence.Gga) parsed(sentence("GPGGA,194050.00,4221.82377,N,07101.94117,W,1,03,3.3,10.8,M,,M,,"))).satellites());
        assertEquals(6, ((NmeaSentence.Gga) parsed(sentence("GPGGA,194050.00,4221.82377,N,07101.94117,W,6,00,,10.8,M,,M,,"))).fixQuality(),
                "dead reckoning needs no satellites");
        assertNull(((NmeaSentence.Gga) parsed(sentence("GPGGA,194050.00,4221.82377,N,07101.94117,W,1,,,10.8,M,,M,,"))).satellites());
    }
}
