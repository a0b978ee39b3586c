package io.telerisk.model.summary;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of a farm sensor, aggregated. Credit and parametric claims read these.
 *
 * @param tenant                  tenant
 * @param deviceId                farm sensor device id
 * @param day                     calendar day
 * @param meanSoilMoistureVwc     mean volumetric soil water content, m³/m³, or {@code null}
 * @param minSoilMoistureVwc      minimum volumetric soil water content, m³/m³, or {@code null}
 * @param meanSoilTemperatureC    mean soil temperature, °C, or {@code null}
 * @param minAirTemperatureC      minimum air temperature, °C, or {@code null}
 * @param maxAirTemperatureC      maximum air temperature, °C, or {@code null}
 * @param meanRelativeHumidityPercent mean relative humidity, %, or {@code null}
 * @param rainfallMm              total rain, mm
 * @param leafWetHours            hours with leaf wetness at or above 50 %
 * @param samples                 readings aggregated (data completeness)
 */
public record FarmDay(String tenant, String deviceId, LocalDate day, Double meanSoilMoistureVwc,
                      Double minSoilMoistureVwc, Double meanSoilTemperatureC, Double minAirTemperatureC,
                      Double maxAirTemperatureC, Double meanRelativeHumidityPercent, double rainfallMm,
                      double leafWetHours, int samples) {
    public FarmDay {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(day, "day");
        if (rainfallMm < 0 || leafWetHours < 0 || samples < 0) {
            throw new IllegalArgumentException("negative value for " + deviceId + " on " + day);
        }
    }
}
