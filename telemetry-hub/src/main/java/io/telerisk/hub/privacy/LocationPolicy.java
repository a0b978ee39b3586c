package io.telerisk.hub.privacy;

import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see raw positions (and raw health samples). The rules, in one place:
 * <ul>
 *   <li>operator: everything of the tenant it acts for; position reads are logged;</li>
 *   <li>adjuster naming a claim: a vehicle's positions within the claim grant's window (the whole requested range
 *       must lie inside it), logged with the claim; an adjuster reading raw vehicle telemetry without a claim is
 *       denied (events are served without positions instead);</li>
 *   <li>insurer, farmer: telemetry and events with positions and direction ({@link #DIRECTION_FIELDS}: heading,
 *       accelerations) removed, so no route can be rebuilt by dead reckoning; downsampled position and direction
 *       fields denied;</li>
 *   <li>raw wearable samples are health data: operator only, and each operator read of a wearable's telemetry, events
 *       or series is logged ({@link LocationDecision.RawHealth}); everyone else uses the daily aggregates, or series
 *       of whole buckets of at least {@link #MIN_HEALTH_BUCKET} (see {@link #healthSeriesProblem}).</li>
 * </ul>
 * The policy never reads tokens or HTTP; the API resolves the grant (if a claim is named) and passes it in.
 */
public final class LocationPolicy {
    /** Fields of a stored vehicle sample that come from its GNSS fix. */
    public static final Set<String> POSITION_FIELDS = Set.of("latitudeDeg", "longitudeDeg", "altitudeM", "hdop", "satellites");

    /**
     * Fields that give a vehicle's direction: the heading itself, and the accelerations (lateral acceleration divided by
     * speed is the turn rate, whose integral is the heading). With the speed and a known start they rebuild the route
     * by dead reckoning to within metres, so they are read like positions: removed where positions are removed,
     * their series readable (and logged) only where positions are. Speed alone stays: it gives how far, not where.
     */
    public static final Set<String> DIRECTION_FIELDS = Set.of("headingDeg", "accelXMps2", "accelYMps2", "accelZMps2");

    /**
     * The finest series of health data (every wearable field) that anyone but an operator may read. An hourly mean,
     * minimum, maximum, sum or count describes a person's hour, not their heartbeat: per-minute heart rate and SpO2
     * were the raw data again, which {@code /telemetry} refuses.
     */
    public static final Duration MIN_HEALTH_BUCKET = Duration.ofHours(1);

    /** What is being read. */
    public enum Resource {
        RAW_TELEMETRY("telemetry"), EVENTS("events"), SERIES("series"),
        /** A fleet map's last known position of each vehicle: operators only, each vehicle's read logged. */
        LAST_POSITION("last-position");

        private final String logName;

        Resource(String logName) {
            this.logName = logName;
        }

        /** The name written to the access log. */
        public String logName() {
            return logName;
        }
    }

    /**
     * Decides for one read.
     *
     * @param who      the caller
     * @param device   the device read (already known to be in the caller's scope)
     * @param from     range start
     * @param to       range end (exclusive)
     * @param claimId  the claim the caller named, or {@code null}
     * @param grant    the grant found for that claim and device, or {@code null} (none, or no claim named)
     * @param resource what is read
     * @param field    for {@link Resource#SERIES}, the field; otherwise ignored
     */
    public LocationDecision decide(Principal who, DeviceKey device, Instant from, Instant to, String claimId,
                                   ClaimAccessGrant grant, Resource resource, String field) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(device, "device");
        if (who.isOperator()) {
            if (device.type() == DeviceType.WEARABLE) return new LocationDecision.RawHealth(who.operatorRole());
            return carriesPositions(device, resource, field) ? new LocationDecision.Full(who.operatorRole(), null) : new LocationDecision.NoLocation();
        }
        if (device.type() == DeviceType.WEARABLE) {
            return switch (resource) {
                case RAW_TELEMETRY -> new LocationDecision.Denied("raw wearable samples are health data and readable by operators only; "
                        + "use /api/v1/devices/wearable/{id}/wearable-days or /series for aggregates");
                case EVENTS -> new LocationDecision.Stripped();
                case SERIES, LAST_POSITION -> new LocationDecision.NoLocation();
            };
        }
        if (!carriesPositions(device, resource, field)) return new LocationDecision.NoLocation();
        if (resource == Resource.LAST_POSITION) {
            return new LocationDecision.Denied("last positions of the fleet are readable by operators only");
        }

        if (claimId != null) {
            if (!who.has(Role.ADJUSTER)) {
                return new LocationDecision.Denied("only adjusters read positions under a claim");
            }
            if (grant == null) {
                return new LocationDecision.Denied("claim '" + claimId + "' grants no access to device " + device.deviceId());
            }
            if (!grant.covers(from, to)) {
                return new LocationDecision.Denied("requested range " + from + " .. " + to + " lies outside claim '" + claimId
                        + "' window " + grant.from() + " .. " + grant.to());
            }
            return new LocationDecision.Full(Role.ADJUSTER, claimId);
        }
        if (resource == Resource.SERIES) {
            return new LocationDecision.Denied("field '" + field + "' is a position or gives the direction from which a route "
                    + "is rebuilt; such fields are readable by operators, and by adjusters under a claim");
        }
        boolean mayStrip = who.hasAny(Role.INSURER, Role.FARMER) || resource == Resource.EVENTS;
        if (mayStrip) return new LocationDecision.Stripped();
        return new LocationDecision.Denied("adjusters read raw vehicle telemetry only under a claim: pass claim=<claimId>");
    }

    /**
     * Why this caller may not read this series of health data, or empty when it may. For anyone but an operator, a
     * wearable's series needs a bucket of at least {@link #MIN_HEALTH_BUCKET} and a range made of whole buckets
     * ({@code from} and {@code to} on bucket boundaries, counted from the epoch in UTC, as the stores align them):
     * a partial first or last bucket, moved one minute at a time, would give the per-minute values back by difference.
     */
    public Optional<String> healthSeriesProblem(Principal who, DeviceKey device, Instant from, Instant to, Duration bucket) {
        if (who.isOperator() || device.type() != DeviceType.WEARABLE) return Optional.empty();
        if (bucket.compareTo(MIN_HEALTH_BUCKET) < 0) {
            return Optional.of("wearable series are health data: buckets of at least " + MIN_HEALTH_BUCKET.toHours()
                    + " h for this role (finer series are readable by operators only), got " + bucket);
        }
        long b = bucket.toMillis();
        if (from.toEpochMilli() % b != 0 || to.toEpochMilli() % b != 0) {
            return Optional.of("wearable series are health data: 'from' and 'to' must lie on " + bucket
                    + " bucket boundaries (UTC, counted from 1970-01-01T00:00:00Z) for this role, so no bucket is partial");
        }
        return Optional.empty();
    }

    private static boolean carriesPositions(DeviceKey device, Resource resource, String field) {
        if (device.type() != DeviceType.VEHICLE) return false;
        return resource != Resource.SERIES || POSITION_FIELDS.contains(field) || DIRECTION_FIELDS.contains(field);
    }
}
