package io.telerisk.agri.monitor;

import io.telerisk.agri.field.Field;
import io.telerisk.agri.field.FieldRepository;
import io.telerisk.agri.health.CropHealth;
import io.telerisk.agri.health.HealthAssessor;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanRepository;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Watches financed fields during the season (the hub calls {@link #evaluate} daily and routes the alerts): an alert
 * when a field's NDVI anomaly z-score is at or below {@code anomalyZThreshold}, when its water-stress days in the last
 * {@code stressWindowDays} reach {@code stressDaysThreshold}, or when it has had no clear observation for
 * {@code maxDaysWithoutObservation} days. Only fields with an approved loan and a season in progress are watched.
 */
public final class SeasonMonitor {
    /**
     * Thresholds.
     *
     * @param anomalyZThreshold         e.g. -2: two peer standard deviations below
     * @param stressWindowDays          e.g. 14
     * @param stressDaysThreshold       e.g. 5 days below wilting point in the window
     * @param maxDaysWithoutObservation e.g. 30
     */
    public record Thresholds(double anomalyZThreshold, int stressWindowDays, int stressDaysThreshold, int maxDaysWithoutObservation) {
        public Thresholds {
            if (stressWindowDays < 1 || stressDaysThreshold < 1 || maxDaysWithoutObservation < 1) throw new IllegalArgumentException("thresholds must be positive");
        }

        public static Thresholds defaults() {
            return new Thresholds(-2.0, 14, 5, 30);
        }
    }

    private final FieldRepository fields;
    private final LoanRepository loans;
    private final HealthAssessor health;
    private final Thresholds thresholds;

    public SeasonMonitor(FieldRepository fields, LoanRepository loans, HealthAssessor health, Thresholds thresholds) {
        this.fields = Objects.requireNonNull(fields);
        this.loans = Objects.requireNonNull(loans);
        this.health = Objects.requireNonNull(health);
        this.thresholds = Objects.requireNonNull(thresholds);
    }

    /** Alerts for a tenant's financed fields on {@code asOf}. */
    public List<SeasonAlert> evaluate(String tenant, LocalDate asOf) {
        List<SeasonAlert> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LoanDecision loan : loans.approved(tenant, asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
            if (loan.fieldId() == null || !seen.add(loan.fieldId())) continue;
            fields.find(tenant, loan.fieldId()).ifPresent(f -> out.addAll(evaluate(f, loan.applicationId(), asOf)));
        }
        return out;
    }

    /**
     * Alerts of one field on {@code asOf}, financed or not (a farmer watches their own fields); none outside its season.
     *
     * @param applicationId the loan the alerts are about, or {@code null}
     */
    public List<SeasonAlert> evaluate(Field f, String applicationId, LocalDate asOf) {
        List<SeasonAlert> out = new ArrayList<>();
        String tenant = f.tenant();
        if (asOf.isBefore(f.sowingDate()) || asOf.isAfter(f.harvestDate())) return out;
        CropHealth h = health.assess(f, asOf, thresholds.stressWindowDays());
        if (h.anomalyZ() != null && h.anomalyZ() <= thresholds.anomalyZThreshold()) {
            out.add(new SeasonAlert(tenant, f.fieldId(), applicationId, SeasonAlert.Kind.NDVI_ANOMALY, h.anomalyZ(),
                    thresholds.anomalyZThreshold(), asOf, String.format(Locale.ROOT, "NDVI %.3f is %.1f standard deviations from %s",
                    h.latestNdvi(), h.anomalyZ(), h.anomalySource() == CropHealth.AnomalySource.PEERS ? h.peerCount() + " peers" : "the expected curve")));
        }
        if (h.waterStress().stressDays() >= thresholds.stressDaysThreshold()) {
            out.add(new SeasonAlert(tenant, f.fieldId(), applicationId, SeasonAlert.Kind.WATER_STRESS, h.waterStress().stressDays(),
                    thresholds.stressDaysThreshold(), asOf, h.waterStress().stressDays() + " days below the wilting point in the last "
                    + thresholds.stressWindowDays() + " days"));
        }
        long since = h.latestAcquired() == null ? ChronoUnit.DAYS.between(f.sowingDate(), asOf)
                : ChronoUnit.DAYS.between(h.latestAcquired().atZone(ZoneOffset.UTC).toLocalDate(), asOf);
        if (since >= thresholds.maxDaysWithoutObservation()) {
            out.add(new SeasonAlert(tenant, f.fieldId(), applicationId, SeasonAlert.Kind.NO_OBSERVATION, since,
                    thresholds.maxDaysWithoutObservation(), asOf, "no clear observation for " + since + " days"));
        }
        return out;
    }
}
