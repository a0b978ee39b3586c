package io.telerisk.model.summary;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of driving for one vehicle, as the hub summarises it. The day is the calendar day in the tenant's
 * zone (see the hub configuration). Pricing reads these; fields and units are a stable contract.
 *
 * @param tenant             tenant
 * @param deviceId           vehicle device id
 * @param day                calendar day
 * @param distanceKm         distance driven, km
 * @param nightDistanceKm    part of it driven between 22:00 and 05:00 local time, km
 * @param speedingDistanceKm part of it driven above the speed limit in force, km
 * @param urbanDistanceKm    part of it driven on urban roads (speed limit 50 km/h or less), km
 * @param drivingTime        time with the vehicle moving or the ignition on in a trip
 * @param trips              trips started that day
 * @param harshBrakes        harsh braking events
 * @param harshAccelerations harsh acceleration events
 * @param harshCorners       harsh cornering events
 */
public record DailyUsage(String tenant, String deviceId, LocalDate day, double distanceKm, double nightDistanceKm,
                         double speedingDistanceKm, double urbanDistanceKm, Duration drivingTime, int trips,
                         int harshBrakes, int harshAccelerations, int harshCorners) {
    public DailyUsage {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(drivingTime, "drivingTime");
        double eps = 1e-9;
        if (distanceKm < 0 || nightDistanceKm < 0 || speedingDistanceKm < 0 || urbanDistanceKm < 0
                || nightDistanceKm > distanceKm + eps || speedingDistanceKm > distanceKm + eps
                || urbanDistanceKm > distanceKm + eps) {
            throw new IllegalArgumentException("inconsistent distances for " + deviceId + " on " + day);
        }
        if (trips < 0 || harshBrakes < 0 || harshAccelerations < 0 || harshCorners < 0 || drivingTime.isNegative()) {
            throw new IllegalArgumentException("negative count for " + deviceId + " on " + day);
        }
    }

    /** All harsh events (braking, acceleration, cornering). */
    public int harshEvents() {
        return harshBrakes + harshAccelerations + harshCorners;
    }

    /** Harsh events per 100 km driven; 0 when nothing was driven. */
    public double harshEventsPer100Km() {
        return distanceKm == 0 ? 0 : harshEvents() * 100.0 / distanceKm;
    }
}
