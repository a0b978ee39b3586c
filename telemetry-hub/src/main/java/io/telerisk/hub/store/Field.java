package io.telerisk.hub.store;

import io.telerisk.model.DeviceType;

/**
 * One stored field of a sample type: its name in InfluxDB and in the API (the model's component name with its
 * unit), its SQL column, and its kind.
 *
 * @param name   field name, e.g. {@code speedMps}; used as the InfluxDB field key and in downsampled reads
 * @param column SQL column, e.g. {@code speed_mps}
 * @param kind   value kind; only {@link Kind#DOUBLE} and {@link Kind#LONG} fields can be aggregated
 * @param type   device type whose samples carry it
 */
public record Field(String name, String column, Kind kind, DeviceType type) {
    /** Value kinds, as stored. */
    public enum Kind { DOUBLE, LONG, BOOLEAN, STRING }

    /** Whether the field can be aggregated (mean, min, max, sum) and rolled up. */
    public boolean numeric() {
        return kind == Kind.DOUBLE || kind == Kind.LONG;
    }
}
