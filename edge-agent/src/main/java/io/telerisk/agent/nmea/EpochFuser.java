package io.telerisk.agent.nmea;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Fuses the RMC, GGA and VTG sentences of one epoch into one {@link NmeaFix}. Receivers send an epoch as a burst
 * in their own order (u-blox: RMC, VTG, GGA, GSA...; SiRF: GGA, RMC, VTG; some only GGA); the epoch is complete when
 * a sentence with another UTC time arrives or the input ends ({@link #flush()}).
 * <p>VTG carries no time, so it is the one sentence whose epoch must be inferred: it joins the epoch in progress.
 * A VTG that finds no epoch to join (before the first fix, or a second VTG after the epoch already has one, as when
 * the next epoch's RMC was lost) is held, and the next epoch takes it only until that epoch's own VTG arrives, which
 * replaces it. So an orphan VTG can never shift the speeds of the epochs after it; and where an epoch has an RMC,
 * its speed and course come from the RMC rather than from a held VTG of uncertain epoch.
 * <p>GGA has no date: it takes the date of its epoch's ZDA, else of the last RMC or ZDA, rolled over when the time of
 * day wraps past midnight. RMC and ZDA dates are corrected for the GPS week-number rollover ({@link GpsWeekRollover}).
 * Not thread-safe: one fuser per input stream.
 */
public final class EpochFuser {
    private static final double KNOTS_TO_MPS = 1852.0 / 3600.0;

    private LocalDate lastDate;
    private LocalTime lastTime;
    private Epoch current;
    private NmeaSentence.Vtg pendingVtg;
    private NmeaSentence.Zda pendingZda;
    private final GpsWeekRollover rollover;
    private long rolloverCorrections;

    /**
     * Creates a fuser with the standard week-rollover correction.
     *
     * @param fallbackDate date used for GGA-only epochs before any RMC was seen, or {@code null} to drop them
     */
    public EpochFuser(LocalDate fallbackDate) {
        this(fallbackDate, GpsWeekRollover.standard());
    }

    /**
     * @param fallbackDate date used for GGA-only epochs before any RMC was seen, or {@code null} to drop them
     * @param rollover     how RMC dates are corrected for the GPS week-number rollover
     */
    public EpochFuser(LocalDate fallbackDate, GpsWeekRollover rollover) {
        this.lastDate = fallbackDate;
        this.rollover = java.util.Objects.requireNonNull(rollover, "rollover");
    }

    /** RMC dates moved forward for the GPS week rollover so far. */
    public long rolloverCorrections() {
        return rolloverCorrections;
    }

    /** Adds a sentence; returns the previous epoch's fix when this sentence starts a new epoch. */
    public Optional<NmeaFix> accept(NmeaSentence sentence) {
        if (sentence instanceof NmeaSentence.Zda z) {
            // A ZDA dates its own epoch but never starts or ends one: some receivers stamp it with the time it is
            // sent rather than the fix's, and splitting an epoch there would report one fix twice.
            if (current != null && z.utcTime().equals(current.time)) current.zda = z;
            else pendingZda = z;
            return Optional.empty();
        }
        LocalTime t = sentence instanceof NmeaSentence.Rmc r ? r.utcTime()
                : sentence instanceof NmeaSentence.Gga g ? g.utcTime() : null;
        Optional<NmeaFix> done = Optional.empty();
        if (t != null && (current == null || !t.equals(current.time))) {
            done = flush();
            current = new Epoch(t);
            current.vtg = pendingVtg;
            current.vtgHeld = pendingVtg != null;
            pendingVtg = null;
            if (pendingZda != null) {
                if (pendingZda.utcTime().equals(t)) {
                    current.zda = pendingZda; // sent ahead of its epoch's fix
                } else { // another time: still a date for the GGA-only epochs after it
                    lastDate = rollover.correct(pendingZda.date());
                    lastTime = pendingZda.utcTime();
                }
                pendingZda = null;
            }
        }
        if (sentence instanceof NmeaSentence.Vtg v) {
            if (current != null && (current.vtg == null || current.vtgHeld)) {
                current.vtg = v; // the epoch's own VTG, replacing a held one of uncertain epoch
                current.vtgHeld = false;
            } else {
                pendingVtg = v; // no epoch to join: hold it (the latest one only) for the next epoch
            }
            return done;
        }
        if (sentence instanceof NmeaSentence.Rmc r) current.rmc = r;
        else if (sentence instanceof NmeaSentence.Gga g) current.gga = g;
        return done;
    }

    /** Completes the epoch in progress, if it has a position. */
    public Optional<NmeaFix> flush() {
        Epoch e = current;
        current = null;
        if (e == null || (e.rmc == null && e.gga == null)) return Optional.empty();
        LocalDate date;
        LocalDate said = e.rmc != null ? e.rmc.date() : e.zda != null ? e.zda.date() : null;
        if (said != null) {
            date = rollover.correct(said);
            if (!date.equals(said)) rolloverCorrections++;
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
        // A held VTG only fills what the epoch's own sentences lack; the epoch's own VTG gives the finer speed (km/h).
        NmeaSentence.Vtg vtg = e.vtg;
        Double vtgMps = vtg == null || vtg.speedKmh() == null ? null : vtg.speedKmh() / 3.6;
        Double rmcMps = e.rmc == null || e.rmc.speedKnots() == null ? null : e.rmc.speedKnots() * KNOTS_TO_MPS;
        Double speedMps = e.vtgHeld ? (rmcMps != null ? rmcMps : vtgMps) : (vtgMps != null ? vtgMps : rmcMps);
        Double course = e.rmc != null && e.rmc.courseDeg() != null ? e.rmc.courseDeg() : vtg != null ? vtg.courseTrueDeg() : null;
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
        NmeaSentence.Zda zda;
        /** {@code vtg} arrived before this epoch's first timed sentence, so its epoch is a guess. */
        boolean vtgHeld;

        Epoch(LocalTime time) {
            this.time = time;
        }
    }
}
