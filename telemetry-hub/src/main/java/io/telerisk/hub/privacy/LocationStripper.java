package io.telerisk.hub.privacy;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;

import java.util.ArrayList;
import java.util.List;

/** Removes what a {@link LocationDecision.Stripped} caller may not see: positions and what rebuilds them. */
public final class LocationStripper {
    private LocationStripper() {
    }

    /**
     * The vehicle sample without its GNSS fix and without direction (heading, accelerations: see
     * {@link LocationPolicy#DIRECTION_FIELDS}); speed, odometer and ignition stay. Other samples unchanged.
     */
    public static Sample strip(Sample s) {
        if (s instanceof VehicleSample v) {
            return new VehicleSample(v.time(), null, v.speedMps(), null, null, v.odometerKm(), v.ignitionOn());
        }
        return s;
    }

    /** The event with its window's positions removed, and raw wearable windows dropped altogether. */
    public static DeviceEvent strip(DeviceEvent e) {
        if (e.window().isEmpty()) return e;
        List<Sample> w = new ArrayList<>(e.window().size());
        for (Sample s : e.window()) {
            if (s instanceof WearableSample) continue;
            w.add(strip(s));
        }
        return new DeviceEvent(e.type(), e.time(), e.measures(), e.labels(), w);
    }
}
