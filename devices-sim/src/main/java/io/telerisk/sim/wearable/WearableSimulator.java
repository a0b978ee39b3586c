package io.telerisk.sim.wearable;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.WearableSample;
import io.telerisk.sim.Batch;
import io.telerisk.sim.DeviceSimulator;
import io.telerisk.sim.Rng;
import io.telerisk.sim.truth.TruthRecord;
import io.telerisk.sim.truth.TruthSink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A simulated fitness tracker: one sample a minute with heart rate, steps, sleep stage at night and SpO2.
 *
 * <p>Heart rate follows a circadian rhythm (lowest around 04:00, highest late afternoon), rises with activity
 * through a first-order lag (two-minute time constant), and drops in sleep, lowest in deep sleep. Sleep runs in
 * ~90-minute cycles, deep sleep front-loaded and REM back-loaded. The tracker is off the wrist for about an hour a
 * day (charging), so some minutes have no sample. A {@code wearable_day} truth line per local day gives the exact
 * aggregates of what was generated.
 */
public final class WearableSimulator implements DeviceSimulator {
    private static final long MINUTE_MS = 60_000;

    private final DeviceKey key;
    private final FitnessProfile p;
    private final Rng rng;
    private final TruthSink truth;
    private final ZoneId zone;
    private final long endMs;
    private final int batchMinutes;
    private long tMs;
    private boolean done;

    private double hr;
    private LocalDate day;
    // per-day plan (local hours from the day's midnight)
    private double sleepStart;
    private double sleepEnd;
    private double prevSleepEnd;
    private double prevSleepStart;
    private double workoutStart;
    private double workoutMinutes;
    private double chargeStart;
    private int walkLeft;
    private double cycleMinutes;
    private double apnoeaLeft;

    // per-day truth accumulators
    private int daySteps;
    private int dayActive;
    private int daySleep;
    private int dayWorn;
    private double daySpo2Sum;
    private int daySpo2N;

    /**
     * @param batchMinutes minutes of samples per envelope
     */
    public WearableSimulator(DeviceKey key, FitnessProfile profile, long seed, Instant start, Instant end,
                             ZoneId zone, int batchMinutes, TruthSink truth) {
        this.key = Objects.requireNonNull(key, "key");
        this.p = Objects.requireNonNull(profile, "profile");
        this.rng = new Rng(seed);
        this.truth = Objects.requireNonNull(truth, "truth");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (batchMinutes < 1) throw new IllegalArgumentException("batchMinutes < 1");
        this.batchMinutes = batchMinutes;
        this.tMs = Math.floorDiv(start.toEpochMilli() + MINUTE_MS - 1, MINUTE_MS) * MINUTE_MS;
        this.endMs = end.toEpochMilli();
        this.hr = p.restingHeartRateBpm();
        this.prevSleepEnd = rng.gaussian(p.bedtimeHour() + p.sleepHours() - 24, 0.3);
        this.prevSleepStart = p.bedtimeHour() - 24;
        truth.record(TruthRecord.of("wearer", key).num("fitness", p.fitness(), 4).put("ageYears", p.ageYears())
                .num("restingHeartRateBpm", p.restingHeartRateBpm(), 1).num("maxHeartRateBpm", p.maxHeartRateBpm(), 1)
                .num("dailyStepsTarget", p.dailyStepsTarget(), 0).num("workoutProbabilityPerDay", p.workoutProbabilityPerDay(), 3)
                .num("bedtimeHour", p.bedtimeHour(), 2).num("sleepHours", p.sleepHours(), 2).put("sleepApnoea", p.sleepApnoea()));
    }

    @Override
    public DeviceKey key() {
        return key;
    }

    public FitnessProfile profile() {
        return p;
    }

    @Override
    public Batch next() {
        if (done) return null;
        List<Sample> samples = new ArrayList<>();
        long windowEnd = Math.min(tMs + batchMinutes * MINUTE_MS, endMs);
        while (samples.isEmpty()) {
            if (tMs >= endMs) {
                closeDay();
                done = true;
                return null;
            }
            windowEnd = Math.min(Math.max(windowEnd, tMs + MINUTE_MS), endMs);
            while (tMs < windowEnd) {
                WearableSample s = minute();
                if (s != null) samples.add(s);
                tMs += MINUTE_MS;
            }
            windowEnd = tMs + batchMinutes * MINUTE_MS;
        }
        return new Batch(Instant.ofEpochMilli(tMs), samples, List.of());
    }

