package io.telerisk.claims.parametric;

import io.telerisk.model.summary.FarmDay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Computes parametric payouts from farm telemetry and NDVI, with an explanation of every number. Drought days are days
 * whose mean soil moisture is below the wilting point; a day without a soil reading breaks a run (the index never
 * assumes drought it did not measure). For excess rain, days without data count as 0 mm and are listed. The NDVI
 * anomaly is the latest scene at or before 16 days after the run's end (scenes lag), not after the period's end.
 * Stateless and thread-safe.
 */
public final class ParametricEvaluator {
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private final FarmDaySource days;
    private final NdviAnomalySource ndvi;

    public ParametricEvaluator(FarmDaySource days, NdviAnomalySource ndvi) {
        this.days = Objects.requireNonNull(days, "days");
        this.ndvi = Objects.requireNonNull(ndvi, "ndvi");
    }

    /** Evaluates each cover of the terms over {@code from..toInclusive}. */
    public List<ParametricPayout> evaluate(ParametricTerms terms, LocalDate from, LocalDate toInclusive) {
        if (toInclusive.isBefore(from)) throw new IllegalArgumentException("period ends before it starts: " + from + ".." + toInclusive);
        Map<LocalDate, FarmDay> byDay = new TreeMap<>();
        for (FarmDay d : days.days(terms.tenant(), terms.sensorDeviceId(), from, toInclusive)) byDay.put(d.day(), d);
        List<ParametricPayout> out = new ArrayList<>();
        if (terms.drought() != null) out.add(drought(terms, byDay, from, toInclusive));
        if (terms.excessRain() != null) out.add(excessRain(terms, byDay, from, toInclusive));
        return out;
    }

