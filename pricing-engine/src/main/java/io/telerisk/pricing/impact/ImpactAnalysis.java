package io.telerisk.pricing.impact;

import io.telerisk.pricing.rating.CompiledPlan;
import io.telerisk.pricing.rating.Quote;
import io.telerisk.pricing.rating.RatingException;
import io.telerisk.pricing.rating.RatingInput;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Re-rates a portfolio under a draft and under the active plan and summarises the premium changes. Work is split
 * into contiguous chunks over a fixed number of threads; each chunk keeps primitive tallies, merged at the end.
 */
public final class ImpactAnalysis {
    /** Bucket edges of the histogram, % change. */
    static final double[] EDGES = {Double.NEGATIVE_INFINITY, -30, -20, -10, -5, -1, 0, 1, 5, 10, 20, 30, Double.POSITIVE_INFINITY};
    private static final int[] PERCENTILES = {1, 5, 10, 25, 50, 75, 90, 95, 99};
    private static final int MAX_EXAMPLES = 10;

    private ImpactAnalysis() {}

    public static ImpactReport run(CompiledPlan draft, CompiledPlan active, PolicySource portfolio, int threads) {
        return run(draft, active, portfolio, threads, null);
    }

    /**
     * As {@link #run(CompiledPlan, CompiledPlan, PolicySource, int)}, also giving each policy's premiums under both
     * plans (or why it could not be rated), in portfolio order.
     */
    public static ImpactResult runWithPolicies(CompiledPlan draft, CompiledPlan active, PolicySource portfolio, int threads) {
        PolicyImpact[] each = new PolicyImpact[portfolio.size()];
        ImpactReport r = run(draft, active, portfolio, threads, each);
        return new ImpactResult(r, Arrays.asList(each));
    }

