package io.telerisk.agent.nmea;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.telerisk.agent.nmea.NmeaParserTest.sentence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Speed and course come from a fix's own epoch whatever order the chipset sends its sentences in, and an orphan VTG
 * never shifts later epochs. Each epoch i moves at (10 + i) km/h so a shift by one epoch is visible.
 */
class EpochOrderTest {
    private static final NmeaParser PARSER = new NmeaParser();

    private static String hhmmss(int i) {
        return String.format("1000%02d.00", i);
    }

    private static String rmc(int i) {
        double knots = (10 + i) / 1.852;
        return sentence(String.format(java.util.Locale.ROOT, "GNRMC,%s,A,4807.03800,N,01131.00200,E,%.3f,90.00,150326,,,A", hhmmss(i), knots));
    }

    private static String gga(int i) {
        return sentence("GNGGA," + hhmmss(i) + ",4807.03800,N,01131.00200,E,1,11,0.95,546.4,M,47.0,M,,");
    }

    private static String vtg(int i) {
        return sentence(String.format(java.util.Locale.ROOT, "GNVTG,90.00,T,,M,,N,%.3f,K,A", 10.0 + i));
    }

    private static List<NmeaFix> fuse(List<String> lines) {
        EpochFuser f = new EpochFuser(LocalDate.of(2026, 3, 15));
        List<NmeaFix> out = new ArrayList<>();
        for (String l : lines) {
            if (PARSER.parse(l) instanceof NmeaResult.Parsed p) f.accept(p.sentence()).ifPresent(out::add);
        }
        f.flush().ifPresent(out::add);
        return out;
    }

    private static void assertOwnSpeeds(List<NmeaFix> fixes, int epochs) {
        assertEquals(epochs, fixes.size());
        for (int i = 0; i < epochs; i++) {
            assertEquals(Instant.parse("2026-03-15T10:00:" + String.format("%02d", i) + "Z"), fixes.get(i).time());
            assertEquals((10 + i) / 3.6, fixes.get(i).speedMps(), 0.001, "epoch " + i + " has its own speed");
        }
    }

    @Test
    void orphanVtgBeforeTheFirstFixDoesNotShiftUbloxEpochs() {
        List<String> lines = new ArrayList<>(List.of(vtg(99)));
        for (int i = 0; i < 10; i++) lines.addAll(List.of(rmc(i), vtg(i), gga(i)));
        assertOwnSpeeds(fuse(lines), 10);
    }

    @Test
    void orphanVtgBeforeTheFirstFixDoesNotShiftSirfEpochs() {
        List<String> lines = new ArrayList<>(List.of(vtg(99)));
        for (int i = 0; i < 10; i++) lines.addAll(List.of(gga(i), rmc(i), vtg(i)));
        assertOwnSpeeds(fuse(lines), 10);
    }

    @Test
    void ggaOnlyEpochsTakeTheirOwnVtg() {
        List<String> lines = new ArrayList<>(List.of(vtg(99)));
        for (int i = 0; i < 10; i++) lines.addAll(List.of(gga(i), vtg(i)));
        assertOwnSpeeds(fuse(lines), 10);
    }

