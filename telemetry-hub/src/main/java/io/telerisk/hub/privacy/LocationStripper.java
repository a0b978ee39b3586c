package io.telerisk.hub.privacy;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;

import java.util.ArrayList;
import java.util.List;

/** Removes what a {@link LocationDecision.Stripped} caller may not see. */
public final class LocationStripper {
    private LocationStripper() {
    }

    /** The sample without its GNSS fix (vehicle); other samples unchanged. */
    public static Sample strip(Sample s) {
        if (s instanceof VehicleSample v && v.position() != null) {
            return new VehicleSample(v.time(), null, v.speedMps(), v.headingDeg(), v.acceleration(), v.odometerKm(), v.ignitionOn());
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
