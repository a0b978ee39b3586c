package io.telerisk.pricing.rating;

import io.telerisk.model.summary.DailyUsage;
import io.telerisk.model.summary.WearableDay;
import io.telerisk.pricing.plan.Variable;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives the exposure, telematics and wellness variables of a period from the hub's daily summaries. Days outside
 * the period are refused (a port returning them is a bug worth hearing about); duplicate days are refused too.
 */
public final class UsageFeatures {
    /**
     * Least part of a period's km whose road class must be known for the urban, rural and motorway shares to be
     * rated; below it the shares are unknown (a factor on them is not rated, see {@link Variable#neutralWhenUnknown}).
     */
    public static final double MIN_ROAD_CLASS_COVERAGE = 0.8;

    private UsageFeatures() {}

    /**
     * Sets periodDays, distanceKm, cappedDistanceKm (each day capped at {@code dailyKmCap}), annualKm, shares of
     * night and speeding km, harsh events per 100 km, drivingDays, trips per driving day, average trip km and
     * driving hours per driving day. The urban, rural and motorway shares are fractions of the km whose road class is
     * known, set only when that is at least {@link #MIN_ROAD_CLASS_COVERAGE} of the period's km (and some km were
     * driven): otherwise they stay unknown, so a period without road data never earns a low-urban discount.
     */
    public static RatingInput.Builder addDriving(RatingInput.Builder b, List<DailyUsage> days, LocalDate from,
                                                 LocalDate toExclusive, double dailyKmCap) {
        return addDriving(b, days, from, toExclusive, dailyKmCap, ChronoUnit.DAYS.between(from, toExclusive));
    }

    /**
     * As {@link #addDriving(RatingInput.Builder, List, LocalDate, LocalDate, double)} for a rating period of
     * {@code ratingDays} other than the usage window {@code from..toExclusive} the days come from (impact analysis
     * of a book's next year from its recent driving): the exposure is the rating period's — periodDays =
     * ratingDays and cappedDistanceKm projected pro rata, capped km × ratingDays / window days — while every
     * behaviour variable (distanceKm, annualKm, shares, rates, drivingDays, …) is as observed in the window, so
     * credibility weighs the data actually seen.
     */
    public static RatingInput.Builder addDriving(RatingInput.Builder b, List<DailyUsage> days, LocalDate from,
                                                 LocalDate toExclusive, double dailyKmCap, long ratingDays) {
        if (ratingDays <= 0) throw new RatingException(RatingException.Reason.BAD_INPUT, "rating period of " + ratingDays + " days");
        long periodDays = ChronoUnit.DAYS.between(from, toExclusive);
        if (periodDays <= 0) throw new RatingException(RatingException.Reason.BAD_INPUT, "empty period " + from + " to " + toExclusive);
        double km = 0, capped = 0, night = 0, urban = 0, rural = 0, motorway = 0, speeding = 0, seconds = 0;
        long brakes = 0, accels = 0, corners = 0, trips = 0;
        int drivingDays = 0;
        Set<String> seen = new HashSet<>();
        for (DailyUsage d : days) {
            if (d.day().isBefore(from) || !d.day().isBefore(toExclusive)) {
                throw new RatingException(RatingException.Reason.BAD_INPUT, "usage day " + d.day() + " of " + d.deviceId() + " is outside " + from + ".." + toExclusive);
            }
            if (!seen.add(d.deviceId() + "|" + d.day())) {
                throw new RatingException(RatingException.Reason.BAD_INPUT, "duplicate usage day " + d.day() + " for " + d.deviceId());
            }
            km += d.distanceKm();
            capped += Math.min(d.distanceKm(), dailyKmCap);
            night += d.nightDistanceKm();
            urban += d.urbanDistanceKm();
            rural += d.ruralDistanceKm();
            motorway += d.motorwayDistanceKm();
            speeding += d.speedingDistanceKm();
            seconds += d.drivingTime().toSeconds();
            brakes += d.harshBrakes();
            accels += d.harshAccelerations();
            corners += d.harshCorners();
            trips += d.trips();
            if (d.distanceKm() > 0) drivingDays++;
        }
        b.set(Variable.PERIOD_DAYS, periodDays);
        b.set(Variable.DISTANCE_KM, km);
        b.set(Variable.CAPPED_DISTANCE_KM, capped);
        b.set(Variable.ANNUAL_KM, km * 365.0 / periodDays);
        b.set(Variable.NIGHT_SHARE, km == 0 ? 0 : night / km);
        double classified = urban + rural + motorway;
        if (km > 0 && classified >= MIN_ROAD_CLASS_COVERAGE * km) {
            b.set(Variable.URBAN_SHARE, urban / classified);
            b.set(Variable.RURAL_SHARE, rural / classified);
            b.set(Variable.MOTORWAY_SHARE, motorway / classified);
        }
        b.set(Variable.SPEEDING_SHARE, km == 0 ? 0 : speeding / km);
        b.set(Variable.HARSH_BRAKES_PER_100KM, km == 0 ? 0 : brakes * 100.0 / km);
        b.set(Variable.HARSH_ACCELERATIONS_PER_100KM, km == 0 ? 0 : accels * 100.0 / km);
        b.set(Variable.HARSH_CORNERS_PER_100KM, km == 0 ? 0 : corners * 100.0 / km);
        b.set(Variable.HARSH_EVENTS_PER_100KM, km == 0 ? 0 : (brakes + accels + corners) * 100.0 / km);
        b.set(Variable.DRIVING_DAYS, drivingDays);
        b.set(Variable.TRIPS_PER_DRIVING_DAY, drivingDays == 0 ? 0 : (double) trips / drivingDays);
        b.set(Variable.AVG_TRIP_KM, trips == 0 ? 0 : km / trips);
        b.set(Variable.DRIVING_HOURS_PER_DAY, drivingDays == 0 ? 0 : seconds / 3600.0 / drivingDays);
        if (ratingDays != periodDays) {
            b.set(Variable.PERIOD_DAYS, ratingDays);
            b.set(Variable.CAPPED_DISTANCE_KM, capped * ratingDays / periodDays);
        }
        return b;
    }

