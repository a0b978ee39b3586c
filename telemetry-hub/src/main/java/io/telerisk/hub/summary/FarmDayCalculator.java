package io.telerisk.hub.summary;

import io.telerisk.model.FarmSample;
import io.telerisk.model.summary.FarmDay;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * One farm-sensor day from its samples (time-ordered, unique times, within the day). Means are over readings;
 * rain is summed (each sample reports rain since the previous one); leaf-wet hours are time-weighted: a reading at
 * or above {@value #LEAF_WET_PERCENT} % stands for the time until the next reading, capped at one hour (the last
 * reading for the previous interval, capped likewise).
 */
public final class FarmDayCalculator {
    static final double LEAF_WET_PERCENT = 50;
    static final double MAX_COVER_S = 3600;

    private FarmDayCalculator() {
    }

    public static FarmDay compute(String tenant, String deviceId, LocalDate day, List<FarmSample> samples) {
        Stat moisture = new Stat(), soilT = new Stat(), airT = new Stat(), rh = new Stat();
        double rain = 0, wetS = 0;
        for (int i = 0; i < samples.size(); i++) {
            FarmSample s = samples.get(i);
            moisture.add(s.soilMoistureVwc());
            soilT.add(s.soilTemperatureC());
            airT.add(s.airTemperatureC());
            rh.add(s.relativeHumidityPercent());
            if (s.rainfallMm() != null && s.rainfallMm() > 0) rain += s.rainfallMm();
            if (s.leafWetnessPercent() != null && s.leafWetnessPercent() >= LEAF_WET_PERCENT) {
                double cover;
                if (i + 1 < samples.size()) cover = seconds(s, samples.get(i + 1));
                else cover = i > 0 ? seconds(samples.get(i - 1), s) : 0;
                wetS += Math.min(MAX_COVER_S, cover);
            }
        }
        return new FarmDay(tenant, deviceId, day, moisture.mean(), moisture.min, soilT.mean(), airT.min, airT.max,
                rh.mean(), rain, wetS / 3600, samples.size());
    }

    private static double seconds(FarmSample a, FarmSample b) {
        return Duration.between(a.time(), b.time()).toNanos() / 1e9;
    }

    private static final class Stat {
        double sum;
        int n;
        Double min;
        Double max;

        void add(Double v) {
            if (v == null) return;
            sum += v;
            n++;
            min = min == null ? v : Math.min(min, v);
            max = max == null ? v : Math.max(max, v);
        }

        Double mean() {
            return n == 0 ? null : sum / n;
        }
    }
}
