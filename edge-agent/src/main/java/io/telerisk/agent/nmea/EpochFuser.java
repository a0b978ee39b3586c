package io.telerisk.agent.nmea;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Fuses the RMC, GGA and VTG sentences of one epoch into one {@link NmeaFix}. Receivers send an epoch as a burst
 * (u-blox: RMC, VTG, GGA, GSA, GSV..., GLL); the epoch is complete when a sentence with another UTC time arrives
 * or the input ends ({@link #flush()}). VTG carries no time and joins the epoch in progress.
 * GGA has no date: it takes the date of the last RMC, rolled over when the time of day wraps past midnight.
 * Not thread-safe: one fuser per input stream.
 */
public final class EpochFuser {
    private static final double KNOTS_TO_MPS = 1852.0 / 3600.0;

    private LocalDate lastDate;
    private LocalTime lastTime;
    private Epoch current;
    private NmeaSentence.Vtg pendingVtg;

    /**
     * Creates a fuser.
     *
     * @param fallbackDate date used for GGA-only epochs before any RMC was seen, or {@code null} to drop them
     */
    public EpochFuser(LocalDate fallbackDate) {
        this.lastDate = fallbackDate;
    }

    /** Adds a sentence; returns the previous epoch's fix when this sentence starts a new epoch. */
    public Optional<NmeaFix> accept(NmeaSentence sentence) {
        LocalTime t = sentence instanceof NmeaSentence.Rmc r ? r.utcTime()
                : sentence instanceof NmeaSentence.Gga g ? g.utcTime() : null;
        Optional<NmeaFix> done = Optional.empty();
        if (t != null && (current == null || !t.equals(current.time))) {
            done = flush();
            current = new Epoch(t);
            current.vtg = pendingVtg;
            pendingVtg = null;
        }
        if (sentence instanceof NmeaSentence.Vtg v && (current == null || current.vtg != null)) {
            // The epoch in progress already has its VTG (or there is none): this one opens the next epoch,
            // e.g. when that epoch's RMC was lost to a bad checksum.
            pendingVtg = v;
            return done;
        }
        if (sentence instanceof NmeaSentence.Rmc r) current.rmc = r;
        else if (sentence instanceof NmeaSentence.Gga g) current.gga = g;
        else if (sentence instanceof NmeaSentence.Vtg v) current.vtg = v;
        return done;
    }

    /** Completes the epoch in progress, if it has a position. */
    public Optional<NmeaFix> flush() {
        Epoch e = current;
        current = null;
        if (e == null || (e.rmc == null && e.gga == null)) return Optional.empty();
        LocalDate date;
        if (e.rmc != null) {
            date = e.rmc.date();
        } else {
            if (lastDate == null) return Optional.empty();
            date = lastDate;
            if (lastTime != null && e.time.isBefore(lastTime) && lastTime.toSecondOfDay() - e.time.toSecondOfDay() > 12 * 3600) {
                date = date.plusDays(1); // past midnight since the last RMC
            }
        }
        lastDate = date;
        lastTime = e.time;
        double lat = e.rmc != null ? e.rmc.latitudeDeg() : e.gga.latitudeDeg();
        double lon = e.rmc != null ? e.rmc.longitudeDeg() : e.gga.longitudeDeg();
        Double speedMps = null;
        if (e.vtg != null && e.vtg.speedKmh() != null) speedMps = e.vtg.speedKmh() / 3.6;
        else if (e.rmc != null && e.rmc.speedKnots() != null) speedMps = e.rmc.speedKnots() * KNOTS_TO_MPS;
        Double course = e.rmc != null && e.rmc.courseDeg() != null ? e.rmc.courseDeg() : e.vtg != null ? e.vtg.courseTrueDeg() : null;
        String talker = e.rmc != null ? e.rmc.talker() : e.gga.talker();
        return Optional.of(new NmeaFix(date.atTime(e.time).toInstant(ZoneOffset.UTC), lat, lon, speedMps, course,
                e.gga == null ? null : e.gga.fixQuality(), e.gga == null ? null : e.gga.satellites(),
                e.gga == null ? null : e.gga.hdop(), e.gga == null ? null : e.gga.altitudeM(), talker));
    }

    private static final class Epoch {
        final LocalTime time;
        NmeaSentence.Rmc rmc;
        NmeaSentence.Gga gga;
        NmeaSentence.Vtg vtg;

        Epoch(LocalTime time) {
            this.time = time;
        }
    }
}
