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

/**
 * Parametric covers ({@code DROUGHT}, {@code EXCESS_RAIN}) of farm-sensor policies, evaluated by the hub from the
 * farm-day summaries ({@link SummaryRepository#farmDays}) over the policy term up to the last complete day: a triggered
 * peril opens a {@code PARAMETRIC} claim, once per cover and trigger period (the claim id is the policy, the peril and
 * the first day of the triggering run or window, so re-evaluating finds it). Runs on a schedule on every hub; each
 * policy is evaluated once per day by whichever hub first records the run in {@code claims_parametric_run} (its primary
 * key decides, in the database, not in a hub's memory), and a race on the claim itself is settled by the claim's key.
 *
 * <p>Terms: the sum insured is the cover's limit; the index terms are the cover's own ({@code coverages[].terms},
 * {@link CoverTermsJson}) or the defaults. Default drought: mean soil moisture below 0.12 m³/m³ for at least 10
 * consecutive days pays 20 % of the sum insured plus 5 % per further day, at most 100 %, with no NDVI condition; a
 * cover's {@code ndviAnomalyAtMost} adds one: the NDVI anomaly z of the sensor's field ({@link FieldNdviAnomalies}, the
 * crop-credit desk's NDVI series) 16 days after the dry run must be at or below it. Default excess rain: the largest
 * 3-day rain total pays nothing up to 100 mm, 100 % from 200 mm, linear between. Payouts up to
 * {@link #AUTO_APPROVE_UP_TO} are approved automatically; above it they go to an adjuster (P2).
 *
 * <p>Loss payee: the payout of an approved parametric claim whose policy (the cover id) is linked to a loan goes to
 * that loan's instalments through {@link LossPayees}, once per claim id ({@link #payLossPayee}), when its trigger
 * period starts after the day of the link; a claim triggered before (or on the day of) the link is paid to the insured. Each run offers the
 * approved claims it finds again, so a payout lost to a crash between approval and payment is applied on the next run.
 */
public final class ParametricCovers {
    private static final System.Logger LOG = System.getLogger(ParametricCovers.class.getName());
    static final BigDecimal AUTO_APPROVE_UP_TO = new BigDecimal("5000.00");
    /** Cover codes evaluated here. */
    static final String DROUGHT = "DROUGHT", EXCESS_RAIN = "EXCESS_RAIN";

    private final DataSource dataSource;
    private final JdbcPolicyDirectory policies;
    private final ClaimJournal journal;
    private final io.telerisk.claims.parametric.FarmDaySource days;
    private final Clock clock;
    private volatile LossPayees payees = LossPayees.NONE;
    private volatile FieldNdviAnomalies ndvi = FieldNdviAnomalies.NONE;

    ParametricCovers(DataSource dataSource, JdbcPolicyDirectory policies, SummaryRepository summaries, ClaimJournal journal, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Objects.requireNonNull(journal, "journal");
        // summaries read [from, to) while the domain asks [from, to]
        this.days = (tenant, deviceId, from, toInclusive) -> summaries.farmDays(tenant, deviceId, from, toInclusive.plusDays(1));
    }

    /** The claim service for one tenant's covers: its farm days, and the NDVI anomaly of its fields. */
    private ParametricClaimService service(String tenant) {
        FieldNdviAnomalies source = ndvi;
        return new ParametricClaimService(new ParametricEvaluator(days, (fieldId, asOf) -> source.anomaly(tenant, fieldId, asOf)), journal,
                AUTO_APPROVE_UP_TO);
    }

    /**
     * The terms of a policy's parametric covers, one per peril, each with its cover's limit as the sum insured and
     * the cover's own index terms (or the defaults). The field whose NDVI is read is the sensor's.
     */
    static List<ParametricTerms> termsOf(Policy p) {
        List<ParametricTerms> out = new ArrayList<>();
        String tenant = p.device().tenant(), sensor = p.device().deviceId();
        p.coverage(DROUGHT).ifPresent(c -> out.add(new ParametricTerms(p.policyId(), tenant, sensor, sensor, c.limit(), c.currency(),
                (ParametricTerms.Drought) CoverTermsJson.effective(c), null)));
        p.coverage(EXCESS_RAIN).ifPresent(c -> out.add(new ParametricTerms(p.policyId(), tenant, sensor, sensor, c.limit(), c.currency(), null,
                (ParametricTerms.ExcessRain) CoverTermsJson.effective(c))));
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
                ParametricClaimService service = service(p.device().tenant());
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

    /**
     * Evaluates again for {@code lastDay} even where a hub did already: for data that arrived after the day's run, such
     * as a replay of past days catching up (the demo). The day's run records are dropped first, so the next scheduled
     * run of the same day is skipped as usual; claims found again change nothing (their id is their key).
     *
     * @return the claims opened or found by this run
     */
    public List<Claim> evaluateAgain(LocalDate lastDay) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM claims_parametric_run WHERE last_day = ?")) {
            ps.setObject(1, lastDay);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the parametric runs of " + lastDay + ": " + e.getMessage(), e);
        }
        return evaluate(lastDay);
    }

    /** Where the NDVI anomaly of a sensor's field comes from (set once by the hub; default: nowhere). */
    void ndviAnomaliesFrom(FieldNdviAnomalies source) {
        this.ndvi = Objects.requireNonNull(source, "source");
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
