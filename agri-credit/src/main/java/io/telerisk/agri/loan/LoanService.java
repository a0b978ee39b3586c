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
        Instant now = clock.instant();
        List<Factor> factors = new ArrayList<>();
        factors.add(new Factor("amount_requested", money(app.amountRequested()) + " " + app.currency(), 0, "purpose: " + app.purpose()));
        Optional<Field> found = fields.findByDevice(app.tenant(), app.deviceId());
        if (found.isEmpty()) {
            factors.add(new Factor("device", app.deviceId(), 0, "not installed in any registered field of tenant " + app.tenant()));
            return decline(app, null, "UNREGISTERED_DEVICE", BigDecimal.ZERO.setScale(2), null, factors, now);
        }
        Field f = found.get();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        factors.add(new Factor("field", f.fieldId(), 0, String.format(Locale.ROOT, "%s, %.2f ha, sown %s, harvest %s, region %s",
                f.crop(), f.areaHa(), f.sowingDate(), f.harvestDate(), f.region())));
        if (!app.currency().equals(prices.currency())) {
            factors.add(new Factor("currency", app.currency().getCurrencyCode(), 0, "this lender lends in " + prices.currency()));
            return record(decline(app, f, "CURRENCY_NOT_OFFERED", BigDecimal.ZERO.setScale(2), null, factors, now));
        }
        if (!today.isBefore(f.harvestDate())) {
            factors.add(new Factor("season", "harvest " + f.harvestDate(), 0, "season over: a crop loan must be repaid from a coming harvest"));
            return record(decline(app, f, "SEASON_OVER", BigDecimal.ZERO.setScale(2), null, factors, now));
        }

        CropHealth h = health.assess(f, today);
        List<NdviPoint> obs = health.seasonObservations(f, today);
        LocalDate peak = f.crop().expectedPeakDate(f.sowingDate(), f.harvestDate());
        WaterStress afterPeak = today.isAfter(peak)
                ? health.recentStress(f, today, (int) ChronoUnit.DAYS.between(peak, today) + 1)
                : new WaterStress(0, 0, 0, f.soil().wiltingPointVwc());
        YieldEstimate y = yieldModel.estimate(f, obs, afterPeak, prices, today);

        BigDecimal outstanding = loans.approvedForField(f.tenant(), f.fieldId()).stream().map(LoanDecision::outstandingPrincipal)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal limit = y.revenueP10().multiply(policy.advanceRate()).subtract(outstanding).max(BigDecimal.ZERO)
                .setScale(2, RoundingMode.DOWN);
        factors.add(new Factor("yield_estimate_t_per_ha", String.format(Locale.ROOT, "P10 %.2f / P50 %.2f / P90 %.2f", y.yieldP10TPerHa(),
                y.yieldP50TPerHa(), y.yieldP90TPerHa()), 0, String.format(Locale.ROOT, "peak NDVI %.3f (%s), %d clear observations",
                y.peakNdvi(), y.peakObserved() ? "observed" : "forecast", y.observations())));
        factors.add(new Factor("revenue_estimate", money(y.revenueP10()) + " / " + money(y.revenueP50()) + " / " + money(y.revenueP90())
                + " " + y.currency(), 0, "P10 / P50 / P90 at " + money(prices.of(f.crop())) + " per tonne"));
        factors.add(new Factor("existing_principal", money(outstanding), 0, "approved loans already on this field"));
        factors.add(new Factor("credit_limit", money(limit), 0, policy.advanceRate().toPlainString() + " x P10 revenue - existing principal"));

        int points = 0;
        int p = anomalyPoints(h.anomalyZ());
        points += p;
        factors.add(new Factor("ndvi_anomaly_z", h.anomalyZ() == null ? "none" : String.format(Locale.ROOT, "%.2f", h.anomalyZ()), p,
                h.anomalySource() == CropHealth.AnomalySource.PEERS ? "vs " + h.peerCount() + " peers (same crop, region, day)"
                        : h.anomalySource() == CropHealth.AnomalySource.EXPECTED_CURVE ? "vs expected " + f.crop() + " curve (too few peers)"
                        : "no clear observation this season"));
        WaterStress ws = h.waterStress();
        p = stressPoints(ws);
        points += p;
        factors.add(new Factor("water_stress_days", ws.stressDays() + " of " + ws.measuredDays() + " measured days", p,
                String.format(Locale.ROOT, "soil moisture below wilting point %.3f m3/m3 (%s); %d days without data", ws.wiltingPointVwc(),
                        f.soil(), ws.missingDays())));
        BigDecimal ltv = y.revenueP50().signum() == 0 ? BigDecimal.valueOf(99)
                : app.amountRequested().divide(y.revenueP50(), 4, RoundingMode.HALF_EVEN);
        p = ltv.compareTo(new BigDecimal("0.20")) < 0 ? 0 : ltv.compareTo(new BigDecimal("0.35")) < 0 ? 1 : ltv.compareTo(new BigDecimal("0.50")) < 0 ? 2 : 3;
        points += p;
        factors.add(new Factor("loan_to_revenue", ltv.toPlainString(), p, "requested / P50 revenue"));
        p = y.relativeStd() > 0.30 ? 1 : 0;
        points += p;
        factors.add(new Factor("yield_uncertainty", String.format(Locale.ROOT, "%.0f %%", y.relativeStd() * 100), p, "1-sigma relative"));
        RiskGrade grade = RiskGrade.ofPoints(points);
        factors.add(new Factor("risk_grade", grade + " (" + points + " points)", 0, "0-1 A, 2-3 B, 4-5 C, 6-7 D, 8+ E"));

        if (grade == RiskGrade.E) return record(decline(app, f, "RISK_GRADE_E", limit, grade, factors, now));
        BigDecimal rate = policy.annualRatePercent().get(grade);
        LocalDate firstDue = f.harvestDate().plusDays(policy.daysAfterHarvest());
        if (today.plusMonths(app.termMonths()).isBefore(firstDue)) {
            factors.add(new Factor("term", app.termMonths() + " months", 0, "ends before the harvest is sold; schedule runs to " + firstDue));
        }
        boolean recent = h.latestAcquired() != null
                && ChronoUnit.DAYS.between(h.latestAcquired().atZone(ZoneOffset.UTC).toLocalDate(), today) <= policy.maxDaysSinceObservation();
        if (!recent) {
            factors.add(new Factor("data", "no clear NDVI in the last " + policy.maxDaysSinceObservation() + " days", 0, "a credit officer must check the field"));
            BigDecimal offer = app.amountRequested().min(limit);
            return record(decision(app, f, LoanOutcome.REFER, "INSUFFICIENT_DATA", offer, limit, grade, rate, today, firstDue, factors, now));
        }
        if (app.amountRequested().compareTo(limit) <= 0) {
            return record(decision(app, f, LoanOutcome.APPROVE, "WITHIN_LIMIT", app.amountRequested(), limit, grade, rate, today, firstDue, factors, now));
        }
        if (limit.signum() > 0 && app.amountRequested().compareTo(limit.multiply(policy.referUpToLimitRatio())) <= 0) {
            return record(decision(app, f, LoanOutcome.REFER, "ABOVE_LIMIT", limit, limit, grade, rate, today, firstDue, factors, now));
        }
        return record(decline(app, f, "FAR_ABOVE_LIMIT", limit, grade, factors, now));
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

    private LoanDecision record(LoanDecision d) {
        loans.save(d);
        return loans.findByApplication(d.tenant(), d.applicationId()).orElse(d);
    }

    private LoanDecision decline(LoanApplication app, Field f, String reason, BigDecimal limit, RiskGrade grade, List<Factor> factors, Instant now) {
        return new LoanDecision(app.applicationId(), app.tenant(), app.deviceId(), f == null ? null : f.fieldId(), LoanOutcome.DECLINE,
                reason, app.amountRequested(), BigDecimal.ZERO.setScale(2), limit, app.currency(), grade, null, List.of(), factors, now);
    }

    private LoanDecision decision(LoanApplication app, Field f, LoanOutcome outcome, String reason, BigDecimal amount, BigDecimal limit,
                                  RiskGrade grade, BigDecimal rate, LocalDate today, LocalDate firstDue, List<Factor> factors, Instant now) {
        List<Instalment> schedule = amount.signum() > 0 ? RepaymentSchedule.build(amount, rate, today, firstDue, app.termMonths()) : List.of();
        return new LoanDecision(app.applicationId(), app.tenant(), app.deviceId(), f.fieldId(), outcome, reason, app.amountRequested(),
                amount.setScale(2, RoundingMode.DOWN), limit, app.currency(), grade, rate, schedule, factors, now);
    }

    private static String money(BigDecimal m) {
        return m.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
