package io.telerisk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A wearable measurement; readings not taken in this sample are {@code null}.
 *
 * @param time         measurement time (UTC)
 * @param heartRateBpm heart rate in beats per minute, or {@code null}
 * @param steps        steps counted since the previous sample (not a running total), or {@code null}
 * @param sleepStage   current sleep stage, or {@code null} when not asleep-tracking
 * @param spo2Percent  blood oxygen saturation in percent, or {@code null}
 */
public record WearableSample(Instant time, Integer heartRateBpm, Integer steps, SleepStage sleepStage,
                             Double spo2Percent) implements Sample {
    public WearableSample {
        Objects.requireNonNull(time, "time");
    }

    @Override
    public DeviceType deviceType() {
        return DeviceType.WEARABLE;
    }
}
