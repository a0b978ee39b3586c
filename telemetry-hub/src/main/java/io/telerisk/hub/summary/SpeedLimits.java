package io.telerisk.hub.summary;

import java.util.List;
import java.util.Objects;

/**
 * The speed limit in force at a position. Telemetry carries no road data, so the hub is told the limits: a
 * default limit (the national motorway maximum unless configured) and optional zones (town centres, school zones)
 * with lower limits. Roads whose limit is 50 km/h or less count as urban.
 */
public interface SpeedLimits {

    /** Speed limit at a position, km/h. */
    double limitKmh(double latitudeDeg, double longitudeDeg);

    /** Whether a limit makes a road urban. */
    static boolean urban(double limitKmh) {
        return limitKmh <= 50.0;
    }

    /** The same limit everywhere (no urban roads known). */
    static SpeedLimits everywhere(double limitKmh) {
        return (lat, lon) -> limitKmh;
    }

    /** Default: 130 km/h everywhere, so only speed above the highest general limit counts as speeding. */
    static SpeedLimits defaults() {
        return everywhere(130.0);
    }

    /** Circular zones with their own limit; the lowest limit of the zones containing a position wins. */
    static SpeedLimits zones(List<Zone> zones, double defaultLimitKmh) {
        List<Zone> copy = List.copyOf(zones);
        return (lat, lon) -> {
            double limit = defaultLimitKmh;
            for (Zone z : copy) if (z.contains(lat, lon)) limit = Math.min(limit, z.limitKmh());
            return limit;
        };
    }

    /** A circle of {@code radiusM} metres around a centre, with a limit in km/h. */
    record Zone(String name, double centreLatDeg, double centreLonDeg, double radiusM, double limitKmh) {
        public Zone {
            Objects.requireNonNull(name, "name");
            if (radiusM <= 0 || limitKmh <= 0) throw new IllegalArgumentException("zone " + name + " needs positive radius and limit");
        }

        boolean contains(double lat, double lon) {
            return Geo.distanceM(centreLatDeg, centreLonDeg, lat, lon) <= radiusM;
        }
    }
}