    /**
     * Sets periodDays, wornDays (days worn at least {@code minWornMinutesPerDay}), average daily steps and active
     * minutes over worn days, and the resting heart-rate trend: least-squares slope of the daily resting HR against
     * the day, in bpm per 30 days (NaN with fewer than 2 days carrying a resting HR).
     */
    public static RatingInput.Builder addWellness(RatingInput.Builder b, List<WearableDay> days, LocalDate from,
                                                  LocalDate toExclusive, int minWornMinutesPerDay) {
        return addWellness(b, days, from, toExclusive, minWornMinutesPerDay, ChronoUnit.DAYS.between(from, toExclusive));
    }

    /**
     * As {@link #addWellness(RatingInput.Builder, List, LocalDate, LocalDate, int)} for a rating period of
     * {@code ratingDays} other than the window the days come from: periodDays is the rating period's, the wellness
     * averages and wornDays are as observed in the window.
     */
    public static RatingInput.Builder addWellness(RatingInput.Builder b, List<WearableDay> days, LocalDate from,
                                                  LocalDate toExclusive, int minWornMinutesPerDay, long ratingDays) {
        if (ratingDays <= 0) throw new RatingException(RatingException.Reason.BAD_INPUT, "rating period of " + ratingDays + " days");
        long periodDays = ChronoUnit.DAYS.between(from, toExclusive);
        if (periodDays <= 0) throw new RatingException(RatingException.Reason.BAD_INPUT, "empty period " + from + " to " + toExclusive);
        int worn = 0;
        double steps = 0, active = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int nHr = 0;
        Set<LocalDate> seen = new HashSet<>();
        for (WearableDay d : days) {
            if (d.day().isBefore(from) || !d.day().isBefore(toExclusive)) {
                throw new RatingException(RatingException.Reason.BAD_INPUT, "wearable day " + d.day() + " is outside " + from + ".." + toExclusive);
            }
            if (!seen.add(d.day())) throw new RatingException(RatingException.Reason.BAD_INPUT, "duplicate wearable day " + d.day());
            if (d.wornMinutes() < minWornMinutesPerDay) continue;
            worn++;
            steps += d.steps();
            active += d.activeMinutes();
            if (d.restingHeartRateBpm() != null) {
                double x = ChronoUnit.DAYS.between(from, d.day()), y = d.restingHeartRateBpm();
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                nHr++;
            }
        }
        b.set(Variable.PERIOD_DAYS, ratingDays);
        b.set(Variable.WORN_DAYS, worn);
        if (worn > 0) {
            b.set(Variable.AVG_DAILY_STEPS, steps / worn);
            b.set(Variable.AVG_ACTIVE_MINUTES, active / worn);
        }
        double den = nHr * sxx - sx * sx;
        if (nHr >= 2 && den > 0) b.set(Variable.RESTING_HR_TREND, (nHr * sxy - sx * sy) / den * 30.0);
        return b;
    }
}
