package io.telerisk.agri.health;

import io.telerisk.agri.field.Field;
import io.telerisk.model.summary.FarmDay;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Counts water-stress days of a field from its sensor's {@link FarmDay}s and its soil's wilting point. */
public final class WaterStressCalculator {
    private final FarmDayHistory history;

    public WaterStressCalculator(FarmDayHistory history) {
        this.history = Objects.requireNonNull(history);
    }

    /** Stress in {@code [from, toExclusive)}; a field without a device has no measured days. */
    public WaterStress between(Field field, LocalDate from, LocalDate toExclusive) {
        int period = (int) Math.max(0, ChronoUnit.DAYS.between(from, toExclusive));
        double wp = field.soil().wiltingPointVwc();
        if (field.deviceId() == null || period == 0) return new WaterStress(0, 0, period, wp);
        int stress = 0, measured = 0;
        for (FarmDay d : history.between(field.tenant(), field.deviceId(), from, toExclusive)) {
            Double vwc = d.meanSoilMoistureVwc();
            if (vwc == null || vwc.isNaN() || vwc < 0 || vwc > 1) continue; // unusable reading: counts as missing
            measured++;
            if (vwc < wp) stress++;
        }
        return new WaterStress(stress, measured, period, wp);
    }
}
