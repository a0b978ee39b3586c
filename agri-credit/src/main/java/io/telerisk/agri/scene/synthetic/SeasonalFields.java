package io.telerisk.agri.scene.synthetic;

import io.telerisk.agri.field.Field;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns registered fields into {@link SyntheticField}s for an acquisition date: each field's NDVI is its crop's
 * expected seasonal value, scaled by a per-field condition (1 = normal; 0.6 = a crop reaching 60 % of the normal
 * rise above bare soil, e.g. drought). devices-sim uses this to write a season of scenes.
 */
public final class SeasonalFields {
    private SeasonalFields() {
    }

    /**
     * @param condition field id → condition factor; fields not in the map are normal (1.0)
     */
    public static List<SyntheticField> on(LocalDate date, List<Field> fields, Map<String, Double> condition) {
        List<SyntheticField> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            double base = f.crop().baseNdvi();
            double expected = f.crop().expectedNdvi(f.sowingDate(), f.harvestDate(), date);
            double ndvi = base + condition.getOrDefault(f.fieldId(), 1.0) * (expected - base);
            out.add(new SyntheticField(f.boundary(), Math.max(-1, Math.min(1, ndvi))));
        }
        return out;
    }
}
