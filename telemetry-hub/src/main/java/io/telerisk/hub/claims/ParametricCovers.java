package io.telerisk.hub.claims;

import io.telerisk.claims.fnol.Claim;
import io.telerisk.claims.fnol.ClaimJournal;
import io.telerisk.claims.fnol.Coverage;
import io.telerisk.claims.fnol.Policy;
import io.telerisk.claims.parametric.ParametricClaimService;
import io.telerisk.claims.parametric.ParametricEvaluator;
import io.telerisk.claims.parametric.ParametricTerms;
import io.telerisk.hub.summary.SummaryRepository;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Parametric covers ({@code DROUGHT}, {@code EXCESS_RAIN}) of farm-sensor policies, evaluated by the hub from the
 * farm-day summaries ({@link SummaryRepository#farmDays}) over the policy term up to the last complete day: a triggered
 * peril opens a {@code PARAMETRIC} claim, once per cover and trigger period (the claim id is the policy, the peril and
 * the first day of the triggering run or window, so re-evaluating finds it). Runs on a schedule on every hub; each
 * policy is evaluated once per day by whichever hub first records the run in {@code claims_parametric_run} (its primary
 * key decides, in the database, not in a hub's memory), and a race on the claim itself is settled by the claim's key.
 *
 * <p>Terms: the sum insured is the cover's limit. Drought: mean soil moisture below {@value #WILTING_POINT_VWC} m³/m³
 * for at least {@value #DROUGHT_DAYS} consecutive days pays 20 % of the sum insured plus 5 % per further day, at most
 * 100 %; no NDVI condition (the hub has no per-field NDVI anomaly source yet). Excess rain: the largest 3-day rain
 * total pays nothing up to 100 mm, 100 % from 200 mm, linear between. Payouts up to {@link #AUTO_APPROVE_UP_TO} are
 * approved automatically; above it they go to an adjuster (P2).
 *
 * <p>Loss payee: the payout of an approved parametric claim whose policy (the cover id) is linked to a loan goes to
 * that loan's instalments through {@link LossPayees}, once per claim id ({@link #payLossPayee}), when its trigger
 * period starts after the day of the link; a claim triggered before (or on the day of) the link is paid to the insured. Each run offers the
 * approved claims it finds again, so a payout lost to a crash between approval and payment is applied on the next run.
 */
public final class ParametricCovers {
    private static final System.Logger LOG = System.getLogger(ParametricCovers.class.getName());
    static final double WILTING_POINT_VWC = 0.12;
    static final int DROUGHT_DAYS = 10;
    static final BigDecimal AUTO_APPROVE_UP_TO = new BigDecimal("5000.00");
    /** Cover codes evaluated here. */
    static final String DROUGHT = "DROUGHT", EXCESS_RAIN = "EXCESS_RAIN";

    private final DataSource dataSource;
    private final JdbcPolicyDirectory policies;
    private final ParametricClaimService service;
    private final Clock clock;
    private volatile LossPayees payees = LossPayees.NONE;

    ParametricCovers(DataSource dataSource, JdbcPolicyDirectory policies, SummaryRepository summaries, ClaimJournal journal, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.clock = Objects.requireNonNull(clock, "clock");
        // summaries read [from, to) while the domain asks [from, to]
        ParametricEvaluator evaluator = new ParametricEvaluator(
                (tenant, deviceId, from, toInclusive) -> summaries.farmDays(tenant, deviceId, from, toInclusive.plusDays(1)),
                (fieldId, asOf) -> OptionalDouble.empty());
        this.service = new ParametricClaimService(evaluator, journal, AUTO_APPROVE_UP_TO);
    }

    /** The terms of a policy's parametric covers, one per peril, each with its cover's limit as the sum insured. */
    static List<ParametricTerms> termsOf(Policy p) {
        List<ParametricTerms> out = new ArrayList<>();
        String tenant = p.device().tenant(), sensor = p.device().deviceId();
        p.coverage(DROUGHT).ifPresent(c -> out.add(new ParametricTerms(p.policyId(), tenant, sensor, sensor, c.limit(), c.currency(),
                new ParametricTerms.Drought(WILTING_POINT_VWC, DROUGHT_DAYS, null, new BigDecimal("20"), new BigDecimal("5"), new BigDecimal("100")),
                null)));
        p.coverage(EXCESS_RAIN).ifPresent(c -> out.add(new ParametricTerms(p.policyId(), tenant, sensor, sensor, c.limit(), c.currency(), null,
                new ParametricTerms.ExcessRain(3, 100, 200, new BigDecimal("100")))));
        return out;
    }

    /**
     * Evaluates every policy with parametric covers in force on {@code lastDay} (UTC) over its term up to that day,
     * unless another hub did so for that day already.
     *
     * @return the claims opened or found by this run
     */
    public List<Claim> evaluate(LocalDate lastDay) {
        List<Claim> out = new ArrayList<>();
        for (Policy p : policies.withCovers(List.of(DROUGHT, EXCESS_RAIN), lastDay.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            if (!claimRun(p, lastDay)) continue;
            LocalDate from = p.inception().atZone(ZoneOffset.UTC).toLocalDate();
            try {
                for (ParametricTerms t : termsOf(p)) {
                    for (Claim c : service.settle(t, from, lastDay, clock.instant())) {
                        payLossPayee(c, "system");
                        out.add(c);
                    }
                }
            } catch (RuntimeException e) {
                forgetRun(p, lastDay);
                LOG.log(System.Logger.Level.WARNING, "parametric covers of policy " + p.policyId() + " not evaluated for " + lastDay + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Where approved payouts of covers linked to a loan go (set once by the hub; default: nowhere). */
    void payLossPayeesWith(LossPayees payees) {
        this.payees = Objects.requireNonNull(payees, "payees");
    }

    /**
     * Pays an approved parametric claim into the loan its cover (the policy) is linked to, if any; idempotent per claim
     * id, so repeating it (another run, another hub) changes nothing.
     *
     * @return the loan's application id when the payout went to a loan
     */
    java.util.Optional<String> payLossPayee(Claim c, String by) {
        if (c.source() != io.telerisk.claims.fnol.ClaimSource.PARAMETRIC || c.device() == null) return java.util.Optional.empty();
        if (c.status() != io.telerisk.claims.fnol.ClaimStatus.AUTO_APPROVED && c.status() != io.telerisk.claims.fnol.ClaimStatus.APPROVED) {
            return java.util.Optional.empty();
        }
        BigDecimal payout = c.settlement() != null ? c.settlement().payout() : c.amount();
        if (payout == null || payout.signum() <= 0) return java.util.Optional.empty();
        java.util.Optional<LocalDate> triggerStart = ParametricClaimService.triggerStartOf(c.claimId());
        if (triggerStart.isEmpty()) return java.util.Optional.empty();
        return payees.pay(c.device().tenant(), c.policyId(), c.claimId(), triggerStart.get(), payout,
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), by);
    }

    /** The loan this claim's payout was applied to, if any. */
    java.util.Optional<String> lossPayeeLoan(String tenant, String claimId) {
        return payees.paidTo(tenant, claimId);
    }

    /** Records that this hub evaluates the policy for the day; false when a hub did already. */
    private boolean claimRun(Policy p, LocalDate day) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO claims_parametric_run (tenant, policy_id, last_day, run_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, p.device().tenant());
            ps.setString(2, p.policyId());
            ps.setObject(3, day);
            ps.setObject(4, JdbcClaimRepository.utc(clock.instant()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return false;
            throw new IllegalStateException("cannot record the parametric run of " + p.policyId() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the day's run record after a failure, so the next scheduled run (on any hub) tries again. */
    private void forgetRun(Policy p, LocalDate day) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM claims_parametric_run WHERE tenant = ? AND policy_id = ? AND last_day = ?")) {
            ps.setString(1, p.device().tenant());
            ps.setString(2, p.policyId());
            ps.setObject(3, day);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot clear the parametric run of " + p.policyId() + ": " + e.getMessage());
        }
    }
}