    @Test
    void voidEpochsBeforeTheFirstFixAreIgnored() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(sentence("GNRMC,0959" + (50 + i) + ".00,V,,,,,,,150326,,,N"));
            lines.add(sentence("GNVTG,,,,,,,,,N"));
            lines.add(sentence("GNGGA,0959" + (50 + i) + ".00,,,,,0,00,99.99,,,,,,"));
        }
        for (int i = 0; i < 5; i++) lines.addAll(List.of(rmc(i), vtg(i), gga(i)));
        assertOwnSpeeds(fuse(lines), 5);
    }

    @Test
    void anEpochWhoseRmcWasLostKeepsTheVtgThatFollowedIt() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            if (i != 2) lines.add(rmc(i));
            lines.addAll(List.of(vtg(i), gga(i)));
        }
        assertOwnSpeeds(fuse(lines), 5);
    }

    @Test
    void anEpochWithOnlyAStrayVtgOfUncertainEpochPrefersItsRmcSpeed() {
        // a VTG arrives twice after epoch 0: the second is held; epoch 1 has no VTG of its own but an RMC
        List<NmeaFix> fixes = fuse(List.of(rmc(0), vtg(0), gga(0), vtg(50), rmc(1), gga(1)));
        assertEquals((10 + 1) / 3.6, fixes.get(1).speedMps(), 0.001);
    }

    @Test
    void weekRolloverMovesAnOldDateForwardBy1024Weeks() {
        Clock now = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        GpsWeekRollover r = new GpsWeekRollover(GpsWeekRollover.DEFAULT_FLOOR, now);
        LocalDate reported = LocalDate.of(2026, 11, 30).minusDays(GpsWeekRollover.PERIOD_DAYS);
        assertEquals(LocalDate.of(2007, 4, 16), reported, "what a 1024-week receiver says on 2026-11-30");
        assertEquals(LocalDate.of(2026, 11, 30), r.correct(reported));
        assertEquals(LocalDate.of(2026, 11, 30), r.correct(LocalDate.of(2026, 11, 30)), "a good date is kept");
        // a genuinely old capture would land in the future: kept as it is
        assertEquals(LocalDate.of(2015, 6, 1), r.correct(LocalDate.of(2015, 6, 1)));
        // 1999 (a Telit HE910 just after the 2019 rollover): one period lands in 2019, a second would be in the future
        assertEquals(LocalDate.of(2019, 4, 7), r.correct(LocalDate.of(1999, 8, 22)));
        GpsWeekRollover off = new GpsWeekRollover(GpsWeekRollover.DISABLED, now);
        assertEquals(reported, off.correct(reported));
    }

    @Test
    void fuserAppliesTheRolloverToRmcAndGgaDates() {
        Clock now = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        EpochFuser f = new EpochFuser(null, new GpsWeekRollover(GpsWeekRollover.DEFAULT_FLOOR, now));
        // 2026-11-30 minus 1024 weeks is 2007-04-16
        String r = sentence("GPRMC,235959.00,A,4807.03800,N,01131.00200,E,0.0,,160407,,,A");
        String g = sentence("GPGGA,000000.00,4807.03800,N,01131.00200,E,1,08,1.0,500.0,M,47.0,M,,");
        List<NmeaFix> out = new ArrayList<>();
        for (String l : List.of(r, g)) if (PARSER.parse(l) instanceof NmeaResult.Parsed p) f.accept(p.sentence()).ifPresent(out::add);
        f.flush().ifPresent(out::add);
        assertEquals(Instant.parse("2026-11-30T23:59:59Z"), out.get(0).time());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), out.get(1).time(), "GGA after midnight takes the corrected date");
        assertEquals(1, f.rolloverCorrections());
        assertNull(out.get(1).speedMps());
    }

    @Test
    void zdaDatesGgaOnlyEpochs() {
        Clock now = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        EpochFuser f = new EpochFuser(null, new GpsWeekRollover(GpsWeekRollover.DEFAULT_FLOOR, now));
        List<NmeaFix> out = new ArrayList<>();
        // Hemisphere order: GGA, VTG, ZDA of one second; the half-second GGA between carries no ZDA
        for (String l : List.of(
                sentence("GPZDA,235958.00,05,12,2026,00,00"),
                sentence("GPGGA,235959.00,4221.82377,N,07101.94117,W,1,08,1.0,10.8,M,,M,,"),
                sentence("GPVTG,74.45,T,89.09,M,1.00,N,1.85,K,A"),
                sentence("GPZDA,235959.00,05,12,2026,00,00"),
                sentence("GPGGA,000000.00,4221.82377,N,07101.94117,W,1,08,1.0,10.8,M,,M,,"),
                sentence("GPVTG,74.45,T,89.09,M,2.00,N,3.70,K,A"))) {
            if (PARSER.parse(l) instanceof NmeaResult.Parsed p) f.accept(p.sentence()).ifPresent(out::add);
        }
        f.flush().ifPresent(out::add);
        assertEquals(2, out.size());
        assertEquals(Instant.parse("2026-12-05T23:59:59Z"), out.get(0).time());
        assertEquals(1.85 / 3.6, out.get(0).speedMps(), 1e-9, "the VTG after the GGA belongs to it");
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), out.get(1).time(), "past midnight since the last ZDA");
        assertEquals(3.70 / 3.6, out.get(1).speedMps(), 1e-9);
    }

    @Test
    void zdaOfAnotherTimeDoesNotSplitAnEpoch() {
        EpochFuser f = new EpochFuser(null, GpsWeekRollover.standard());
        List<NmeaFix> out = new ArrayList<>();
        for (String l : List.of(
                sentence("GPRMC,120000.00,A,4807.03800,N,01131.00200,E,10.0,,061226,,,A"),
                sentence("GPZDA,120000.50,06,12,2026,00,00"), // stamped when sent, not with the fix's time
                sentence("GPGGA,120000.00,4807.03800,N,01131.00200,E,1,08,1.0,500.0,M,47.0,M,,"),
                sentence("GPVTG,,T,,M,10.0,N,18.52,K,A"))) {
            if (PARSER.parse(l) instanceof NmeaResult.Parsed p) f.accept(p.sentence()).ifPresent(out::add);
        }
        f.flush().ifPresent(out::add);
        assertEquals(1, out.size(), "one epoch, one fix: " + out);
        assertEquals(Instant.parse("2026-12-06T12:00:00Z"), out.get(0).time());
        assertEquals(8, out.get(0).satellites());
        assertEquals(18.52 / 3.6, out.get(0).speedMps(), 1e-9);
    }
}