    private ParametricPayout drought(ParametricTerms terms, Map<LocalDate, FarmDay> byDay, LocalDate from, LocalDate to) {
        ParametricTerms.Drought t = terms.drought();
        List<String> why = new ArrayList<>();
        int run = 0, best = 0, missing = 0;
        LocalDate runStart = null, bestStart = null, bestEnd = null;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            FarmDay fd = byDay.get(d);
            Double vwc = fd == null ? null : fd.meanSoilMoistureVwc();
            if (vwc == null) missing++;
            if (vwc != null && vwc < t.wiltingPointVwc()) {
                if (run == 0) runStart = d;
                run++;
                if (run > best) {
                    best = run;
                    bestStart = runStart;
                    bestEnd = d;
                }
            } else {
                run = 0;
            }
        }
        why.add(String.format(Locale.ROOT, "longest run of days with mean soil moisture below the wilting point %.3f m3/m3: %d days%s (trigger %d days)",
                t.wiltingPointVwc(), best, best > 0 ? " (" + bestStart + " to " + bestEnd + ")" : "", t.triggerDays()));
        if (missing > 0) why.add(missing + " day(s) without a soil-moisture reading in " + from + ".." + to + " (they break a run)");
        if (best < t.triggerDays()) return none(ParametricPayout.Peril.DROUGHT, terms, why);
        String soil = String.format(Locale.ROOT, "soil moisture below %.3f m3/m3 for %d days (at least %d)", t.wiltingPointVwc(), best, t.triggerDays());
        if (t.ndviAnomalyAtMost() == null) {
            why.add("no NDVI condition in these terms: soil moisture alone triggers");
            why.add("triggered by: " + soil);
        } else {
            LocalDate asOf = bestEnd.plusDays(16);
            OptionalDouble a = ndvi.anomaly(terms.fieldId(), asOf);
            if (a.isEmpty()) {
                why.add("no NDVI scene for field " + terms.fieldId() + " at or before " + asOf + ": the NDVI condition cannot be met");
                return none(ParametricPayout.Peril.DROUGHT, terms, why);
            }
            why.add(String.format(Locale.ROOT, "NDVI anomaly of field %s as of %s: %.2f (must be at most %.2f)", terms.fieldId(), asOf,
                    a.getAsDouble(), t.ndviAnomalyAtMost()));
            if (a.getAsDouble() > t.ndviAnomalyAtMost()) return none(ParametricPayout.Peril.DROUGHT, terms, why);
            why.add(String.format(Locale.ROOT, "triggered by: %s and the NDVI anomaly %.2f at or below %.2f", soil, a.getAsDouble(),
                    t.ndviAnomalyAtMost()));
        }
        BigDecimal pct = t.percentAtTrigger().add(t.percentPerExtraDay().multiply(BigDecimal.valueOf(best - t.triggerDays())));
        BigDecimal capped = pct.min(t.maxPercent()).setScale(4, RoundingMode.HALF_UP);
        why.add(String.format(Locale.ROOT, "percent = %s + %s x (%d - %d) days = %s%%, capped at %s%% -> %s%%", t.percentAtTrigger().toPlainString(),
                t.percentPerExtraDay().toPlainString(), best, t.triggerDays(), pct.toPlainString(), t.maxPercent().toPlainString(), capped.toPlainString()));
        return paid(ParametricPayout.Peril.DROUGHT, terms, capped, bestStart, bestEnd, why);
    }

    private ParametricPayout excessRain(ParametricTerms terms, Map<LocalDate, FarmDay> byDay, LocalDate from, LocalDate to) {
        ParametricTerms.ExcessRain t = terms.excessRain();
        List<String> why = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        List<BigDecimal> rain = new ArrayList<>();
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            FarmDay fd = byDay.get(d);
            if (fd == null || fd.samples() == 0) missing.add(d);
            dates.add(d);
            rain.add(fd == null ? BigDecimal.ZERO : BigDecimal.valueOf(fd.rainfallMm()).setScale(1, RoundingMode.HALF_UP));
        }
        BigDecimal best = BigDecimal.ZERO;
        int bestAt = -1;
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < rain.size(); i++) {
            sum = sum.add(rain.get(i));
            if (i >= t.windowDays()) sum = sum.subtract(rain.get(i - t.windowDays()));
            if (i >= t.windowDays() - 1 && sum.compareTo(best) > 0) {
                best = sum;
                bestAt = i;
            }
        }
        if (bestAt < 0 && !rain.isEmpty() && rain.size() < t.windowDays()) {
            why.add("period of " + rain.size() + " days is shorter than the " + t.windowDays() + "-day window");
            return none(ParametricPayout.Peril.EXCESS_RAIN, terms, why);
        }
        LocalDate ws = bestAt < 0 ? null : dates.get(bestAt - t.windowDays() + 1), we = bestAt < 0 ? null : dates.get(bestAt);
        why.add(String.format(Locale.ROOT, "largest %d-day rain total: %s mm%s (trigger %.1f mm, exit %.1f mm)", t.windowDays(),
                best.toPlainString(), ws == null ? "" : " (" + ws + " to " + we + ")", t.triggerMm(), t.exitMm()));
        if (!missing.isEmpty()) why.add(missing.size() + " day(s) without rain-gauge data counted as 0 mm: " + missing);
        BigDecimal trigger = BigDecimal.valueOf(t.triggerMm()), exit = BigDecimal.valueOf(t.exitMm());
        if (best.compareTo(trigger) <= 0) return none(ParametricPayout.Peril.EXCESS_RAIN, terms, why);
        BigDecimal frac = best.subtract(trigger).divide(exit.subtract(trigger), 10, RoundingMode.HALF_UP).min(BigDecimal.ONE);
        BigDecimal pct = t.maxPercent().multiply(frac).setScale(4, RoundingMode.HALF_UP);
        why.add("percent = " + t.maxPercent().toPlainString() + "% x min(1, (" + best.toPlainString() + " - " + trigger.toPlainString()
                + ") / (" + exit.toPlainString() + " - " + trigger.toPlainString() + ")) = " + pct.toPlainString() + "%");
        return paid(ParametricPayout.Peril.EXCESS_RAIN, terms, pct, ws, we, why);
    }

    private static ParametricPayout none(ParametricPayout.Peril peril, ParametricTerms terms, List<String> why) {
        why.add("not triggered: no payout");
        return new ParametricPayout(peril, false, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(4), null, null, why);
    }

    private static ParametricPayout paid(ParametricPayout.Peril peril, ParametricTerms terms, BigDecimal pct, LocalDate s, LocalDate e, List<String> why) {
        BigDecimal amount = terms.sumInsured().multiply(pct).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        why.add("payout = sum insured " + terms.sumInsured().toPlainString() + " " + terms.currency() + " x " + pct.toPlainString()
                + "% = " + amount.toPlainString() + " " + terms.currency());
        return new ParametricPayout(peril, true, amount, pct, s, e, why);
    }
}
