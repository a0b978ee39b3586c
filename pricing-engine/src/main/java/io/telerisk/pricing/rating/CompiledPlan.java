package io.telerisk.pricing.rating;

import io.telerisk.pricing.plan.PlanDocumentException;
import io.telerisk.pricing.plan.PlanKey;
import io.telerisk.pricing.plan.PlanProblem;
import io.telerisk.pricing.plan.PlanValidator;
import io.telerisk.pricing.plan.RatingPlan;
import io.telerisk.pricing.plan.Variable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * A validated plan turned into flat arrays for rating: no maps, streams or boxing per quote. Thread-safe and
 * immutable; compile once per plan version and share.
 *
 * <p>Premium arithmetic: relativities are doubles combined with {@link StrictMath} (bit-reproducible on every JVM);
 * amounts are rounded to the currency's minor unit half-up at each explanation step, so the line effects add up
 * exactly to the total; fees and taxes are computed in {@link BigDecimal}.
 */
public final class CompiledPlan {
    private static final byte BANDS = 0, LEVELS = 1, TERM = 2;
    private static final double DAYS_PER_YEAR = 365.0;

    private final RatingPlan plan;
    private final PlanKey key;
    private final String currency;
    private final int scale;
    private final long minorPerUnit;

    private final double annualRate, fixedMonthly, perKmRate, dailyKmCap;

    private final int nFactors, nClassic;
    private final int[] slot;
    private final byte[] shape;
    private final String[] varName;
    /** Factors not rated (relativity 1) when their input is unknown: {@link Variable#neutralWhenUnknown}. */
    private final boolean[] neutralWhenUnknown;
    private final double[][] bandLower, bandUpper, rel;
    private final String[][] label;
    private final String[][] levelName;
    private final double[] coef, tRef, tMin, tMax;
    private final boolean[] logTerm;

    private final RatingPlan.CredibilityMethod credMethod;
    private final double credParam, minAdj, maxAdj, maxInc, maxDec;

    private final String[] tierName;
    private final double[] tierSteps, tierActive, tierHrTrend, tierDiscount;
    private final String[] tierLabel;
    private final String noWornLabel;
    private final int minWornDays;
    private final boolean wellness;

    private final long minimumPremiumMinor;
    private final String[] feeName;
    private final long[] feeMinor;
    private final String[] taxName;
    private final BigDecimal[] taxRate;

    private final boolean frequencyModel;
    private final double frequencyAtReference;
    private final String creditLabel, capLabel, floorLabel, renewalCapPrefix, renewalFloorPrefix, minimumLabel;
    private final String[] taxLabelPrefix;

