package io.telerisk.model.summary;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of a wearable, aggregated. Only these aggregates leave the hub for pricing, never raw health samples.
 *
 * @param tenant              tenant
 * @param deviceId            wearable device id
 * @param day                 calendar day
 * @param steps               steps that day
 * @param activeMinutes       minutes with moderate or vigorous activity (heart rate or cadence based)
 * @param restingHeartRateBpm resting heart rate estimate, bpm, or {@code null} without enough data
 * @param sleepMinutes        minutes asleep (light, deep or REM)
 * @param meanSpo2Percent     mean SpO2, %, or {@code null}
 * @param wornMinutes         minutes with any reading (data completeness)
 */
public record WearableDay(String tenant, String deviceId, LocalDate day, int steps, int activeMinutes,
                          Double restingHeartRateBpm, int sleepMinutes, Double meanSpo2Percent, int wornMinutes) {
    public WearableDay {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(day, "day");
        if (steps < 0 || activeMinutes < 0 || sleepMinutes < 0 || wornMinutes < 0) {
            throw new IllegalArgumentException("negative count for " + deviceId + " on " + day);
        }
    }
}
