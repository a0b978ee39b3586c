package io.telerisk.claims.assessment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Auto-assessment: severity from delta-V through the injury-risk curve, repair-cost band, liability hint from the
 * impact direction, fraud signals (time/place/impulse from the telemetry cross-check, claim soon after inception,
 * repeated claims) and the straight-through decision: minor severity, confidence at or above the configured minimum,
 * no fraud signal and an estimate within the configured amount are approved automatically; anything else goes to an
 * adjuster with a priority (P1 serious/severe injury risk, P2 fraud signals, P3 unknown severity or low confidence,
 * P4 otherwise). Stateless and thread-safe.
 */
public final class Assessor {
    private final AssessmentRules rules;

    public Assessor(AssessmentRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public AssessmentRules rules() {
        return rules;
    }

    public Assessment assess(AssessmentInput in) {
        List<String> evidence = new ArrayList<>();
        double risk = Double.NaN;
        Severity severity = null;
        RepairCostBands.Band band = null;
        if (in.deltaVKmh() != null) {
            risk = rules.injuryRisk().mais3PlusRisk(in.deltaVKmh());
            severity = Severity.ofRisk(risk);
            band = rules.repairCosts().bandFor(in.deltaVKmh());
            evidence.add(String.format(Locale.ROOT, "delta-V %.1f km/h -> P(MAIS3+) %.4f (%s) -> severity %s",
                    in.deltaVKmh(), risk, rules.injuryRisk().source(), severity));
            evidence.add(String.format(Locale.ROOT, "repair band '%s' %s-%s %s for delta-V %.1f km/h", band.label(),
                    band.low().toPlainString(), band.high().toPlainString(), rules.repairCosts().currency(), in.deltaVKmh()));
        } else {
            evidence.add("no crash pulse measured: severity and repair band unknown");
        }
        LiabilityHint liability = in.direction() == null ? LiabilityHint.UNDETERMINED : LiabilityHint.of(in.direction());
        evidence.add(in.direction() == null ? "liability undetermined: impact direction unknown"
                : "impact from " + in.direction().wireName() + " -> " + liability);
        evidence.add(String.format(Locale.ROOT, "confidence %.3f from %s", in.confidence(), in.confidenceSource()));
        evidence.addAll(in.telemetryEvidence());

        List<FraudSignal> signals = new ArrayList<>(in.telemetrySignals());
        Duration sinceInception = Duration.between(in.policyInception(), in.lossTime());
        if (sinceInception.compareTo(rules.earlyClaimWithin()) < 0) {
            signals.add(new FraudSignal(FraudSignal.Code.CLAIM_SOON_AFTER_INCEPTION, String.format(Locale.ROOT,
                    "loss at %s is %d days %d hours after inception %s (threshold %d days)", in.lossTime(), sinceInception.toDays(),
                    sinceInception.toHoursPart(), in.policyInception(), rules.earlyClaimWithin().toDays())));
        }
        Instant since = in.lossTime().minus(rules.repeatedClaimsWithin());
        List<Instant> recent = in.earlierClaimTimes().stream().filter(t -> t.isAfter(since) && !t.isAfter(in.lossTime())).sorted().toList();
        if (recent.size() >= rules.repeatedClaimsAtLeast()) {
            signals.add(new FraudSignal(FraudSignal.Code.REPEATED_CLAIMS, recent.size() + " earlier claims on the policy within "
                    + rules.repeatedClaimsWithin().toDays() + " days before this loss: " + recent));
        }

        BigDecimal loss = band == null ? null : band.estimate();
        if (in.claimedAmount() != null) {
            if (loss == null) {
                loss = in.claimedAmount();
                evidence.add("loss taken as the amount claimed " + in.claimedAmount().toPlainString() + " (no repair band to check it against)");
            } else if (loss.compareTo(in.claimedAmount()) > 0) {
                evidence.add("loss " + in.claimedAmount().toPlainString() + " = the amount claimed, below the band midpoint " + loss.toPlainString()
                        + " (a claim is never valued above what is claimed)");
                loss = in.claimedAmount();
            }
        }
        BigDecimal estimate = null;
        Settlement settlement = null;
        if (loss != null) {
            settlement = Settlement.of(loss, in.coverLimit(), in.deductible());
            estimate = settlement.payout();
            evidence.add("estimated " + settlement.explain() + (band != null && loss.equals(band.estimate()) ? " (loss = band midpoint)" : ""));
        }

        List<String> reasons = new ArrayList<>();
        if (severity != Severity.MINOR) reasons.add(severity == null ? "severity unknown" : "severity " + severity + " is not minor");
        if (in.confidence() < rules.minAutoConfidence()) {
            reasons.add(String.format(Locale.ROOT, "confidence %.3f below %.3f", in.confidence(), rules.minAutoConfidence()));
        }
        if (!signals.isEmpty()) reasons.add(signals.size() + " fraud signal(s): " + signals.stream().map(s -> s.code().name()).toList());
        if (estimate == null || estimate.compareTo(rules.maxAutoApproveAmount()) > 0) {
            reasons.add("estimate " + (estimate == null ? "unknown" : estimate.toPlainString()) + " above the straight-through limit "
                    + rules.maxAutoApproveAmount().toPlainString());
        }
        Assessment.Routing routing;
        if (reasons.isEmpty()) {
            routing = new Assessment.Routing(true, null, List.of("minor, confident, no fraud signal, estimate within "
                    + rules.maxAutoApproveAmount().toPlainString()));
        } else {
            Priority p;
            if (severity == Severity.SERIOUS || severity == Severity.SEVERE) p = Priority.P1;
            else if (!signals.isEmpty()) p = Priority.P2;
            else if (severity == null || in.confidence() < rules.minAutoConfidence()) p = Priority.P3;
            else p = Priority.P4;
            routing = new Assessment.Routing(false, p, reasons);
        }
        return new Assessment(in.deltaVKmh() == null ? Double.NaN : in.deltaVKmh(), risk, severity,
                band == null ? null : band.label(), band == null ? null : band.low(), band == null ? null : band.high(),
                estimate, in.currency(), liability, in.confidence(), signals, evidence, routing,
                settlement == null ? null : settlement.lossAmount());
    }
}