    private CompiledPlan(RatingPlan p) {
        this.plan = p;
        this.key = p.key();
        this.currency = p.currency();
        this.scale = Math.max(0, Currency.getInstance(p.currency()).getDefaultFractionDigits());
        this.minorPerUnit = (long) Math.pow(10, scale);
        RatingPlan.Exposure e = p.exposure();
        this.annualRate = e.annualRate() == null ? 0 : e.annualRate().doubleValue();
        this.fixedMonthly = e.fixedMonthly() == null ? 0 : e.fixedMonthly().doubleValue();
        this.perKmRate = e.perKmRate() == null ? 0 : e.perKmRate().doubleValue();
        this.dailyKmCap = e.dailyKmCap() == null ? Double.POSITIVE_INFINITY : e.dailyKmCap();

        List<RatingPlan.Factor> ordered = new ArrayList<>();
        for (RatingPlan.Factor f : p.factors()) if (variable(f).group() != Variable.Group.TELEMATICS) ordered.add(f);
        this.nClassic = ordered.size();
        for (RatingPlan.Factor f : p.factors()) if (variable(f).group() == Variable.Group.TELEMATICS) ordered.add(f);
        int n = nFactors = ordered.size();
        slot = new int[n];
        shape = new byte[n];
        varName = new String[n];
        neutralWhenUnknown = new boolean[n];
        bandLower = new double[n][];
        bandUpper = new double[n][];
        rel = new double[n][];
        label = new String[n][];
        levelName = new String[n][];
        coef = new double[n];
        tRef = new double[n];
        tMin = new double[n];
        tMax = new double[n];
        logTerm = new boolean[n];
        double logFreqRef = 0;
        for (int i = 0; i < n; i++) {
            RatingPlan.Factor f = ordered.get(i);
            Variable v = variable(f);
            slot[i] = v.ordinal();
            varName[i] = v.id();
            neutralWhenUnknown[i] = v.neutralWhenUnknown();
            if (f.bands() != null) {
                shape[i] = BANDS;
                int m = f.bands().size();
                bandLower[i] = new double[m];
                bandUpper[i] = new double[m];
                rel[i] = new double[m];
                label[i] = new String[m];
                for (int b = 0; b < m; b++) {
                    RatingPlan.Band band = f.bands().get(b);
                    bandLower[i][b] = band.over() == null ? Double.NEGATIVE_INFINITY : band.over();
                    bandUpper[i][b] = band.upTo() == null ? Double.POSITIVE_INFINITY : band.upTo();
                    rel[i][b] = band.relativity();
                    label[i][b] = "(" + num(bandLower[i][b]) + ", " + num(bandUpper[i][b]) + (band.upTo() == null ? ")" : "]");
                }
            } else if (f.levels() != null) {
                shape[i] = LEVELS;
                int m = f.levels().size();
                levelName[i] = f.levels().keySet().toArray(new String[0]);
                rel[i] = new double[m];
                for (int b = 0; b < m; b++) rel[i][b] = f.levels().get(levelName[i][b]);
            } else {
                shape[i] = TERM;
                RatingPlan.Term t = f.term();
                logTerm[i] = t.transform() == RatingPlan.Transform.LOG;
                coef[i] = t.coefficient();
                tRef[i] = logTerm[i] ? StrictMath.log(t.reference()) : t.reference();
                tMin[i] = t.minValue() == null ? Double.NEGATIVE_INFINITY : t.minValue();
                tMax[i] = t.maxValue() == null ? Double.POSITIVE_INFINITY : t.maxValue();
                label[i] = new String[] {String.format(Locale.ROOT, "exp(%s × (%s − %s))", num(coef[i]),
                        logTerm[i] ? "log(x)" : "x", logTerm[i] ? "log(" + num(t.reference()) + ")" : num(t.reference()))};
                logFreqRef += coef[i] * tRef[i];
            }
        }
        RatingPlan.Telematics t = p.telematics();
        if (t == null) {
            credMethod = RatingPlan.CredibilityMethod.FULL;
            credParam = 0;
            minAdj = 0;
            maxAdj = Double.POSITIVE_INFINITY;
            maxInc = Double.POSITIVE_INFINITY;
            maxDec = 1;
        } else {
            credMethod = t.credibility().method();
            credParam = switch (credMethod) {
                case SQRT_KM -> t.credibility().fullCredibilityKm();
                case BUHLMANN_KM, BUHLMANN_DAYS -> t.credibility().k();
                case FULL -> 0;
            };
            minAdj = t.minAdjustment() == null ? 0 : t.minAdjustment();
            maxAdj = t.maxAdjustment() == null ? Double.POSITIVE_INFINITY : t.maxAdjustment();
            maxInc = t.maxRenewalIncrease() == null ? Double.POSITIVE_INFINITY : t.maxRenewalIncrease();
            maxDec = t.maxRenewalDecrease() == null ? 1 : t.maxRenewalDecrease();
        }
        creditLabel = switch (credMethod) {
            case SQRT_KM -> "Z = min(1, sqrt(km / " + num(credParam) + "))";
            case BUHLMANN_KM -> "Z = n/(n+" + num(credParam) + "), n = km/1000";
            case BUHLMANN_DAYS -> "Z = n/(n+" + num(credParam) + "), n = driving days";
            case FULL -> "Z = 1";
        } + ", 1 + Z × (T − 1)";
        capLabel = "adjustment capped at " + num(maxAdj);
        floorLabel = "adjustment floored at " + num(minAdj);
        renewalCapPrefix = "renewal increase capped at +" + num(maxInc * 100) + "% of prior ";
        renewalFloorPrefix = "renewal decrease capped at −" + num(maxDec * 100) + "% of prior ";
        RatingPlan.Wellness w = p.wellness();
        wellness = w != null;
        int nt = w == null ? 0 : w.tiers().size();
        tierName = new String[nt];
        tierSteps = new double[nt];
        tierActive = new double[nt];
        tierHrTrend = new double[nt];
        tierDiscount = new double[nt];
        tierLabel = new String[nt];
        for (int i = 0; i < nt; i++) {
            RatingPlan.WellnessTier tier = w.tiers().get(i);
            tierName[i] = tier.name();
            tierSteps[i] = tier.minAvgDailySteps() == null ? Double.NEGATIVE_INFINITY : tier.minAvgDailySteps();
            tierActive[i] = tier.minAvgActiveMinutes() == null ? Double.NEGATIVE_INFINITY : tier.minAvgActiveMinutes();
            tierHrTrend[i] = tier.maxRestingHrTrendBpmPer30d() == null ? Double.POSITIVE_INFINITY : tier.maxRestingHrTrendBpmPer30d();
            tierDiscount[i] = Math.min(tier.discountPercent(), w.maxDiscountPercent());
            tierLabel[i] = "tier " + tier.name() + " −" + num(tierDiscount[i]) + "%";
        }
        minWornDays = w == null ? 0 : w.minWornDays();
        noWornLabel = "worn on fewer than " + minWornDays + " days: no discount";
        minimumPremiumMinor = p.minimumPremium() == null ? 0 : toMinor(p.minimumPremium());
        List<RatingPlan.Fee> fees = p.fees() == null ? List.of() : p.fees();
        feeName = new String[fees.size()];
        feeMinor = new long[fees.size()];
        for (int i = 0; i < fees.size(); i++) {
            feeName[i] = fees.get(i).name();
            feeMinor[i] = toMinor(fees.get(i).amount());
        }
        List<RatingPlan.Tax> taxes = p.taxes() == null ? List.of() : p.taxes();
        taxName = new String[taxes.size()];
        taxRate = new BigDecimal[taxes.size()];
        for (int i = 0; i < taxes.size(); i++) {
            taxName[i] = taxes.get(i).name();
            taxRate[i] = taxes.get(i).ratePercent().movePointLeft(2);
        }
        taxLabelPrefix = new String[taxRate.length];
        for (int i = 0; i < taxRate.length; i++) taxLabelPrefix[i] = taxRate[i].movePointRight(2).stripTrailingZeros().toPlainString() + "% of ";
        minimumLabel = "raised to minimum " + money(minimumPremiumMinor).toPlainString();
        frequencyModel = p.claimFrequency() != null;
        frequencyAtReference = frequencyModel ? StrictMath.exp(p.claimFrequency().intercept() + logFreqRef) : Double.NaN;
    }