    private WearableSample minute() {
        ZonedDateTime z = Instant.ofEpochMilli(tMs).atZone(zone);
        LocalDate d = z.toLocalDate();
        if (!d.equals(day)) startDay(d);
        double h = z.getHour() + z.getMinute() / 60.0;
        boolean asleep = h < prevSleepEnd || h >= sleepStart;
        boolean charging = h >= chargeStart && h < chargeStart + 1;
        double sinceSleepMin = asleep ? (h >= sleepStart ? (h - sleepStart) * 60 : (h - prevSleepStart) * 60) : 0;
        SleepStage stage = null;
        int steps = 0;
        double target;
        // circadian rhythm: minimum near 04:00, maximum near 16:00
        double circadian = 4 * Math.cos(2 * Math.PI * (h - 16) / 24);
        if (asleep) {
            stage = stage(sinceSleepMin);
            target = p.restingHeartRateBpm() - 6 + circadian * 0.5 + switch (stage) {
                case DEEP -> -3;
                case LIGHT -> 0;
                case REM -> 4;
                case AWAKE -> 8;
            };
            if (stage == SleepStage.AWAKE && rng.chance(0.3)) steps = rng.uniformInt(0, 12);
        } else if (h >= workoutStart && h < workoutStart + workoutMinutes / 60) {
            steps = (int) Math.round(rng.gaussian(160, 6));
            target = p.restingHeartRateBpm() + (0.78 + 0.05 * p.fitness()) * (p.maxHeartRateBpm() - p.restingHeartRateBpm());
        } else {
            if (walkLeft == 0 && rng.chance(walkProbabilityPerMinute())) walkLeft = 1 + (int) rng.exponential(8);
            if (walkLeft > 0) {
                walkLeft--;
                steps = (int) Math.round(Math.max(40, rng.gaussian(105, 10)));
                target = p.restingHeartRateBpm() + 25 + 10 * (1 - p.fitness()) + circadian;
            } else {
                steps = rng.chance(0.3) ? rng.uniformInt(0, 25) : 0;
                target = p.restingHeartRateBpm() + 8 + circadian;
            }
        }
        // first-order lag towards the target, time constant two minutes
        hr += (target - hr) * (1 - Math.exp(-0.5)) + rng.gaussian(0, 1.2);
        if (charging) return null;
        double spo2 = Math.min(100, rng.gaussian(asleep ? 96.8 : 97.6, 0.6));
        if (asleep && p.sleepApnoea()) {
            if (apnoeaLeft <= 0 && rng.chance(0.04)) apnoeaLeft = rng.uniformInt(1, 3);
            if (apnoeaLeft > 0) {
                apnoeaLeft--;
                spo2 = rng.uniform(86, 92);
            }
        }
        spo2 = Math.round(spo2 * 10) / 10.0;
        int bpm = (int) Math.round(hr);
        daySteps += steps;
        if (!asleep && steps >= 100 || bpm >= p.restingHeartRateBpm() + 0.5 * (p.maxHeartRateBpm() - p.restingHeartRateBpm())) dayActive++;
        if (asleep && stage != SleepStage.AWAKE) daySleep++;
        dayWorn++;
        daySpo2Sum += spo2;
        daySpo2N++;
        return new WearableSample(Instant.ofEpochMilli(tMs), bpm, steps, stage, spo2);
    }

    private SleepStage stage(double sinceSleepMin) {
        if (rng.chance(0.015)) return SleepStage.AWAKE;
        int cycle = (int) (sinceSleepMin / cycleMinutes);
        double inCycle = sinceSleepMin % cycleMinutes / cycleMinutes;
        double deep = Math.max(0.05, 0.40 - 0.10 * cycle);
        double rem = Math.min(0.40, 0.10 + 0.07 * cycle);
        if (sinceSleepMin < 10) return SleepStage.LIGHT;
        if (inCycle < 0.15) return SleepStage.LIGHT;
        if (inCycle < 0.15 + deep) return SleepStage.DEEP;
        if (inCycle < 1 - rem) return SleepStage.LIGHT;
        return SleepStage.REM;
    }

    private double walkProbabilityPerMinute() {
        // walking minutes ≈ steps / 105; spread over ~16 waking hours in episodes of ~9 minutes
        double walkMinutes = p.dailyStepsTarget() / 105.0;
        return walkMinutes / 9.0 / 960.0;
    }

    private void startDay(LocalDate d) {
        closeDay();
        day = d;
        if (sleepStart > 0) {
            prevSleepEnd = sleepEnd - 24;
            prevSleepStart = sleepStart - 24;
        }
        sleepStart = p.bedtimeHour() + rng.gaussian(0, 0.4);
        sleepEnd = sleepStart + p.sleepHours() + rng.gaussian(0, 0.4);
        cycleMinutes = rng.uniform(80, 110);
        workoutStart = rng.chance(p.workoutProbabilityPerDay()) ? (rng.chance(0.3) ? rng.uniform(6.5, 8) : rng.uniform(17, 20)) : 99;
        workoutMinutes = rng.uniform(25, 60);
        chargeStart = rng.uniform(19, 21.5);
        daySteps = dayActive = daySleep = dayWorn = daySpo2N = 0;
        daySpo2Sum = 0;
    }

    private void closeDay() {
        if (day == null || dayWorn == 0) return;
        truth.record(TruthRecord.of("wearable_day", key).put("day", day.toString()).put("steps", daySteps)
                .put("activeMinutes", dayActive).put("sleepMinutes", daySleep).put("wornMinutes", dayWorn)
                .num("meanSpo2Percent", daySpo2N == 0 ? Double.NaN : daySpo2Sum / daySpo2N, 2));
        dayWorn = 0;
    }
}
