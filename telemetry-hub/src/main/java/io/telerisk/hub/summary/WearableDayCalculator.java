package io.telerisk.hub.summary;

import io.telerisk.model.SleepStage;
import io.telerisk.model.WearableSample;
import io.telerisk.model.summary.WearableDay;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One wearable day from its samples (time-ordered, unique times, all within the day). A sample stands for the
 * time until the next one when that is at most {@value #MAX_COVER_S} s away, otherwise (the last one, or before a
 * silence) for {@value #LAST_COVER_S} s, which makes minutes independent of the device's reporting rate.
 * <ul>
 *   <li>active: heart rate at least {@value #ACTIVE_HR_BPM} bpm or a cadence of at least
 *       {@value #ACTIVE_CADENCE_SPM} steps per minute;</li>
 *   <li>asleep: a light, deep or REM stage;</li>
 *   <li>resting heart rate: 10th percentile of readings taken without steps, given at least
 *       {@value #MIN_RESTING_READINGS} of them.</li>
 * </ul>
 */
public final class WearableDayCalculator {
    static final double MAX_COVER_S = 300;
    static final double LAST_COVER_S = 60;
    static final int ACTIVE_HR_BPM = 100;
    static final int ACTIVE_CADENCE_SPM = 100;
    static final int MIN_RESTING_READINGS = 10;

    private WearableDayCalculator() {
    }

    public static WearableDay compute(String tenant, String deviceId, LocalDate day, List<WearableSample> samples) {
        long steps = 0;
        double wornS = 0, activeS = 0, sleepS = 0;
        double spo2Sum = 0;
        int spo2N = 0;
        List<Integer> restingHr = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            WearableSample s = samples.get(i);
            double toNext = i + 1 < samples.size()
                    ? Duration.between(s.time(), samples.get(i + 1).time()).toNanos() / 1e9 : Double.MAX_VALUE;
            // a longer silence means the device was off the wrist: the reading stands for one minute only
            double cover = toNext <= MAX_COVER_S ? toNext : LAST_COVER_S;
            int st = s.steps() == null ? 0 : s.steps();
            steps += st;
            wornS += cover;
            double cadence = cover > 0 ? st * 60.0 / cover : 0;
            boolean active = (s.heartRateBpm() != null && s.heartRateBpm() >= ACTIVE_HR_BPM) || cadence >= ACTIVE_CADENCE_SPM;
            if (active) activeS += cover;
            SleepStage stage = s.sleepStage();
            if (stage == SleepStage.LIGHT || stage == SleepStage.DEEP || stage == SleepStage.REM) sleepS += cover;
            if (s.spo2Percent() != null) {
                spo2Sum += s.spo2Percent();
                spo2N++;
            }
            if (s.heartRateBpm() != null && st == 0) restingHr.add(s.heartRateBpm());
        }
        Double resting = null;
        if (restingHr.size() >= MIN_RESTING_READINGS) {
            Collections.sort(restingHr);
            resting = (double) restingHr.get((int) Math.floor(0.1 * (restingHr.size() - 1)));
        }
        return new WearableDay(tenant, deviceId, day, (int) Math.min(Integer.MAX_VALUE, steps),
                (int) Math.round(activeS / 60), resting, (int) Math.round(sleepS / 60),
                spo2N == 0 ? null : spo2Sum / spo2N, (int) Math.round(wornS / 60));
    }
}
