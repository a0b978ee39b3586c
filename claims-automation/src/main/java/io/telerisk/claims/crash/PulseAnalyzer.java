package io.telerisk.claims.crash;

import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Measures the strongest impulse of a raw vehicle window: gravity is estimated as the per-axis median of the
 * accelerometer before the peak (robust to the pulse itself and to a free fall) and subtracted; the pulse is the run
 * of samples around the peak (at most 200 ms each side) whose dynamic acceleration stays at or above 12 % of the peak,
 * bounded by 0.3 g below and {@link PulseConfig#extendG()} above, and its
 * delta-V is the trapezoid integral of the acceleration vector over that run, closed by one sample on each side.
 * A window may hold several impulses (a crash followed by the phone flying off its mount): up to five are measured,
 * strongest peak first, and the one with the largest delta-V is reported.
 * Stateless and thread-safe.
 */
public final class PulseAnalyzer {
    private static final double NOISE_FLOOR_G = 0.3, TAIL_FRACTION = 0.12, MAX_HALF_WIDTH_S = 0.2;
    private static final int MAX_EPISODES = 5;
    private final PulseConfig cfg;

    public PulseAnalyzer(PulseConfig cfg) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
    }

    /** Measures a window of samples (any order; non-vehicle samples are ignored). */
    public PulseResult analyze(List<? extends Sample> window) {
        List<VehicleSample> acc = new ArrayList<>();
        List<VehicleSample> gnss = new ArrayList<>();
        for (Sample s : window) {
            if (!(s instanceof VehicleSample v)) continue;
            if (v.acceleration() != null) acc.add(v);
            if (v.speedMps() != null || v.position() != null) gnss.add(v);
        }
        if (acc.isEmpty()) return new PulseResult.Unusable(PulseResult.Reason.NO_ACCELERATION, "window has no accelerometer samples");
        acc.sort((a, b) -> a.time().compareTo(b.time()));
        // the same sample twice (a redelivered batch, a 1 Hz record repeating a 100 Hz one) is kept once; two
        // different readings at one instant are a device fault and make the window unmeasurable
        for (int i = acc.size() - 1; i > 0; i--) {
            if (acc.get(i).time().equals(acc.get(i - 1).time()) && acc.get(i).acceleration().equals(acc.get(i - 1).acceleration())) acc.remove(i);
        }
        gnss.sort((a, b) -> a.time().compareTo(b.time()));
        if (acc.size() < cfg.minAccelSamples()) {
            return new PulseResult.Unusable(PulseResult.Reason.TOO_FEW_SAMPLES,
                    "window has " + acc.size() + " accelerometer samples, need at least " + cfg.minAccelSamples());
        }
        int n = acc.size();
        double[] t = new double[n], x = new double[n], y = new double[n], z = new double[n];
        Instant t0 = acc.get(0).time();
        for (int i = 0; i < n; i++) {
            VehicleSample v = acc.get(i);
            t[i] = Duration.between(t0, v.time()).toNanos() / 1e9;
            if (i > 0 && t[i] <= t[i - 1]) {
                return new PulseResult.Unusable(PulseResult.Reason.OUT_OF_ORDER, "two different accelerometer readings at " + v.time());
            }
            x[i] = v.acceleration().xMps2();
            y[i] = v.acceleration().yMps2();
            z[i] = v.acceleration().zMps2();
        }
        double[] dts = new double[n - 1];
        for (int i = 1; i < n; i++) dts[i - 1] = t[i] - t[i - 1];
        double period = median(dts, dts.length);

        // gravity from the samples before the first impulse (its rise kept out): the per-axis median
        int first = -1, loudest = 0;
        double best = -1, trigger = cfg.triggerG() * PulseConfig.G_MPS2;
        for (int i = 0; i < n; i++) {
            double m = Math.abs(Math.sqrt(x[i] * x[i] + y[i] * y[i] + z[i] * z[i]) - PulseConfig.G_MPS2);
            if (m > best) {
                best = m;
                loudest = i;
            }
            if (first < 0 && m >= trigger) first = i;
        }
        int before = Math.max(0, (first >= 0 ? first : loudest) - (int) Math.round(0.2 / period));
        double gx, gy, gz;
        if (before >= 10) {
            gx = median(x, before);
            gy = median(y, before);
            gz = median(z, before);
        } else {
            gx = median(x, n);
            gy = median(y, n);
            gz = median(z, n);
        }
        double[] dyn = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] -= gx;
            y[i] -= gy;
            z[i] -= gz;
            dyn[i] = Math.sqrt(x[i] * x[i] + y[i] * y[i] + z[i] * z[i]);
        }
        Series series = new Series(acc, gnss, t, x, y, z, dyn, gx, gy, gz, period);
        // a window may hold several impulses (a crash and the phone flying off its mount, a pothole before it):
        // measure up to MAX_EPISODES of them, strongest peak first, and keep the one with the largest delta-V
        boolean[] used = new boolean[n];
        PulseResult.Measured chosen = null;
        PulseResult firstProblem = null;
        double overallPeakG = 0;
        for (int k = 0; k < MAX_EPISODES; k++) {
            int peak = -1;
            for (int i = 0; i < n; i++) if (!used[i] && (peak < 0 || dyn[i] > dyn[peak])) peak = i;
            if (peak < 0) break;
            double peakG = dyn[peak] / PulseConfig.G_MPS2;
            overallPeakG = Math.max(overallPeakG, peakG);
            if (peakG < cfg.triggerG()) break;
            int[] run = run(series, peak, peakG);
            for (int i = Math.max(0, run[0] - 1); i <= Math.min(n - 1, run[1] + 1); i++) used[i] = true;
            PulseResult r = measure(series, run[0], run[1], peakG);
            if (r instanceof PulseResult.Measured m) {
                if (chosen == null || m.measurement().deltaVMps() > chosen.measurement().deltaVMps()) chosen = m;
            } else if (firstProblem == null) {
                firstProblem = r;
            }
        }
        if (chosen != null) return chosen;
        if (firstProblem != null) return firstProblem;
        return new PulseResult.NoImpulse(overallPeakG, String.format(java.util.Locale.ROOT,
                "peak dynamic acceleration %.2f g is below the %.2f g trigger", overallPeakG, cfg.triggerG()));
    }

    private record Series(List<VehicleSample> acc, List<VehicleSample> gnss, double[] t, double[] x, double[] y, double[] z,
                          double[] dyn, double gx, double gy, double gz, double period) {
    }

    /** First and last sample of the run around a peak. */
    private int[] run(Series s, int peak, double peakG) {
        double[] dyn = s.dyn(), t = s.t();
        int n = dyn.length;
        // the run ends where the pulse has decayed to a fraction of its peak (so a weak pulse's tails still count) but
        // never below the noise floor nor above extendG; a pulse longer than maxHalfWidth on a side is not an impact
        double extend = Math.max(NOISE_FLOOR_G, Math.min(cfg.extendG(), TAIL_FRACTION * peakG)) * PulseConfig.G_MPS2;
        int lo = peak, hi = peak;
        while (lo > 0 && t[peak] - t[lo - 1] <= MAX_HALF_WIDTH_S && (dyn[lo - 1] >= extend || (lo > 1 && dyn[lo - 2] >= extend))) lo--;
        while (hi < n - 1 && t[hi + 1] - t[peak] <= MAX_HALF_WIDTH_S && (dyn[hi + 1] >= extend || (hi < n - 2 && dyn[hi + 2] >= extend))) hi++;
        return new int[] {lo, hi};
    }

    private PulseResult measure(Series s, int lo, int hi, double peakG) {
        double[] t = s.t(), x = s.x(), y = s.y(), z = s.z(), dyn = s.dyn();
        List<VehicleSample> acc = s.acc();
        int n = t.length;
        if (lo == 0 || hi == n - 1) {
            return new PulseResult.Unusable(PulseResult.Reason.TRUNCATED,
                    "the pulse runs to the " + (lo == 0 ? "start" : "end") + " of the window (" + acc.get(lo == 0 ? 0 : n - 1).time() + ")");
        }
        double maxGap = cfg.maxSampleGap().toNanos() / 1e9;
        for (int i = lo; i <= hi + 1; i++) {
            if (t[i] - t[i - 1] > maxGap) {
                return new PulseResult.Unusable(PulseResult.Reason.SAMPLE_GAP, String.format(java.util.Locale.ROOT,
                        "%.0f ms without accelerometer samples inside the pulse at %s", (t[i] - t[i - 1]) * 1000, acc.get(i).time()));
            }
        }
        // trapezoid from the sample before the run to the sample after it
        double vx = 0, vy = 0, vz = 0, absIntegral = 0;
        for (int i = lo; i <= hi + 1; i++) {
            double dt = t[i] - t[i - 1];
            vx += 0.5 * (x[i] + x[i - 1]) * dt;
            vy += 0.5 * (y[i] + y[i - 1]) * dt;
            vz += 0.5 * (z[i] + z[i - 1]) * dt;
            absIntegral += 0.5 * (dyn[i] + dyn[i - 1]) * dt;
        }
        double deltaV = Math.sqrt(vx * vx + vy * vy + vz * vz);
        double horizontal = Math.hypot(vx, vy);
        double angle = Math.toDegrees(Math.atan2(-vy, -vx));
        Instant start = acc.get(lo).time(), end = acc.get(hi).time();
        double durationMs = (t[hi] - t[lo] + s.period()) * 1000;

        double minTotal = Double.MAX_VALUE;
        for (int i = lo - 1; i >= 0 && t[lo] - t[i] <= 1.0; i--) {
            double ax = x[i] + s.gx(), ay = y[i] + s.gy(), az = z[i] + s.gz();
            minTotal = Math.min(minTotal, Math.sqrt(ax * ax + ay * ay + az * az));
        }
        if (minTotal == Double.MAX_VALUE) minTotal = PulseConfig.G_MPS2;

        Double speedBefore = null, speedAfter = null, maxChange = null;
        GnssFix position = null;
        Instant lookFrom = start.minus(cfg.speedLookBefore()), lookTo = end.plus(cfg.speedLookAfter());
        long bestPosDistance = Long.MAX_VALUE;
        for (VehicleSample g : s.gnss()) {
            if (g.position() != null) {
                long d = Math.abs(Duration.between(g.time(), start).toMillis());
                if (d < bestPosDistance) {
                    bestPosDistance = d;
                    position = g.position();
                }
            }
            if (g.speedMps() == null) continue;
            if (g.time().isBefore(start) && !g.time().isBefore(lookFrom)) speedBefore = g.speedMps();
        }
        for (VehicleSample g : s.gnss()) {
            if (g.speedMps() == null || !g.time().isAfter(end) || g.time().isAfter(lookTo)) continue;
            if (speedAfter == null) speedAfter = g.speedMps();
            if (speedBefore != null) {
                double c = Math.abs(g.speedMps() - speedBefore);
                maxChange = maxChange == null ? c : Math.max(maxChange, c);
            }
        }
        return new PulseResult.Measured(new PulseMeasurement(start, end, deltaV, peakG, durationMs, angle,
                ImpactDirection.ofAngleDeg(angle), absIntegral > 0 ? horizontal / absIntegral : 0, speedBefore, speedAfter,
                maxChange, minTotal / PulseConfig.G_MPS2, position, 1 / s.period()));
    }

    private static double median(double[] v, int count) {
        double[] c = Arrays.copyOf(v, count);
        Arrays.sort(c);
        return count % 2 == 1 ? c[count / 2] : 0.5 * (c[count / 2 - 1] + c[count / 2]);
    }
}
