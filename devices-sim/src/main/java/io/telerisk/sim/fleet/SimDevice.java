package io.telerisk.sim.fleet;

import io.telerisk.model.DeviceKey;
import io.telerisk.sim.farm.FarmField;
import io.telerisk.sim.vehicle.DriverProfile;
import io.telerisk.sim.wearable.FitnessProfile;

import java.util.Objects;

/**
 * One device of a fleet with its hidden profile: exactly one of {@code driver}, {@code fitness}, {@code field}
 * is set, by device type.
 *
 * @param index   index within its type, from 0
 * @param key     identity (tenant, type, id)
 * @param driver  the driver of a vehicle, else null
 * @param fitness the wearer of a wearable, else null
 * @param field   the field of a farm sensor, else null
 */
public record SimDevice(int index, DeviceKey key, DriverProfile driver, FitnessProfile fitness, FarmField field) {
    public SimDevice {
        Objects.requireNonNull(key, "key");
        int set = (driver != null ? 1 : 0) + (fitness != null ? 1 : 0) + (field != null ? 1 : 0);
        if (set != 1) throw new IllegalArgumentException("exactly one profile per device: " + key);
    }

    /** "tenant/deviceId", the MQTT username convention of the platform. */
    public String username() {
        return key.tenant() + "/" + key.deviceId();
    }
}
