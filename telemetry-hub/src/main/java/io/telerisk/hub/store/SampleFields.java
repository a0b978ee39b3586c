package io.telerisk.hub.store;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceType;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of stored fields per device type, shared by both adapters so a field has one name everywhere,
 * and the mapping between samples and field values. Values are {@code Double}, {@code Long}, {@code Boolean} or
 * {@code String}; absent readings are {@code null}.
 */
public final class SampleFields {
    private static final Map<DeviceType, List<Field>> FIELDS = new EnumMap<>(DeviceType.class);

    static {
        FIELDS.put(DeviceType.VEHICLE, List.of(
                f("latitudeDeg", "latitude_deg", Field.Kind.DOUBLE, DeviceType.VEHICLE),
                f("longitudeDeg", "longitude_deg", Field.Kind.DOUBLE, DeviceType.VEHICLE),
                f("altitudeM", "altitude_m", Field.Kind.DOUBLE, DeviceType.VEHICLE),
                f("hdop", "hdop", Field.Kind.DOUBLE, DeviceType.VEHICLE),
                f("satellites", "satellites", Field.Kind.LONG, DeviceType.VEHICLE),
                f("speedMps", "speed_mps", Field.Kind.DOUBLE, DeviceType.VEHICLE),
                f("headingDeg", "heading_deg", Field.Kind.DOUBLE, DeviceType.VEHICLE),
                f("accelXMps2", "accel_x_mps2", Field.Kind.DOUBLE, DeviceType.VEHICLE),
                f("accelYMps2", "accel_y_mps2", Field.Kind.DOUBLE, DeviceType.VEHICLE),
                f("accelZMps2", "accel_z_mps2", Field.Kind.DOUBLE, DeviceType.VEHICLE),
                f("odometerKm", "odometer_km", Field.Kind.DOUBLE, DeviceType.VEHICLE),
                f("ignitionOn", "ignition_on", Field.Kind.BOOLEAN, DeviceType.VEHICLE)));
        FIELDS.put(DeviceType.WEARABLE, List.of(
                f("heartRateBpm", "heart_rate_bpm", Field.Kind.LONG, DeviceType.WEARABLE),
                f("steps", "steps", Field.Kind.LONG, DeviceType.WEARABLE),
                f("sleepStage", "sleep_stage", Field.Kind.STRING, DeviceType.WEARABLE),
                f("spo2Percent", "spo2_percent", Field.Kind.DOUBLE, DeviceType.WEARABLE)));
        FIELDS.put(DeviceType.FARM_SENSOR, List.of(
                f("soilMoistureVwc", "soil_moisture_vwc", Field.Kind.DOUBLE, DeviceType.FARM_SENSOR),
                f("soilTemperatureC", "soil_temperature_c", Field.Kind.DOUBLE, DeviceType.FARM_SENSOR),
                f("airTemperatureC", "air_temperature_c", Field.Kind.DOUBLE, DeviceType.FARM_SENSOR),
                f("relativeHumidityPercent", "relative_humidity_percent", Field.Kind.DOUBLE, DeviceType.FARM_SENSOR),
                f("rainfallMm", "rainfall_mm", Field.Kind.DOUBLE, DeviceType.FARM_SENSOR),
                f("leafWetnessPercent", "leaf_wetness_percent", Field.Kind.DOUBLE, DeviceType.FARM_SENSOR)));
    }

    private SampleFields() {
    }

    private static Field f(String name, String column, Field.Kind kind, DeviceType type) {
        return new Field(name, column, kind, type);
    }

    /** The fields of a device type, in a stable order (the order of {@link #values(Sample)}). */
    public static List<Field> of(DeviceType type) {
        return FIELDS.get(type);
    }

    /** The numeric fields of a device type (those that are rolled up). */
    public static List<Field> numeric(DeviceType type) {
        List<Field> out = new ArrayList<>();
        for (Field f : of(type)) if (f.numeric()) out.add(f);
        return out;
    }

    /** The field of this type with this name. */
    public static Optional<Field> find(DeviceType type, String name) {
        for (Field f : of(type)) if (f.name().equals(name)) return Optional.of(f);
        return Optional.empty();
    }

