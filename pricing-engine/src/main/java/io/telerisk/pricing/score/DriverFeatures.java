package io.telerisk.pricing.score;

import io.telerisk.model.summary.DailyUsage;

import java.util.List;

/**
 * The feature vector a telematics risk model sees, from a period's daily usage summaries (never raw samples).
 * Order is part of a trained model's contract (see {@link #NAMES}).
 */
public final class DriverFeatures {
    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of("logAnnualKmOver10k", "nightShare", "urbanShare", "speedingShare",
            "harshBrakesPer100Km", "harshAccelerationsPer100Km", "harshCornersPer100Km", "logAvgTripKmOver10");

    private DriverFeatures() {}

    /** Features of {@code periodDays} days of usage; a period without driving gets the "no km" vector. */
    public static double[] of(List<DailyUsage> days, int periodDays) {
        if (periodDays <= 0) throw new IllegalArgumentException("periodDays must be > 0");
        double km = 0, night = 0, urban = 0, speeding = 0;
        long brakes = 0, accels = 0, corners = 0, trips = 0;
        for (DailyUsage d : days) {
            km += d.distanceKm();
            night += d.nightDistanceKm();
            urban += d.urbanDistanceKm();
            speeding += d.speedingDistanceKm();
            brakes += d.harshBrakes();
            accels += d.harshAccelerations();
            corners += d.harshCorners();
            trips += d.trips();
        }
        double annualKm = Math.max(100, km * 365.0 / periodDays);
        double per100 = km > 0 ? 100.0 / km : 0;
        double avgTrip = trips > 0 ? Math.max(0.5, km / trips) : 10;
        return new double[] {Math.log(annualKm / 10000), km > 0 ? night / km : 0, km > 0 ? urban / km : 0,
                km > 0 ? speeding / km : 0, brakes * per100, accels * per100, corners * per100, Math.log(avgTrip / 10)};
    }
}
