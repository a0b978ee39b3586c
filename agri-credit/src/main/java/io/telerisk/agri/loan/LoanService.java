package io.telerisk.agri.loan;

import io.telerisk.agri.field.Field;
import io.telerisk.agri.field.FieldRepository;
import io.telerisk.agri.health.CropHealth;
import io.telerisk.agri.health.HealthAssessor;
import io.telerisk.agri.health.WaterStress;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.yield.CropPrices;
import io.telerisk.agri.yield.YieldEstimate;
import io.telerisk.agri.yield.YieldModel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides loan applications from field devices: the service the hub calls ({@link #decide(LoanApplication)}).
 *
 * <p>Steps: find the device's field; assess crop health (NDVI anomaly z-score, water stress) and estimate yield and
 * revenue; the limit is {@code advanceRate x P10 revenue - approved principal already on the field}; risk points
 * (anomaly 0-4, water stress 0-3 (+1 when the sensor sent no soil moisture), loan-to-revenue 0-3, model uncertainty
 * 0-1) give a grade A-E and the grade a rate. Outcome: decline for grade E, a finished season or a request above
 * {@code referUpToLimitRatio x limit}; refer when data is missing or the request is above the limit; otherwise
 * approve. Repayments start after the harvest. Every factor and its value is in the explanation. Decisions are
 * recorded once per application id (a redelivered request returns the recorded decision); requests from devices
 * not installed in a registered field are declined and not recorded.
 */
public final class LoanService {
    private final FieldRepository fields;
    private final HealthAssessor health;
    private final YieldModel yieldModel;
    private final CropPrices prices;
    private final LoanRepository loans;
    private final LoanPolicy policy;
    private final Clock clock;

    public LoanService(FieldRepository fields, HealthAssessor health, YieldModel yieldModel, CropPrices prices,
                       LoanRepository loans, LoanPolicy policy, Clock clock) {
        this.fields = Objects.requireNonNull(fields);
        this.health = Objects.requireNonNull(health);
        this.yieldModel = Objects.requireNonNull(yieldModel);
        this.prices = Objects.requireNonNull(prices);
        this.loans = Objects.requireNonNull(loans);
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Decides (or returns the recorded decision for) an application. Never throws for bad data. */
    public LoanDecision decide(LoanApplication app) {
        Optional<LoanDecision> previous = loans.findByApplication(app.tenant(), app.applicationId());
        if (previous.isPresent()) return previous.get();
        Optional<Field> found = fields.findByDevice(app.tenant(), app.deviceId());
        if (found.isEmpty()) {
            List<Factor> factors = new ArrayList<>();
            factors.add(amountFactor(app));
            factors.add(new Factor("device", app.deviceId(), null, Factor.Effect.DECLINE, 0,
                    "device " + app.deviceId() + " is not installed in any registered field of tenant " + app.tenant()));
            return decline(app, null, "UNREGISTERED_DEVICE", BigDecimal.ZERO.setScale(2), null, factors, clock.instant());
        }
        LoanDecision d = evaluate(app, found.get(), clock.instant());
        loans.save(d);
        return loans.findByApplication(d.tenant(), d.applicationId()).orElse(d);
    }

    /**
     * Decides (or returns the recorded decision for) an application as the desk would have decided it when it was
     * requested: on the field's data up to that day (scenes, soil moisture, loans already approved), dated then. For
     * loading a book of decisions taken earlier in the season (an earlier system, the demo's history); a request
     * dated ahead of the clock is decided now.
     *
     * @throws IllegalArgumentException when the device is in no registered field (nothing to decide on as of then)
     */
    public LoanDecision decideAsRequested(LoanApplication app) {
        Optional<LoanDecision> previous = loans.findByApplication(app.tenant(), app.applicationId());
        if (previous.isPresent()) return previous.get();
        Field f = fields.findByDevice(app.tenant(), app.deviceId()).orElseThrow(() -> new IllegalArgumentException(
                "device " + app.deviceId() + " is not installed in any registered field of tenant " + app.tenant()));
        Instant now = clock.instant();
        LoanDecision d = evaluate(app, f, app.requestedAt().isAfter(now) ? now : app.requestedAt());
        loans.save(d);
        return loans.findByApplication(d.tenant(), d.applicationId()).orElse(d);
    }

    /**
     * What {@link #decide} would answer today for {@code amount} over {@code termMonths} on a field, without recording
     * anything: the borrowing-limit preview a farmer sees before applying. With no amount, the field's whole limit is
     * previewed (grade and rate as if that much were requested).
     */
    public LoanDecision preview(Field field, BigDecimal amount, int termMonths) {
        Instant now = clock.instant();
        BigDecimal requested = amount;
        if (requested == null) {
            LoanDecision probe = evaluate(new LoanApplication("preview", field.tenant(), deviceOf(field), new BigDecimal("0.01"),
                    prices.currency(), termMonths, "limit preview", now), field, now);
            requested = probe.limit().signum() > 0 ? probe.limit() : new BigDecimal("0.01");
        }
        return evaluate(new LoanApplication("preview", field.tenant(), deviceOf(field), requested.setScale(2, RoundingMode.HALF_EVEN),
                prices.currency(), termMonths, "limit preview", now), field, now);
    }

    /** The field's yield and revenue estimate on {@code day}, as a decision on that day uses it. */
    public YieldEstimate yieldEstimate(Field f, LocalDate day) {
        List<NdviPoint> obs = health.seasonObservations(f, day);
        LocalDate peak = f.crop().expectedPeakDate(f.sowingDate(), f.harvestDate());
        WaterStress afterPeak = day.isAfter(peak)
                ? health.recentStress(f, day, (int) ChronoUnit.DAYS.between(peak, day) + 1)
                : new WaterStress(0, 0, 0, f.soil().wiltingPointVwc());
        return yieldModel.estimate(f, obs, afterPeak, prices, day);
    }

    /** The lender's currency. */
    public java.util.Currency currency() {
        return prices.currency();
    }

    private static String deviceOf(Field f) {
        return f.deviceId() == null ? "" : f.deviceId();
    }

    private static Factor amountFactor(LoanApplication app) {
        return Factor.info("amount_requested", money(app.amountRequested()),
                "asked for " + money(app.amountRequested()) + " " + app.currency() + " over " + app.termMonths() + " months for " + app.purpose());
    }

    /** The decision on {@code now}'s data: health, yield and the approved principal as they stood that day. */
    private LoanDecision evaluate(LoanApplication app, Field f, Instant now) {
        List<Factor> factors = new ArrayList<>();
        factors.add(amountFactor(app));
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        factors.add(Factor.info("field", f.fieldId(), String.format(Locale.ROOT, "%s, %.2f ha, sown %s, harvest %s, region %s",
                f.crop(), f.areaHa(), f.sowingDate(), f.harvestDate(), f.region())));
        if (!app.currency().equals(prices.currency())) {
            factors.add(new Factor("currency", app.currency().getCurrencyCode(), prices.currency().getCurrencyCode(), Factor.Effect.DECLINE, 0,
                    "this lender lends in " + prices.currency() + " only"));
            return decline(app, f, "CURRENCY_NOT_OFFERED", BigDecimal.ZERO.setScale(2), null, factors, now);
        }
        if (!today.isBefore(f.harvestDate())) {
            factors.add(new Factor("season", today.toString(), f.harvestDate().toString(), Factor.Effect.DECLINE, 0,
                    "the harvest (" + f.harvestDate() + ") has come: a crop loan must be repaid from a coming harvest"));
            return decline(app, f, "SEASON_OVER", BigDecimal.ZERO.setScale(2), null, factors, now);
        }

        CropHealth h = health.assess(f, today);
        YieldEstimate y = yieldEstimate(f, today);

        BigDecimal outstanding = loans.approvedForField(f.tenant(), f.fieldId()).stream()
                .filter(d -> !d.decidedAt().isAfter(now)).map(LoanDecision::outstandingPrincipal)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal limit = y.revenueP10().multiply(policy.advanceRate()).subtract(outstanding).max(BigDecimal.ZERO)
                .setScale(2, RoundingMode.DOWN);
        factors.add(Factor.info("yield_estimate_t_per_ha", String.format(Locale.ROOT, "%.2f", y.yieldP50TPerHa()),
                String.format(Locale.ROOT, "expected yield %.2f t/ha (bad year %.2f, good year %.2f) from peak NDVI %.3f (%s, %d clear observations)",
                        y.yieldP50TPerHa(), y.yieldP10TPerHa(), y.yieldP90TPerHa(), y.peakNdvi(), y.peakObserved() ? "observed" : "forecast",
                        y.observations())));
        factors.add(Factor.info("revenue_estimate", money(y.revenueP50()), "expected revenue " + money(y.revenueP50()) + " " + y.currency()
                + " (bad year " + money(y.revenueP10()) + ", good year " + money(y.revenueP90()) + ") at " + money(prices.of(f.crop())) + " per tonne"));
        factors.add(new Factor("existing_principal", money(outstanding), null, Factor.Effect.LIMIT, 0,
                money(outstanding) + " already lent on this field comes off the limit"));
        factors.add(new Factor("credit_limit", money(limit), null, Factor.Effect.LIMIT, 0, "the field can carry " + money(limit) + " "
                + prices.currency() + ": " + policy.advanceRate().toPlainString() + " x bad-year revenue, less what is already lent"));

        int points = 0;
        int p = anomalyPoints(h.anomalyZ());
        points += p;
        factors.add(Factor.risk("ndvi_anomaly_z", h.anomalyZ() == null ? "none" : String.format(Locale.ROOT, "%.2f", h.anomalyZ()), "-0.5", p,
                h.anomalySource() == CropHealth.AnomalySource.PEERS
                        ? String.format(Locale.ROOT, "crop greenness is %.1f standard deviations from %d neighbouring %s fields", h.anomalyZ(), h.peerCount(), f.crop())
                        : h.anomalySource() == CropHealth.AnomalySource.EXPECTED_CURVE
                        ? String.format(Locale.ROOT, "crop greenness is %.1f spreads from the normal %s curve (too few neighbouring fields to compare)", h.anomalyZ(), f.crop())
                        : "no clear satellite view of the field this season"));
        WaterStress ws = h.waterStress();
        p = stressPoints(ws);
        points += p;
        factors.add(Factor.risk("water_stress_share", ws.measuredDays() == 0 ? "none" : String.format(Locale.ROOT, "%.3f", ws.stressFraction()), "0.05", p,
                ws.measuredDays() == 0 ? "no soil-moisture readings this season"
                        : String.format(Locale.ROOT, "soil was drier than the wilting point (%.2f m3/m3 for %s) on %d of %d measured days; %d days without data",
                        ws.wiltingPointVwc(), f.soil(), ws.stressDays(), ws.measuredDays(), ws.missingDays())));
        Factor ltv;
        if (y.revenueP50().signum() == 0) {
            p = 3; // no expected revenue: any amount is the worst loan-to-revenue
            ltv = Factor.risk("loan_to_revenue", "none", "0.20", p, "the field is expected to earn nothing this season, so the loan cannot be set against revenue");
        } else {
            BigDecimal r = app.amountRequested().divide(y.revenueP50(), 4, RoundingMode.HALF_EVEN);
            p = r.compareTo(new BigDecimal("0.20")) < 0 ? 0 : r.compareTo(new BigDecimal("0.35")) < 0 ? 1 : r.compareTo(new BigDecimal("0.50")) < 0 ? 2 : 3;
            ltv = Factor.risk("loan_to_revenue", r.toPlainString(), "0.20", p, String.format(Locale.ROOT,
                    "the amount is %.0f %% of the expected revenue", r.doubleValue() * 100));
        }
        points += p;
        factors.add(ltv);
        p = y.relativeStd() > 0.30 ? 1 : 0;
        points += p;
        factors.add(Factor.risk("yield_uncertainty", String.format(Locale.ROOT, "%.2f", y.relativeStd()), "0.30", p,
                String.format(Locale.ROOT, "the yield estimate is uncertain by %.0f %% (one standard deviation)", y.relativeStd() * 100)));
        RiskGrade grade = RiskGrade.ofPoints(points);
        factors.add(new Factor("risk_grade", grade.name(), "E", grade == RiskGrade.E ? Factor.Effect.DECLINE : Factor.Effect.INFORMATION, 0,
                "grade " + grade + " from " + points + " risk points (0-1 A, 2-3 B, 4-5 C, 6-7 D, 8+ E, which is not lent to)"));

        if (grade == RiskGrade.E) return decline(app, f, "RISK_GRADE_E", limit, grade, factors, now);
        BigDecimal rate = policy.annualRatePercent().get(grade);
        LocalDate firstDue = f.harvestDate().plusDays(policy.daysAfterHarvest());
        if (today.plusMonths(app.termMonths()).isBefore(firstDue)) {
            factors.add(new Factor("term", Integer.toString(app.termMonths()), firstDue.toString(), Factor.Effect.INFORMATION, 0,
                    app.termMonths() + " months end before the harvest is sold; repayment runs to " + firstDue));
        }
        long daysSince = h.latestAcquired() == null ? Long.MAX_VALUE
                : ChronoUnit.DAYS.between(h.latestAcquired().atZone(ZoneOffset.UTC).toLocalDate(), today);
        BigDecimal offer = app.amountRequested().min(limit);
        if (daysSince > policy.maxDaysSinceObservation()) {
            factors.add(new Factor("days_since_clear_observation", daysSince == Long.MAX_VALUE ? "none" : Long.toString(daysSince),
                    Integer.toString(policy.maxDaysSinceObservation()), Factor.Effect.REFER, 0,
                    "no clear satellite view in the last " + policy.maxDaysSinceObservation() + " days: a credit officer must check the field"));
            return decision(app, f, LoanOutcome.REFER, "INSUFFICIENT_DATA", offer, limit, grade, rate, today, firstDue, factors, now);
        }
        if (app.amountRequested().compareTo(limit) <= 0) {
            return decision(app, f, LoanOutcome.APPROVE, "WITHIN_LIMIT", offer, limit, grade, rate, today, firstDue, factors, now);
        }
        BigDecimal referCap = limit.multiply(policy.referUpToLimitRatio()).setScale(2, RoundingMode.DOWN);
        if (limit.signum() > 0 && app.amountRequested().compareTo(referCap) <= 0) {
            factors.add(new Factor("amount_above_limit", money(app.amountRequested()), money(limit), Factor.Effect.REFER, 0,
                    "the amount is above the limit but within " + policy.referUpToLimitRatio().toPlainString() + " x of it: a credit officer decides"));
            return decision(app, f, LoanOutcome.REFER, "ABOVE_LIMIT", offer, limit, grade, rate, today, firstDue, factors, now);
        }
        factors.add(new Factor("amount_above_limit", money(app.amountRequested()), money(referCap), Factor.Effect.DECLINE, 0,
                "the amount is more than " + policy.referUpToLimitRatio().toPlainString() + " x the limit"));
        return decline(app, f, "FAR_ABOVE_LIMIT", limit, grade, factors, now);
    }

    /**
     * A credit officer's final verdict on a referral: an approval of {@code amount} (at most the request) gets the
     * grade's rate and a schedule from {@code at}, exactly as an automatic approval would; a decline grants nothing.
     * The officer's reason code becomes the decision's reason, and a {@code credit_officer} factor says who and why.
     *
     * @throws IllegalArgumentException when the decision is not a referral or the amount is above the request
     */
    public LoanDecision decideReferral(LoanDecision referred, boolean approve, BigDecimal amount, String reasonCode, String who,
                                       String note, Instant at) {
        if (referred.outcome() != LoanOutcome.REFER) throw new IllegalArgumentException(referred.applicationId() + " is not a referral");
        List<Factor> factors = new ArrayList<>(referred.factors());
        factors.add(new Factor("credit_officer", reasonCode, null, approve ? Factor.Effect.INFORMATION : Factor.Effect.DECLINE, 0,
                (approve ? "approved " + money(amount) : "declined") + " by " + who + (note == null || note.isBlank() ? "" : ": " + note)));
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        if (!approve) {
            return new LoanDecision(referred.applicationId(), referred.tenant(), referred.deviceId(), referred.fieldId(), LoanOutcome.DECLINE,
                    reasonCode, referred.amountRequested(), zero, zero, referred.limit(), referred.currency(), referred.grade(), null,
                    referred.termMonths(), List.of(), factors, at);
        }
        if (amount.compareTo(referred.amountRequested()) > 0) {
            throw new IllegalArgumentException("approved amount " + money(amount) + " is above the request " + money(referred.amountRequested()));
        }
        Field f = fields.find(referred.tenant(), referred.fieldId())
                .orElseThrow(() -> new IllegalArgumentException("field " + referred.fieldId() + " no longer exists"));
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        BigDecimal granted = amount.setScale(2, RoundingMode.DOWN);
        List<Instalment> schedule = RepaymentSchedule.build(granted, referred.annualRatePercent(), day,
                f.harvestDate().plusDays(policy.daysAfterHarvest()), Math.max(1, referred.termMonths()));
        return new LoanDecision(referred.applicationId(), referred.tenant(), referred.deviceId(), referred.fieldId(), LoanOutcome.APPROVE,
                reasonCode, referred.amountRequested(), granted, referred.offeredAmount(), referred.limit(), referred.currency(),
                referred.grade(), referred.annualRatePercent(), referred.termMonths(), schedule, factors, at);
    }

    private static int anomalyPoints(Double z) {
        if (z == null) return 2;
        if (z >= -0.5) return 0;
        if (z >= -1) return 1;
        if (z >= -2) return 2;
        return 4;
    }

    private static int stressPoints(WaterStress ws) {
        if (ws.measuredDays() == 0) return 1; // unknown is not the same as fine
        double s = ws.stressFraction();
        return s < 0.05 ? 0 : s < 0.15 ? 1 : s < 0.30 ? 2 : 3;
    }

    private LoanDecision decline(LoanApplication app, Field f, String reason, BigDecimal limit, RiskGrade grade, List<Factor> factors, Instant now) {
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        return new LoanDecision(app.applicationId(), app.tenant(), app.deviceId(), f == null ? null : f.fieldId(), LoanOutcome.DECLINE,
                reason, app.amountRequested(), zero, zero, limit, app.currency(), grade, null, app.termMonths(), List.of(), factors, now);
    }

    /** An approval grants the offer with its schedule; a referral grants nothing yet and has no schedule. */
    private LoanDecision decision(LoanApplication app, Field f, LoanOutcome outcome, String reason, BigDecimal offer, BigDecimal limit,
                                  RiskGrade grade, BigDecimal rate, LocalDate today, LocalDate firstDue, List<Factor> factors, Instant now) {
        BigDecimal offered = offer.setScale(2, RoundingMode.DOWN);
        boolean approve = outcome == LoanOutcome.APPROVE;
        List<Instalment> schedule = approve && offered.signum() > 0
                ? RepaymentSchedule.build(offered, rate, today, firstDue, app.termMonths()) : List.of();
        return new LoanDecision(app.applicationId(), app.tenant(), app.deviceId(), f.fieldId(), outcome, reason, app.amountRequested(),
                approve ? offered : BigDecimal.ZERO.setScale(2), offered, limit, app.currency(), grade, rate, app.termMonths(), schedule, factors, now);
    }

    private static String money(BigDecimal m) {
        return m.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
