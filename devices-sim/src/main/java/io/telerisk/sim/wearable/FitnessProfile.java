package io.telerisk.sim.wearable;

import io.telerisk.sim.Rng;

/**
 * A wearable owner's physiology and habits, derived from a latent fitness level in [0, 1].
 *
 * @param fitness            latent fitness, 0 (sedentary) .. 1 (athletic)
 * @param ageYears           age
 * @param restingHeartRateBpm resting heart rate (fitter → lower)
 * @param maxHeartRateBpm    maximum heart rate, 208 − 0.7 · age (Tanaka)
 * @param dailyStepsTarget   typical steps per day
 * @param workoutProbabilityPerDay probability of a workout on a given day
 * @param bedtimeHour        usual bedtime, local hours (may exceed 24, e.g. 23.5)
 * @param sleepHours         usual sleep duration
 * @param sleepApnoea        whether SpO2 dips during sleep
 */
public record FitnessProfile(double fitness, int ageYears, double restingHeartRateBpm, double maxHeartRateBpm,
                             double dailyStepsTarget, double workoutProbabilityPerDay, double bedtimeHour,
                             double sleepHours, boolean sleepApnoea) {

    /** Draws a profile; fitness ~ Beta(2, 2). */
    public static FitnessProfile draw(Rng rng) {
        double f = rng.beta(2, 2);
        int age = rng.uniformInt(20, 75);
        double rest = Math.max(45, Math.min(85, 76 - 20 * f + rng.gaussian(0, 3)));
        double max = 208 - 0.7 * age;
        double steps = Math.max(1500, 3000 + 9000 * f + rng.gaussian(0, 1000));
        double workout = Math.max(0, Math.min(0.9, 0.05 + 0.6 * f + rng.gaussian(0, 0.05)));
        double bed = 22.0 + rng.uniform(0, 2);
        double sleep = Math.max(5.5, Math.min(9, rng.gaussian(7.3, 0.6)));
        boolean apnoea = rng.chance(0.05 + 0.1 * (1 - f));
        return new FitnessProfile(f, age, rest, max, steps, workout, bed, sleep, apnoea);
    }
}
