package io.telerisk.model.codec;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceType;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;

import java.time.Instant;

/**
 * The union of every sample field of every device type, as read from JSON before the envelope's device type is
 * known (JSON objects are unordered, so {@code type} may come after {@code samples}). {@link #build} turns it
 * into the typed sample and rejects fields that belong to another device type.
 */
final class SampleFields {
    static final int LAT = 0, LON = 1, ALT = 2, HDOP = 3, SATS = 4, SPEED = 5, HEADING = 6, AX = 7, AY = 8, AZ = 9,
            ODOMETER = 10, IGNITION = 11, HEART_RATE = 12, STEPS = 13, SLEEP = 14, SPO2 = 15, SOIL_VWC = 16,
            SOIL_TEMP = 17, AIR_TEMP = 18, HUMIDITY = 19, RAIN = 20, LEAF = 21, COUNT = 22;

    /** JSON field names, by index. Part of the wire contract (docs/telemetry.md). */
    static final String[] NAMES = {"lat", "lon", "altM", "hdop", "sats", "speedMps", "headingDeg", "axMps2",
            "ayMps2", "azMps2", "odometerKm", "ignition", "heartRateBpm", "steps", "sleepStage", "spo2Percent",
            "soilMoistureVwc", "soilTemperatureC", "airTemperatureC", "relativeHumidityPercent", "rainfallMm",
            "leafWetnessPercent"};

    static final int VEHICLE_MASK = (1 << 12) - 1;
    static final int WEARABLE_MASK = 0b1111 << 12;
    static final int FARM_MASK = 0b111111 << 16;

    private static final int[] FIX_GROUP = {LAT, LON, ALT, HDOP, SATS};
    private static final int[] ACCEL_GROUP = {AX, AY, AZ};

    /** Fields holding whole numbers. */
    static final int INTEGER_MASK = 1 << SATS | 1 << HEART_RATE | 1 << STEPS;

    Instant time;
    int present;
    final double[] values = new double[COUNT];
    SleepStage sleepStage;

    /** Index of a sample field name, -1 for {@code t}, -2 for an unknown name (ignored for forward compatibility). */
    static int index(String name) {
        return switch (name) {
            case "t" -> -1;
            case "lat" -> LAT;
            case "lon" -> LON;
            case "altM" -> ALT;
            case "hdop" -> HDOP;
            case "sats" -> SATS;
            case "speedMps" -> SPEED;
            case "headingDeg" -> HEADING;
            case "axMps2" -> AX;
            case "ayMps2" -> AY;
            case "azMps2" -> AZ;
            case "odometerKm" -> ODOMETER;
            case "ignition" -> IGNITION;
            case "heartRateBpm" -> HEART_RATE;
            case "steps" -> STEPS;
            case "sleepStage" -> SLEEP;
            case "spo2Percent" -> SPO2;
            case "soilMoistureVwc" -> SOIL_VWC;
            case "soilTemperatureC" -> SOIL_TEMP;
            case "airTemperatureC" -> AIR_TEMP;
            case "relativeHumidityPercent" -> HUMIDITY;
            case "rainfallMm" -> RAIN;
            case "leafWetnessPercent" -> LEAF;
            default -> -2;
        };
    }

    static int maskOf(DeviceType type) {
        return switch (type) {
            case VEHICLE -> VEHICLE_MASK;
            case WEARABLE -> WEARABLE_MASK;
            case FARM_SENSOR -> FARM_MASK;
        };
    }

    static DeviceType ownerOf(int field) {
        if ((1 << field & VEHICLE_MASK) != 0) return DeviceType.VEHICLE;
        if ((1 << field & WEARABLE_MASK) != 0) return DeviceType.WEARABLE;
        return DeviceType.FARM_SENSOR;
    }

    void set(int field, double value) {
        values[field] = value;
        present |= 1 << field;
    }

    private boolean has(int field) {
        return (present & 1 << field) != 0;
    }

    private Double opt(int field) {
        return has(field) ? values[field] : null;
    }

    private Integer optInt(int field) {
        return has(field) ? (int) values[field] : null;
    }

    /** The typed sample; {@code array} and {@code index} name it in rejections, e.g. {@code samples[3]}. */
    Sample build(DeviceType type, String array, int index) {
        if (time == null) throw new DecodeFailure(RejectReason.MISSING_FIELD, array + "[" + index + "].t is missing");
        int foreign = present & ~maskOf(type);
        if (foreign != 0) {
            String path = array + "[" + index + "]";
            int f = Integer.numberOfTrailingZeros(foreign);
            throw new DecodeFailure(RejectReason.MALFORMED, path + "." + NAMES[f] + " is a " + ownerOf(f).wireName()
                    + " field but the envelope type is " + type.wireName());
        }
        return switch (type) {
            case VEHICLE -> vehicle(array, index);
            case WEARABLE -> new WearableSample(time, optInt(HEART_RATE), optInt(STEPS), sleepStage, opt(SPO2));
            case FARM_SENSOR -> new FarmSample(time, opt(SOIL_VWC), opt(SOIL_TEMP), opt(AIR_TEMP), opt(HUMIDITY),
                    opt(RAIN), opt(LEAF));
        };
    }

    private VehicleSample vehicle(String array, int index) {
        GnssFix fix = null;
        if (has(LAT) || has(LON) || has(ALT) || has(HDOP) || has(SATS)) {
            requireGroup(array, index, FIX_GROUP);
            fix = new GnssFix(values[LAT], values[LON], opt(ALT), opt(HDOP), optInt(SATS));
        }
        Acceleration a = null;
        if (has(AX) || has(AY) || has(AZ)) {
            requireGroup(array, index, ACCEL_GROUP);
            a = new Acceleration(values[AX], values[AY], values[AZ]);
        }
        Boolean ignition = has(IGNITION) ? values[IGNITION] != 0 : null;
        return new VehicleSample(time, fix, opt(SPEED), opt(HEADING), a, opt(ODOMETER), ignition);
    }

    /** A GNSS fix needs both lat and lon; an acceleration all three axes. */
    private void requireGroup(String array, int index, int[] fields) {
        int required = fields[0] == LAT ? 2 : 3;
        for (int i = 0; i < required; i++) {
            if (!has(fields[i])) {
                int given = 0;
                for (int f : fields) if (has(f)) { given = f; break; }
                throw new DecodeFailure(RejectReason.MISSING_FIELD, array + "[" + index + "]." + NAMES[fields[i]] + " is missing ("
                        + NAMES[given] + " is given)");
            }
        }
    }
}
