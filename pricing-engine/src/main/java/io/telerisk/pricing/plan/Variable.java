package io.telerisk.pricing.plan;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The closed registry of rating variables a plan may use. A plan naming anything else is refused, so a typo
 * never silently rates at relativity 1. The ordinal is the slot in {@link io.telerisk.pricing.rating.RatingInput}.
 */
public enum Variable {
    // classic (declared by the policyholder or the policy system)
    DRIVER_AGE("driverAge", Kind.NUMERIC, Group.CLASSIC, "years"),
    LICENCE_YEARS("licenceYears", Kind.NUMERIC, Group.CLASSIC, "years"),
    NO_CLAIMS_YEARS("noClaimsYears", Kind.NUMERIC, Group.CLASSIC, "years"),
    VEHICLE_GROUP("vehicleGroup", Kind.NUMERIC, Group.CLASSIC, "group 1-50"),
    VEHICLE_AGE("vehicleAge", Kind.NUMERIC, Group.CLASSIC, "years"),
    VEHICLE_VALUE("vehicleValue", Kind.NUMERIC, Group.CLASSIC, "currency units"),
    CREDIT_SCORE("creditScore", Kind.NUMERIC, Group.CLASSIC, "points"),
    TERRITORY("territory", Kind.CATEGORICAL, Group.CLASSIC, "zone"),
    GENDER("gender", Kind.CATEGORICAL, Group.CLASSIC, "code"),
    VEHICLE_USE("vehicleUse", Kind.CATEGORICAL, Group.CLASSIC, "code"),
    PARKING("parking", Kind.CATEGORICAL, Group.CLASSIC, "code"),
    FUEL_TYPE("fuelType", Kind.CATEGORICAL, Group.CLASSIC, "code"),
    AGE("age", Kind.NUMERIC, Group.CLASSIC, "years"),
    SMOKER("smoker", Kind.CATEGORICAL, Group.CLASSIC, "yes/no"),
    // exposure of the quoted period (derived from usage summaries)
    PERIOD_DAYS("periodDays", Kind.NUMERIC, Group.EXPOSURE, "days"),
    CAPPED_DISTANCE_KM("cappedDistanceKm", Kind.NUMERIC, Group.EXPOSURE, "km"),
    // telematics (derived from DailyUsage over the period)
    DISTANCE_KM("distanceKm", Kind.NUMERIC, Group.TELEMATICS, "km"),
    ANNUAL_KM("annualKm", Kind.NUMERIC, Group.TELEMATICS, "km/year"),
    NIGHT_SHARE("nightShare", Kind.NUMERIC, Group.TELEMATICS, "fraction of km"),
    URBAN_SHARE("urbanShare", Kind.NUMERIC, Group.TELEMATICS, "fraction of km"),
    RURAL_SHARE("ruralShare", Kind.NUMERIC, Group.TELEMATICS, "fraction of km"),
    MOTORWAY_SHARE("motorwayShare", Kind.NUMERIC, Group.TELEMATICS, "fraction of km"),
    SPEEDING_SHARE("speedingShare", Kind.NUMERIC, Group.TELEMATICS, "fraction of km"),
    HARSH_BRAKES_PER_100KM("harshBrakesPer100Km", Kind.NUMERIC, Group.TELEMATICS, "events/100 km"),
    HARSH_ACCELERATIONS_PER_100KM("harshAccelerationsPer100Km", Kind.NUMERIC, Group.TELEMATICS, "events/100 km"),
    HARSH_CORNERS_PER_100KM("harshCornersPer100Km", Kind.NUMERIC, Group.TELEMATICS, "events/100 km"),
    HARSH_EVENTS_PER_100KM("harshEventsPer100Km", Kind.NUMERIC, Group.TELEMATICS, "events/100 km"),
    DRIVING_DAYS("drivingDays", Kind.NUMERIC, Group.TELEMATICS, "days"),
    TRIPS_PER_DRIVING_DAY("tripsPerDrivingDay", Kind.NUMERIC, Group.TELEMATICS, "trips/day"),
    AVG_TRIP_KM("avgTripKm", Kind.NUMERIC, Group.TELEMATICS, "km"),
    DRIVING_HOURS_PER_DAY("drivingHoursPerDay", Kind.NUMERIC, Group.TELEMATICS, "hours/driving day"),
    TELEMATICS_SCORE("telematicsScore", Kind.NUMERIC, Group.TELEMATICS, "score 0-100"),
    // wellness (derived from WearableDay aggregates only)
    AVG_DAILY_STEPS("avgDailySteps", Kind.NUMERIC, Group.WELLNESS, "steps/day"),
    AVG_ACTIVE_MINUTES("avgActiveMinutes", Kind.NUMERIC, Group.WELLNESS, "min/day"),
    RESTING_HR_TREND("restingHrTrendBpmPer30d", Kind.NUMERIC, Group.WELLNESS, "bpm per 30 days"),
    WORN_DAYS("wornDays", Kind.NUMERIC, Group.WELLNESS, "days");

    /** Whether a variable holds a number or a category label. */
    public enum Kind { NUMERIC, CATEGORICAL }

    /** Where the variable comes from; telematics factors are subject to credibility and caps. */
    public enum Group { CLASSIC, EXPOSURE, TELEMATICS, WELLNESS }

    private static final Map<String, Variable> BY_NAME = new HashMap<>();
    static {
        for (Variable v : values()) BY_NAME.put(v.id.toLowerCase(Locale.ROOT), v);
    }

    private final String id;
    private final Kind kind;
    private final Group group;
    private final String unit;

    Variable(String id, Kind kind, Group group, String unit) {
        this.id = id;
        this.kind = kind;
        this.group = group;
        this.unit = unit;
    }

    /** Name used in plan documents, CSV headers and explanations. */
    public String id() { return id; }

    public Kind kind() { return kind; }

    public Group group() { return group; }

    public String unit() { return unit; }

    /**
     * Whether the variable may be unknown for a period even though the device reported: the road shares, when the
     * vehicle reported the road class for too few of its km. A factor on such a variable is then not rated
     * (relativity 1, said so on its explanation line) instead of failing the quote or assuming a share.
     */
    public boolean neutralWhenUnknown() {
        return this == URBAN_SHARE || this == RURAL_SHARE || this == MOTORWAY_SHARE;
    }

    /** Looks a variable up by its document name (case-insensitive). */
    public static Optional<Variable> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(id.toLowerCase(Locale.ROOT)));
    }
}