    /**
     * The numeric field to aggregate, or a clear error naming the valid ones.
     *
     * @throws IllegalArgumentException for unknown or non-numeric fields
     */
    public static Field numericField(DeviceType type, String name) {
        Field f = find(type, name).orElseThrow(() -> new IllegalArgumentException(
                "unknown field '" + name + "' for " + type.wireName() + " (known: " + names(numeric(type)) + ")"));
        if (!f.numeric()) {
            throw new IllegalArgumentException("field '" + name + "' of " + type.wireName()
                    + " is not numeric and cannot be aggregated (numeric: " + names(numeric(type)) + ")");
        }
        return f;
    }

    private static String names(List<Field> fields) {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(f.name());
        }
        return sb.toString();
    }

    /** The field values of a sample, in {@link #of(DeviceType)} order; absent readings are {@code null}. */
    public static Object[] values(Sample sample) {
        if (sample instanceof VehicleSample v) {
            GnssFix p = v.position();
            Acceleration a = v.acceleration();
            return new Object[]{
                    p == null ? null : p.latitudeDeg(), p == null ? null : p.longitudeDeg(),
                    p == null ? null : p.altitudeM(), p == null ? null : p.hdop(),
                    p == null || p.satellites() == null ? null : (Object) p.satellites().longValue(),
                    v.speedMps(), v.headingDeg(),
                    a == null ? null : a.xMps2(), a == null ? null : a.yMps2(), a == null ? null : a.zMps2(),
                    v.odometerKm(), v.ignitionOn()};
        } else if (sample instanceof WearableSample w) {
            return new Object[]{
                    w.heartRateBpm() == null ? null : (Object) w.heartRateBpm().longValue(),
                    w.steps() == null ? null : (Object) w.steps().longValue(),
                    w.sleepStage() == null ? null : w.sleepStage().name().toLowerCase(Locale.ROOT),
                    w.spo2Percent()};
        } else if (sample instanceof FarmSample f) {
            return new Object[]{f.soilMoistureVwc(), f.soilTemperatureC(), f.airTemperatureC(),
                    f.relativeHumidityPercent(), f.rainfallMm(), f.leafWetnessPercent()};
        }
        throw new IllegalArgumentException("unknown sample " + sample);
    }

    /** Field values by name, for diagnostics and JSON. */
    public static Map<String, Object> valueMap(Sample sample) {
        List<Field> fields = of(sample.deviceType());
        Object[] values = values(sample);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) if (values[i] != null) m.put(fields.get(i).name(), values[i]);
        return m;
    }

    /**
     * Rebuilds a sample from stored values looked up by field name (the inverse of {@link #values(Sample)}).
     * Numbers may come back as any {@link Number}; booleans as Boolean or number; strings as String.
     */
    public static Sample sample(DeviceType type, Instant time, java.util.function.Function<String, Object> value) {
        switch (type) {
            case VEHICLE -> {
                Double lat = dbl(value.apply("latitudeDeg"));
                Double lon = dbl(value.apply("longitudeDeg"));
                GnssFix fix = lat == null || lon == null ? null : new GnssFix(lat, lon,
                        dbl(value.apply("altitudeM")), dbl(value.apply("hdop")), integer(value.apply("satellites")));
                Double ax = dbl(value.apply("accelXMps2"));
                Double ay = dbl(value.apply("accelYMps2"));
                Double az = dbl(value.apply("accelZMps2"));
                Acceleration acc = ax == null || ay == null || az == null ? null : new Acceleration(ax, ay, az);
                return new VehicleSample(time, fix, dbl(value.apply("speedMps")), dbl(value.apply("headingDeg")), acc,
                        dbl(value.apply("odometerKm")), bool(value.apply("ignitionOn")));
            }
            case WEARABLE -> {
                Object stage = value.apply("sleepStage");
                return new WearableSample(time, integer(value.apply("heartRateBpm")), integer(value.apply("steps")),
                        stage == null ? null : SleepStage.valueOf(stage.toString().toUpperCase(Locale.ROOT)),
                        dbl(value.apply("spo2Percent")));
            }
            case FARM_SENSOR -> {
                return new FarmSample(time, dbl(value.apply("soilMoistureVwc")), dbl(value.apply("soilTemperatureC")),
                        dbl(value.apply("airTemperatureC")), dbl(value.apply("relativeHumidityPercent")),
                        dbl(value.apply("rainfallMm")), dbl(value.apply("leafWetnessPercent")));
            }
            default -> throw new IllegalArgumentException("unknown type " + type);
        }
    }

    private static Double dbl(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    private static Boolean bool(Object o) {
        if (o == null) return null;
        if (o instanceof Boolean b) return b;
        if (o instanceof Number n) return n.intValue() != 0;
        return Boolean.parseBoolean(o.toString());
    }
}
