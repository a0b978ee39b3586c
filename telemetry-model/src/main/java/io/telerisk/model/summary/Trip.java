package io.telerisk.model.summary;

import java.time.Instant;
import java.util.Objects;

/**
 * One trip of a vehicle, from ignition on (or first movement) to ignition off (or a long stop).
 *
 * @param tenant             tenant
 * @param deviceId           vehicle device id
 * @param start              trip start (UTC)
 * @param end                trip end (UTC)
 * @param distanceKm         distance, km
 * @param nightDistanceKm    distance between 22:00 and 05:00 local time, km
 * @param speedingDistanceKm distance above the speed limit, km
 * @param maxSpeedMps        highest speed, m/s
 * @param harshBrakes        harsh braking events in the trip
 * @param harshAccelerations harsh acceleration events in the trip
 * @param harshCorners       harsh cornering events in the trip
 */
public record Trip(String tenant, String deviceId, Instant start, Instant end, double distanceKm,
                   double nightDistanceKm, double speedingDistanceKm, double maxSpeedMps,
                   int harshBrakes, int harshAccelerations, int harshCorners) {
    public Trip {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) throw new IllegalArgumentException("trip ends before it starts: " + deviceId + " " + start);
        if (distanceKm < 0) throw new IllegalArgumentException("negative distance: " + deviceId + " " + start);
    }
}