    private static ImpactReport run(CompiledPlan draft, CompiledPlan active, PolicySource portfolio, int threads, PolicyImpact[] each) {
        if (!draft.currency().equals(active.currency())) {
            throw new IllegalArgumentException("draft is in " + draft.currency() + " but the active plan in " + active.currency());
        }
        int n = portfolio.size();
        float[] change = new float[n];
        boolean[] ok = new boolean[n];
        int t = Math.max(1, Math.min(threads, Math.max(1, n / 1000)));
        List<Tally> tallies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "impact");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < t; c++) {
                int from = (int) ((long) n * c / t), to = (int) ((long) n * (c + 1) / t);
                Tally tally = new Tally();
                tallies.add(tally);
                fs.add(pool.submit(() -> tally.run(draft, active, portfolio, from, to, change, ok, each)));
            }
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("impact analysis interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("impact analysis failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Tally all = new Tally();
        for (Tally x : tallies) all.merge(x);
        float[] rated = new float[all.rated];
        int k = 0;
        int[] buckets = new int[EDGES.length - 1];
        for (int i = 0; i < n; i++) {
            if (!ok[i]) continue;
            float c = change[i];
            rated[k++] = c;
            int b = 0;
            while (b < buckets.length - 1 && c > EDGES[b + 1]) b++;
            buckets[b]++;
        }
        Arrays.parallelSort(rated);
        Map<Integer, Double> pct = new LinkedHashMap<>();
        for (int p : PERCENTILES) pct.put(p, rated.length == 0 ? Double.NaN : percentile(rated, p / 100.0));
        List<ImpactReport.Bucket> hist = new ArrayList<>();
        for (int b = 0; b < buckets.length; b++) hist.add(new ImpactReport.Bucket(EDGES[b], EDGES[b + 1], buckets[b]));
        return new ImpactReport(draft.key(), active.key(), n, all.rated, Collections.unmodifiableMap(new TreeMap<>(all.failures)),
                List.copyOf(all.examples), BigDecimal.valueOf(all.activeMinor, minorDigits(active)),
                BigDecimal.valueOf(all.draftMinor, minorDigits(draft)), pct, List.copyOf(hist), all.increased, all.decreased,
                all.unchanged, all.draftCapped, all.draftFloored, all.draftMinimum, all.activeCapped, all.activeFloored, all.activeMinimum);
    }

    private static int minorDigits(CompiledPlan p) {
        return Math.max(0, java.util.Currency.getInstance(p.currency()).getDefaultFractionDigits());
    }

    /** Linear interpolation between order statistics (R's type 7 quantile). */
    static double percentile(float[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static final class Tally {
        int rated, increased, decreased, unchanged;
        int draftCapped, draftFloored, draftMinimum, activeCapped, activeFloored, activeMinimum;
        long activeMinor, draftMinor;
        final Map<String, Integer> failures = new TreeMap<>();
        final List<String> examples = new ArrayList<>();

        void run(CompiledPlan draft, CompiledPlan active, PolicySource src, int from, int to, float[] change, boolean[] ok,
                 PolicyImpact[] each) {
            CompiledPlan.Outcome d = new CompiledPlan.Outcome(), a = new CompiledPlan.Outcome();
            int activeDigits = minorDigits(active), draftDigits = minorDigits(draft);
            for (int i = from; i < to; i++) {
                RatingInput in = src.policy(i);
                long am, dm;
                try {
                    am = active.rateTotalMinor(in, a);
                } catch (RatingException e) {
                    fail("active " + active.key() + ": " + e.reason(), in, e);
                    if (each != null) each[i] = PolicyImpact.failed(in.policyId(), "active " + active.key() + " " + e.reason() + ": " + e.getMessage());
                    continue;
                }
                try {
                    dm = draft.rateTotalMinor(in, d);
                } catch (RatingException e) {
                    fail("draft " + draft.key() + ": " + e.reason(), in, e);
                    if (each != null) each[i] = PolicyImpact.failed(in.policyId(), "draft " + draft.key() + " " + e.reason() + ": " + e.getMessage());
                    continue;
                }
                if (each != null) {
                    each[i] = new PolicyImpact(in.policyId(), BigDecimal.valueOf(am, activeDigits), BigDecimal.valueOf(dm, draftDigits),
                            am == 0 ? 0 : (dm - am) * 100.0 / am, d.minimumApplied, a.minimumApplied, null);
                }
                ok[i] = true;
                rated++;
                activeMinor += am;
                draftMinor += dm;
                change[i] = am == 0 ? 0f : (float) ((dm - am) * 100.0 / am);
                if (dm > am) increased++;
                else if (dm < am) decreased++;
                else unchanged++;
                if (d.limit == Quote.Limit.CAP || d.limit == Quote.Limit.RENEWAL_CAP) draftCapped++;
                if (d.limit == Quote.Limit.FLOOR || d.limit == Quote.Limit.RENEWAL_FLOOR) draftFloored++;
                if (d.minimumApplied) draftMinimum++;
                if (a.limit == Quote.Limit.CAP || a.limit == Quote.Limit.RENEWAL_CAP) activeCapped++;
                if (a.limit == Quote.Limit.FLOOR || a.limit == Quote.Limit.RENEWAL_FLOOR) activeFloored++;
                if (a.minimumApplied) activeMinimum++;
            }
        }

        private void fail(String key, RatingInput in, RatingException e) {
            failures.merge(key, 1, Integer::sum);
            if (examples.size() < MAX_EXAMPLES) examples.add(in.policyId() + ": " + e.getMessage());
        }

        void merge(Tally o) {
            rated += o.rated;
            increased += o.increased;
            decreased += o.decreased;
            unchanged += o.unchanged;
            draftCapped += o.draftCapped;
            draftFloored += o.draftFloored;
            draftMinimum += o.draftMinimum;
            activeCapped += o.activeCapped;
            activeFloored += o.activeFloored;
            activeMinimum += o.activeMinimum;
            activeMinor += o.activeMinor;
            draftMinor += o.draftMinor;
            o.failures.forEach((k, v) -> failures.merge(k, v, Integer::sum));
            for (String e : o.examples) if (examples.size() < MAX_EXAMPLES) examples.add(e);
        }
    }
}
