package io.telerisk.sim.vehicle;

import io.telerisk.sim.Rng;

/**
 * A driver's behaviour, all derived from one latent risk parameter in [0, 1] (0 = most cautious) plus a little
 * individual noise. The latent risk is what a pricing model should recover from the telemetry.
 *
 * @param latentRisk                 the hidden risk parameter, 0..1
 * @param cruiseFactor               cruising speed as a fraction of the limit (0.85..0.99)
 * @param speedingEpisodesPer100Km   deliberate speeding episodes per 100 km
 * @param speedingFactor             typical speed over the limit during an episode (1.08..1.40)
 * @param harshEventsPer100Km        harsh braking/cornering events per 100 km
 * @param harshLaunchProbability     probability that a start from standstill is a harsh acceleration
 * @param comfortAccelMps2           normal acceleration, m/s²
 * @param comfortDecelMps2           normal braking deceleration, m/s²
 * @param nightTripProbabilityPerDay probability of a night trip (22:00–05:00 local) on a given day
 * @param leisureTripsPerDay         mean number of leisure trips per day besides commuting
 * @param commuter                   whether the driver commutes on weekdays
 * @param crashProbabilityPerTrip    probability that a trip ends in a crash
 * @param homeLatitudeDeg            home position
 * @param homeLongitudeDeg           home position
 */
public record DriverProfile(double latentRisk, double cruiseFactor, double speedingEpisodesPer100Km,
                            double speedingFactor, double harshEventsPer100Km, double harshLaunchProbability,
                            double comfortAccelMps2, double comfortDecelMps2, double nightTripProbabilityPerDay,
                            double leisureTripsPerDay, boolean commuter, double crashProbabilityPerTrip,
                            double homeLatitudeDeg, double homeLongitudeDeg) {

    public DriverProfile {
        if (!(latentRisk >= 0 && latentRisk <= 1)) throw new IllegalArgumentException("latentRisk not in [0,1]: " + latentRisk);
        if (cruiseFactor <= 0 || cruiseFactor > 1) throw new IllegalArgumentException("cruiseFactor not in (0,1]: " + cruiseFactor);
    }

    /** A word for the profile: cautious (risk below 0.33), moderate, or aggressive (0.67 and above). */
    public String style() {
        return latentRisk < 1.0 / 3 ? "cautious" : latentRisk < 2.0 / 3 ? "moderate" : "aggressive";
    }

    /**
     * Draws a driver. Latent risk follows Beta(2, 3.5): most drivers are fairly safe, a tail is aggressive.
     *
     * @param crashRateMultiplier scales the (rare) crash probability; 1 is realistic, tests raise it
     */
    public static DriverProfile draw(Rng rng, double centreLatDeg, double centreLonDeg, double radiusKm,
                                     double crashRateMultiplier) {
        double r = rng.beta(2, 3.5);
        double noise = rng.gaussian(0, 0.02);
        double cruise = clamp(0.87 + 0.11 * r + noise, 0.82, 0.99);
        double speedingPer100 = 0.3 + 14 * r * r + Math.abs(rng.gaussian(0, 0.3));
        double speedingFactor = 1.08 + 0.25 * r + Math.abs(rng.gaussian(0, 0.02));
        double harshPer100 = 0.4 + 9 * r * r + Math.abs(rng.gaussian(0, 0.3));
        double launch = clamp(0.01 + 0.25 * r * r, 0, 0.5);
        double accel = clamp(1.0 + 1.0 * r + rng.gaussian(0, 0.1), 0.8, 2.4);
        double decel = clamp(1.8 + 0.8 * r + rng.gaussian(0, 0.1), 1.5, 2.9);
        double night = clamp(0.02 + 0.25 * r + rng.gaussian(0, 0.02), 0, 0.5);
        double leisure = clamp(0.6 + rng.gaussian(0, 0.3), 0.1, 2);
        boolean commuter = rng.chance(0.75);
        double crash = clamp((0.0005 + 0.004 * r * r) * crashRateMultiplier, 0, 1);
        double bearing = rng.uniform(0, 2 * Math.PI);
        double distKm = radiusKm * Math.sqrt(rng.uniform());
        double lat = centreLatDeg + distKm * Math.cos(bearing) / 111.32;
        double lon = centreLonDeg + distKm * Math.sin(bearing) / (111.32 * Math.cos(Math.toRadians(centreLatDeg)));
        return new DriverProfile(r, cruise, speedingPer100, speedingFactor, harshPer100, launch, accel, decel, night,
                leisure, commuter, crash, lat, lon);
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
