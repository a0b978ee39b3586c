package io.telerisk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A farm sensor measurement; readings not taken in this sample are {@code null}.
 *
 * @param time                   measurement time (UTC)
 * @param soilMoistureVwc        volumetric soil water content, m³/m³ (0..1)
 * @param soilTemperatureC       soil temperature, °C
 * @param airTemperatureC        air temperature, °C
 * @param relativeHumidityPercent relative humidity, % (0..100)
 * @param rainfallMm             rain since the previous sample, millimetres
 * @param leafWetnessPercent     leaf wetness, % of sensor surface wet (0..100)
 */
public record FarmSample(Instant time, Double soilMoistureVwc, Double soilTemperatureC, Double airTemperatureC,
                         Double relativeHumidityPercent, Double rainfallMm, Double leafWetnessPercent) implements Sample {
    public FarmSample {
        Objects.requireNonNull(time, "time");
    }

    @Override
    public DeviceType deviceType() {
        return DeviceType.FARM_SENSOR;
    }
}
