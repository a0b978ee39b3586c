package io.telerisk.model;

import java.util.Locale;

/** The kinds of device that publish telemetry. The wire name is what appears in topics and payloads. */
public enum DeviceType {
    VEHICLE("vehicle"),
    WEARABLE("wearable"),
    FARM_SENSOR("farm-sensor");

    private final String wireName;

    DeviceType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in MQTT topics and JSON payloads, e.g. {@code farm-sensor}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException naming the unknown value
     */
    public static DeviceType fromWire(String name) {
        if (name != null) {
            String n = name.toLowerCase(Locale.ROOT);
            for (DeviceType t : values()) {
                if (t.wireName.equals(n)) return t;
            }
        }
        throw new IllegalArgumentException("unknown device type '" + name + "' (expected vehicle, wearable or farm-sensor)");
    }
}
