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
 * @param urbanDistanceKm    part of it known to be driven on urban roads (residential and urban streets), km
 * @param ruralDistanceKm    part of it known to be driven on rural roads, km
 * @param motorwayDistanceKm part of it known to be driven on motorways, km; the km of {@code distanceKm} beyond
 *                           urban + rural + motorway were driven on roads of unknown class (see {@link #roadClassKm()})
 * @param drivingTime        time with the vehicle moving or the ignition on in a trip
 * @param trips              trips started that day
 * @param harshBrakes        harsh braking events
 * @param harshAccelerations harsh acceleration events
 * @param harshCorners       harsh cornering events
 */
public record DailyUsage(String tenant, String deviceId, LocalDate day, double distanceKm, double nightDistanceKm,
                         double speedingDistanceKm, double urbanDistanceKm, double ruralDistanceKm, double motorwayDistanceKm,
                         Duration drivingTime, int trips, int harshBrakes, int harshAccelerations, int harshCorners) {
    public DailyUsage {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(drivingTime, "drivingTime");
        double eps = 1e-9;
        if (distanceKm < 0 || nightDistanceKm < 0 || speedingDistanceKm < 0 || urbanDistanceKm < 0 || ruralDistanceKm < 0
                || motorwayDistanceKm < 0 || nightDistanceKm > distanceKm + eps || speedingDistanceKm > distanceKm + eps
                || urbanDistanceKm + ruralDistanceKm + motorwayDistanceKm > distanceKm + 1e-6) {
            throw new IllegalArgumentException("inconsistent distances for " + deviceId + " on " + day);
        }
        if (trips < 0 || harshBrakes < 0 || harshAccelerations < 0 || harshCorners < 0 || drivingTime.isNegative()) {
            throw new IllegalArgumentException("negative count for " + deviceId + " on " + day);
        }
    }

    /**
     * A day whose only known road class is urban: {@code urbanDistanceKm} urban, the rest of the distance of unknown
     * class (summaries and files from before rural and motorway km were summarised).
     */
    public DailyUsage(String tenant, String deviceId, LocalDate day, double distanceKm, double nightDistanceKm,
                      double speedingDistanceKm, double urbanDistanceKm, Duration drivingTime, int trips,
                      int harshBrakes, int harshAccelerations, int harshCorners) {
        this(tenant, deviceId, day, distanceKm, nightDistanceKm, speedingDistanceKm, urbanDistanceKm, 0, 0, drivingTime, trips,
                harshBrakes, harshAccelerations, harshCorners);
    }

    /** Km whose road class is known (urban + rural + motorway); the rest of {@code distanceKm} is of unknown class. */
    public double roadClassKm() {
        return urbanDistanceKm + ruralDistanceKm + motorwayDistanceKm;
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
