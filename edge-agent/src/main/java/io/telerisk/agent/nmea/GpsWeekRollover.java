package io.telerisk.agent.nmea;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Corrects dates from receivers with the GPS week-number rollover bug. GPS broadcasts the week number in 10 bits, so
 * it wraps every 1024 weeks (7,168 days, about 19.6 years; last on 2019-04-06); a receiver whose firmware resolves
 * the week against an old pivot reports dates 1024 weeks in the past. gpsd 3.22 moves an NMEA date forward by 1024
 * weeks when it falls before 2017-01-01 while its leap-second count is 18 or more ({@code gpsd_utc_resolve} in
 * {@code timebase.c}); here a date before {@code floor} is moved forward by whole periods of 1024 weeks, as many as
 * keep it no more than a day in the future. So a genuinely old capture replayed today keeps its dates (gpsd moves a
 * 2010 capture to 2030), and a receiver that says 1999 just after the 2019 rollover is read as 2019.
 */
public final class GpsWeekRollover {
    /** One rollover period. */
    public static final int PERIOD_DAYS = 1024 * 7;
    /** The default floor: no receiver running this agent can have a fix before this agent was written. */
    public static final LocalDate DEFAULT_FLOOR = LocalDate.of(2026, 1, 1);
    /** A floor that disables the correction (the GPS epoch). */
    public static final LocalDate DISABLED = LocalDate.of(1980, 1, 6);

    private final LocalDate floor;
    private final Clock clock;

    public GpsWeekRollover(LocalDate floor, Clock clock) {
        this.floor = Objects.requireNonNull(floor, "floor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The default floor against the system clock. */
    public static GpsWeekRollover standard() {
        return new GpsWeekRollover(DEFAULT_FLOOR, Clock.systemUTC());
    }

    /** The date the receiver meant: {@code reported}, or it moved forward by whole 1024-week periods. */
    public LocalDate correct(LocalDate reported) {
        if (!reported.isBefore(floor)) return reported;
        LocalDate latest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        LocalDate d = reported;
        while (d.isBefore(floor)) {
            LocalDate next = d.plusDays(PERIOD_DAYS);
            if (next.isAfter(latest)) return d; // one more period would be in the future: stop at the last that is not
            d = next;
        }
        return d;
    }

    /** Whether {@link #correct} changes this date. */
    public boolean corrects(LocalDate reported) {
        return !correct(reported).equals(reported);
    }
}