    /**
     * Validates and compiles an effective plan (deviations already resolved).
     *
     * @throws PlanDocumentException listing every problem when the plan is invalid
     */
    public static CompiledPlan compile(RatingPlan plan, PlanValidator validator) {
        if (plan.deviation() != null) {
            throw new PlanDocumentException("plan " + plan.key(), List.of(new PlanProblem("$.deviation",
                    "a deviation must be resolved against its base plan before compiling (PlanService does this)")));
        }
        List<PlanProblem> problems = validator.validate(plan);
        if (!problems.isEmpty()) throw new PlanDocumentException("plan " + plan.key(), problems);
        return new CompiledPlan(plan);
    }

    private static Variable variable(RatingPlan.Factor f) {
        return Variable.byId(f.variable()).orElseThrow();
    }

    private long toMinor(BigDecimal amount) {
        return amount.setScale(scale, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    /** Rounds a non-negative amount to minor units, half-up. */
    private long minor(double amount) {
        return (long) Math.floor(amount * minorPerUnit + 0.5);
    }

    private BigDecimal money(long minor) {
        return BigDecimal.valueOf(minor, scale);
    }

    public PlanKey key() { return key; }

    /** The effective plan document this was compiled from. */
    public RatingPlan plan() { return plan; }

    public String currency() { return currency; }

    /** Daily distance cap of the per-km part, +infinity when uncapped. */
    public double dailyKmCap() { return dailyKmCap; }

    /** Whether the plan rates on the telematics score (so a scorer must supply it). */
    public boolean usesVariable(Variable v) {
        for (int s : slot) if (s == v.ordinal()) return true;
        return false;
    }

    /** Whether the plan rates on wearable aggregates (a wellness programme or wellness factors). */
    public boolean needsWellness() {
        if (wellness) return true;
        for (int s : slot) if (Variable.values()[s].group() == Variable.Group.WELLNESS) return true;
        return false;
    }

    /** Prices one policy period with its full explanation. */
    public Quote quote(RatingInput in) {
        return rate(in, new ArrayList<>(nFactors + 8 + feeName.length + taxName.length), null);
    }

    /** Prices without building the explanation (batch runs); fills {@code out} and returns the total in minor units. */
    public long rateTotalMinor(RatingInput in, Outcome out) {
        rate(in, null, out);
        return out.totalMinor;
    }

    /**
     * Expected claims per year from the plan's frequency model: exp(intercept + Σ terms), with banded and level
     * relativities read as exp(coefficient). NaN when the plan has no {@code claimFrequency} section.
     */
    public double expectedClaimFrequency(RatingInput in) {
        if (!frequencyModel) return Double.NaN;
        double f = frequencyAtReference;
        for (int i = 0; i < nFactors; i++) f *= relativity(i, in, null);
        return f;
    }

    /** Mutable per-thread result of {@link #rateTotalMinor}. */
    public static final class Outcome {
        public long netMinor, totalMinor;
        public double adjustment;
        public Quote.Limit limit;
        public boolean minimumApplied;
    }

    /** Band index reported for a factor not rated because its input is unknown. */
    private static final int NOT_RATED = -1;

    private double relativity(int i, RatingInput in, int[] bandOut) {
        int s = slot[i];
        if (neutralWhenUnknown[i] && Double.isNaN(in.numberAt(s))) {
            if (bandOut != null) bandOut[0] = NOT_RATED;
            return 1;
        }
        switch (shape[i]) {
            case BANDS -> {
                double x = in.numberAt(s);
                if (Double.isNaN(x)) throw new RatingException(RatingException.Reason.MISSING_INPUT, "missing input " + varName[i]);
                double[] up = bandUpper[i];
                if (!(x > bandLower[i][0])) {
                    throw new RatingException(RatingException.Reason.OUT_OF_BANDS, varName[i] + "=" + x + " is not above the first band " + label[i][0]);
                }
                for (int b = 0; b < up.length; b++) {
                    if (x <= up[b]) {
                        if (bandOut != null) bandOut[0] = b;
                        return rel[i][b];
                    }
                }
                throw new RatingException(RatingException.Reason.OUT_OF_BANDS, varName[i] + "=" + x + " is above the last band " + label[i][up.length - 1]);
            }
            case LEVELS -> {
                String c = in.categoryAt(s);
                if (c == null) throw new RatingException(RatingException.Reason.MISSING_INPUT, "missing input " + varName[i]);
                String[] names = levelName[i];
                for (int b = 0; b < names.length; b++) {
                    if (names[b].equals(c)) {
                        if (bandOut != null) bandOut[0] = b;
                        return rel[i][b];
                    }
                }
                throw new RatingException(RatingException.Reason.UNKNOWN_LEVEL, varName[i] + "='" + c + "' is not a level of the plan");
            }
            default -> {
                double x = in.numberAt(s);
                if (Double.isNaN(x)) throw new RatingException(RatingException.Reason.MISSING_INPUT, "missing input " + varName[i]);
                x = Math.min(Math.max(x, tMin[i]), tMax[i]);
                double t = logTerm[i] ? StrictMath.log(x) : x;
                if (bandOut != null) bandOut[0] = 0;
                return StrictMath.exp(coef[i] * (t - tRef[i]));
            }
        }
    }

    private String bandLabel(int i, int b) {
        if (b == NOT_RATED) return "unknown (road class reported for too few km): not rated";
        return shape[i] == LEVELS ? levelName[i][b] : label[i][b];
    }

    private double credibility(RatingInput in) {
        switch (credMethod) {
            case FULL:
                return 1;
            case SQRT_KM: {
                double km = need(in, Variable.DISTANCE_KM);
                return Math.min(1, StrictMath.sqrt(Math.max(0, km) / credParam));
            }
            case BUHLMANN_KM: {
                double n = Math.max(0, need(in, Variable.DISTANCE_KM)) / 1000.0;
                return n / (n + credParam);
            }
            default: {
                double n = Math.max(0, need(in, Variable.DRIVING_DAYS));
                return n / (n + credParam);
            }
        }
    }

    private static double need(RatingInput in, Variable v) {
        double x = in.number(v);
        if (Double.isNaN(x)) throw new RatingException(RatingException.Reason.MISSING_INPUT, "missing input " + v.id());
        return x;
    }

    private Quote rate(RatingInput in, List<QuoteLine> lines, Outcome out) {
        double days = need(in, Variable.PERIOD_DAYS);
        if (!(days > 0)) throw new RatingException(RatingException.Reason.BAD_INPUT, "periodDays must be > 0, got " + days);
        double years = days / DAYS_PER_YEAR;
        long baseMinor = 0;
        if (annualRate != 0) {
            long m = minor(annualRate * years);
            baseMinor += m;
            if (lines != null) lines.add(new QuoteLine(QuoteLine.Step.BASE, "annualRate", days, null, "annual rate × days/365", 1, m, scale));
        }
        if (fixedMonthly != 0) {
            long m = minor(fixedMonthly * 12 * years);
            baseMinor += m;
            if (lines != null) lines.add(new QuoteLine(QuoteLine.Step.BASE, "fixedMonthly", days, null, "monthly part × 12 × days/365", 1, m, scale));
        }
        if (perKmRate != 0) {
            double km = need(in, Variable.CAPPED_DISTANCE_KM);
            long m = minor(perKmRate * km);
            baseMinor += m;
            if (lines != null) lines.add(new QuoteLine(QuoteLine.Step.BASE, "perKm", km, null,
                    dailyKmCap == Double.POSITIVE_INFINITY ? "rate × km" : "rate × km, days capped at " + num(dailyKmCap) + " km", 1, m, scale));
        }
        double amount = (double) baseMinor / minorPerUnit;
        long prevMinor = baseMinor;
        int[] band = lines == null ? null : new int[1];
        for (int i = 0; i < nClassic; i++) {
            double r = relativity(i, in, band);
            amount *= r;
            if (lines != null) {
                long m = minor(amount);
                lines.add(new QuoteLine(QuoteLine.Step.CLASSIC, varName[i], in.numberAt(slot[i]), in.categoryAt(slot[i]), bandLabel(i, band[0]), r, m - prevMinor, scale));
                prevMinor = m;
            }
        }
        double classicAmount = amount;
        double telematics = 1;
        for (int i = nClassic; i < nFactors; i++) {
            double r = relativity(i, in, band);
            telematics *= r;
            amount *= r;
            if (lines != null) {
                long m = minor(amount);
                lines.add(new QuoteLine(QuoteLine.Step.TELEMATICS, varName[i], in.numberAt(slot[i]), null, bandLabel(i, band[0]), r, m - prevMinor, scale));
                prevMinor = m;
            }
        }
        double z = 1, adj = 1;
        Quote.Limit limit = Quote.Limit.NONE;
        if (nFactors > nClassic) {
            z = credibility(in);
            double blended = 1 + z * (telematics - 1);
            if (lines != null && z != 1) {
                long m = minor(classicAmount * blended);
                lines.add(new QuoteLine(QuoteLine.Step.CREDIBILITY, "credibility", z, null, creditLabel, blended / telematics, m - prevMinor, scale));
                prevMinor = m;
            }
            adj = blended;
            if (adj > maxAdj) { adj = maxAdj; limit = Quote.Limit.CAP; }
            if (adj < minAdj) { adj = minAdj; limit = Quote.Limit.FLOOR; }
            double prior = in.priorAdjustment();
            if (!Double.isNaN(prior)) {
                double hi = prior * (1 + maxInc), lo = prior * (1 - maxDec);
                if (adj > hi) { adj = hi; limit = Quote.Limit.RENEWAL_CAP; }
                if (adj < lo) { adj = lo; limit = Quote.Limit.RENEWAL_FLOOR; }
            }
            // with Z = 1 and no limit keep the sequential product, so explanation and total agree to the bit
            if (z != 1 || limit != Quote.Limit.NONE) amount = classicAmount * adj;
            if (lines != null && limit != Quote.Limit.NONE) {
                long m = minor(amount);
                String rule = switch (limit) {
                    case CAP -> capLabel;
                    case FLOOR -> floorLabel;
                    case RENEWAL_CAP -> renewalCapPrefix + prior;
                    case RENEWAL_FLOOR -> renewalFloorPrefix + prior;
                    case NONE -> "";
                };
                lines.add(new QuoteLine(QuoteLine.Step.CAP, "telematicsAdjustment", blended, null, rule, adj / blended, m - prevMinor, scale));
                prevMinor = m;
            }
        }
        String tier = null;
        if (wellness) {
            double worn = in.number(Variable.WORN_DAYS);
            double discount = 0;
            int tierIndex = -1;
            if (worn >= minWornDays) {
                double steps = in.number(Variable.AVG_DAILY_STEPS), active = in.number(Variable.AVG_ACTIVE_MINUTES);
                double trend = in.number(Variable.RESTING_HR_TREND);
                for (int t = 0; t < tierName.length; t++) {
                    // NaN inputs fail every comparison, so missing data never earns a discount
                    boolean ok = (tierSteps[t] == Double.NEGATIVE_INFINITY || steps >= tierSteps[t])
                            && (tierActive[t] == Double.NEGATIVE_INFINITY || active >= tierActive[t])
                            && (tierHrTrend[t] == Double.POSITIVE_INFINITY || trend <= tierHrTrend[t]);
                    if (ok && tierDiscount[t] > discount) {
                        discount = tierDiscount[t];
                        tier = tierName[t];
                        tierIndex = t;
                    }
                }
            }
            double r = 1 - discount / 100.0;
            amount *= r;
            if (lines != null) {
                long m = minor(amount);
                String why = worn >= minWornDays ? (tierIndex < 0 ? "no tier reached" : tierLabel[tierIndex]) : noWornLabel;
                lines.add(new QuoteLine(QuoteLine.Step.WELLNESS, "wellness", worn, null, why, r, m - prevMinor, scale));
                prevMinor = m;
            }
        }
        long netMinor = minor(amount);
        boolean minimum = false;
        if (netMinor < minimumPremiumMinor) {
            minimum = true;
            if (lines != null) lines.add(new QuoteLine(QuoteLine.Step.MINIMUM_PREMIUM, "minimumPremium", Double.NaN, null,
                    minimumLabel, 1, minimumPremiumMinor - netMinor, scale));
            netMinor = minimumPremiumMinor;
        }
        long feesMinor = 0;
        for (int f = 0; f < feeMinor.length; f++) {
            feesMinor += feeMinor[f];
            if (lines != null) lines.add(new QuoteLine(QuoteLine.Step.FEE, feeName[f], Double.NaN, null, "flat fee", 1, feeMinor[f], scale));
        }
        long taxesMinor = 0;
        if (taxRate.length > 0) {
            BigDecimal taxable = money(netMinor + feesMinor);
            for (int t = 0; t < taxRate.length; t++) {
                long m = taxable.multiply(taxRate[t]).setScale(scale, RoundingMode.HALF_UP).unscaledValue().longValueExact();
                taxesMinor += m;
                if (lines != null) lines.add(new QuoteLine(QuoteLine.Step.TAX, taxName[t], Double.NaN, null,
                        taxLabelPrefix[t] + taxable.toPlainString(), 1, m, scale));
            }
        }
        long totalMinor = netMinor + feesMinor + taxesMinor;
        if (out != null) {
            out.netMinor = netMinor;
            out.totalMinor = totalMinor;
            out.adjustment = adj;
            out.limit = limit;
            out.minimumApplied = minimum;
            return null;
        }
        return new Quote(in.policyId(), key, currency, days, Collections.unmodifiableList(lines), money(netMinor),
                money(feesMinor), money(taxesMinor), money(totalMinor), telematics, z, adj, limit, minimum, tier,
                frequencyModel ? expectedClaimFrequency(in) : Double.NaN, null);
    }

    private static String num(double d) {
        if (d == Double.POSITIVE_INFINITY) return "+inf";
        if (d == Double.NEGATIVE_INFINITY) return "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
