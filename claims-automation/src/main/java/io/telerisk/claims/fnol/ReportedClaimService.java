package io.telerisk.claims.fnol;

import io.telerisk.claims.assessment.AssessmentInput;
import io.telerisk.claims.assessment.FraudSignal;
import io.telerisk.claims.crash.CrashConfirmer;
import io.telerisk.claims.crash.CrashVerdict;
import io.telerisk.claims.crash.PulseMeasurement;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * First notice of loss reported by a person, cross-checked against the device's telemetry around the reported time:
 * for a reported collision the strongest impulse in ±{@code searchWindow} is measured; an impulse far from the reported
 * time, a position far from the reported place, or no impulse at all (while the accelerometer was reporting) become
 * fraud signals with their evidence. The confidence is the classifier's probability when an impulse is found, low
 * otherwise. Thread-safe.
 */
public final class ReportedClaimService {
    private final TelemetryWindowSource telemetry;
    private final CrashConfirmer confirmer;
    private final PolicyDirectory policies;
    private final ClaimIntake intake;
    private final Duration searchWindow, timeTolerance;
    private final double placeToleranceKm;
    /** A device crash claim whose impulse is this close to the reported one is about the same loss. */
    static final Duration SAME_IMPULSE = Duration.ofSeconds(5);

    /**
     * @param searchWindow     telemetry looked at on each side of the reported time
     * @param timeTolerance    an impulse further than this from the reported time is inconsistent
     * @param placeToleranceKm a position further than this from the reported place is inconsistent
     */
    public ReportedClaimService(TelemetryWindowSource telemetry, CrashConfirmer confirmer, PolicyDirectory policies, ClaimIntake intake,
                                Duration searchWindow, Duration timeTolerance, double placeToleranceKm) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.searchWindow = searchWindow;
        this.timeTolerance = timeTolerance;
        this.placeToleranceKm = placeToleranceKm;
    }

    /** ±2 h searched, 15 min and 2 km tolerance. */
    public static ReportedClaimService withDefaults(TelemetryWindowSource telemetry, CrashConfirmer confirmer, PolicyDirectory policies, ClaimIntake intake) {
        return new ReportedClaimService(telemetry, confirmer, policies, intake, Duration.ofHours(2), Duration.ofMinutes(15), 2.0);
    }

    /**
     * Opens, cross-checks, assesses and routes a reported loss under {@code coverageCode}.
     *
     * @throws UnknownPolicyException when no policy with that cover is in force for the device at the loss time
     */
    public Claim report(DeviceKey device, ReportedLoss loss, String coverageCode, Instant receivedAt) {
        Policy p = policies.policyFor(device, loss.lossTime())
                .orElseThrow(() -> new UnknownPolicyException("no policy in force for " + device + " at " + loss.lossTime()));
        Coverage c = p.coverage(coverageCode)
                .orElseThrow(() -> new UnknownPolicyException("policy " + p.policyId() + " has no " + coverageCode + " cover"));
        String claimId = "REP-" + device.tenant() + "-" + device.deviceId() + "-" + loss.lossTime().toEpochMilli();

        List<Sample> window = telemetry.window(device, loss.lossTime().minus(searchWindow), loss.lossTime().plus(searchWindow));
        List<FraudSignal> signals = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        Double deltaVKmh = null;
        double confidence;
        String confidenceSource;
        PulseMeasurement m = null;
        boolean hasAccel = window.stream().anyMatch(s -> s instanceof VehicleSample v && v.acceleration() != null);
        if (window.isEmpty()) {
            evidence.add("no telemetry stored for " + device + " within " + searchWindow.toMinutes() + " min of the reported time: cannot corroborate");
            confidence = 0.2;
            confidenceSource = "no telemetry";
        } else if (loss.collision() && hasAccel) {
            CrashVerdict v = confirmer.judge(window);
            m = v.measurement();
            if (m == null) {
                signals.add(new FraudSignal(FraudSignal.Code.NO_IMPULSE_FOR_REPORTED_COLLISION, "collision reported at " + loss.lossTime()
                        + " but the accelerometer shows no impulse within " + searchWindow.toMinutes() + " min (" + v.detail() + ")"));
                confidence = 0.1;
                confidenceSource = "telemetry without impulse";
            } else {
                deltaVKmh = m.deltaVKmh();
                confidence = v.crashProbability();
                confidenceSource = v.classifier() + " on the strongest impulse near the reported time";
                evidence.add(String.format(Locale.ROOT, "strongest impulse at %s: delta-V %.1f km/h, %s impact, crash probability %.3f",
                        m.pulseStart(), m.deltaVKmh(), m.direction().wireName(), v.crashProbability()));
                evidence.add(IncidentKind.of(m).explain(m));
                Duration off = Duration.between(loss.lossTime(), m.pulseStart()).abs();
                if (off.compareTo(timeTolerance) > 0) {
                    signals.add(new FraudSignal(FraudSignal.Code.REPORTED_TIME_INCONSISTENT, "reported " + loss.lossTime()
                            + ", telemetry impulse at " + m.pulseStart() + " (" + off.toMinutes() + " min apart, tolerance " + timeTolerance.toMinutes() + " min)"));
                }
            }
        } else {
            evidence.add(loss.collision() ? "collision reported but the window has no accelerometer data: impulse not checked"
                    : "no collision reported: impulse not checked");
            confidence = 0.5;
            confidenceSource = "telemetry present, no impulse check";
        }
        if (loss.place() != null) {
            Instant ref = m != null ? m.pulseStart() : loss.lossTime();
            nearestFix(window, ref).ifPresentOrElse(f -> {
                double km = haversineKm(f.fix(), loss.place());
                // Only within or beyond the tolerance: the fix itself, or the distance (three made-up places give the
                // position back), would hand a filer the vehicle's position at a time of its choosing.
                if (km > placeToleranceKm) {
                    signals.add(new FraudSignal(FraudSignal.Code.REPORTED_PLACE_INCONSISTENT, String.format(Locale.ROOT,
                            "the device's GNSS fix at %s is more than %s km from the reported place", f.time(), placeToleranceKm)));
                } else {
                    evidence.add(String.format(Locale.ROOT, "the device's GNSS fix at %s is within %s km of the reported place", f.time(), placeToleranceKm));
                }
            }, () -> evidence.add("no GNSS fix near the reported time: place not checked"));
        }
        Claim claim = Claim.open(claimId, ClaimSource.REPORTED, device, p.policyId(), c, receivedAt, loss.lossTime(), null, loss);
        Optional<Claim> sameImpulse = m == null ? Optional.empty() : crashClaimOf(device, m.pulseStart());
        if (sameImpulse.isPresent()) {
            claim = claim.withLinkedClaim(sameImpulse.get().claimId());
            signals.add(new FraudSignal(FraudSignal.Code.SAME_LOSS_AS_OTHER_CLAIM, "the impulse at " + m.pulseStart() + " already opened claim "
                    + sameImpulse.get().claimId() + " (" + sameImpulse.get().status() + ") from the device: decide both together, pay once"));
        }
        AssessmentInput in = new AssessmentInput(deltaVKmh, m == null ? null : m.direction(), confidence, confidenceSource, loss.lossTime(),
                p.inception(), c.limit(), c.deductible(), c.currency(), intake.otherClaimTimes(p.policyId(), claimId), signals, evidence, loss.claimedAmount());
        Claim opened = intake.intake(claim, in, "FNOL reported by " + loss.reportedBy() + ": " + (loss.description() == null ? "" : loss.description())).claim();
        sameImpulse.ifPresent(crash -> link(crash.claimId(), opened.claimId(), receivedAt));
        return opened;
    }

    /** The device's crash claim of an impulse at {@code impulse} (within {@link #SAME_IMPULSE}), if any. */
    private Optional<Claim> crashClaimOf(DeviceKey device, Instant impulse) {
        return intake.journal().repository().byDevice(device, impulse.minus(SAME_IMPULSE), impulse.plus(SAME_IMPULSE)).stream()
                .filter(c -> c.source() == ClaimSource.DEVICE_CRASH).findFirst();
    }

    /** Points the crash claim at the reported one (a ledger entry; its state does not change). */
    private void link(String crashClaimId, String reportedClaimId, Instant at) {
        ClaimJournal journal = intake.journal();
        synchronized (journal.lockOf(crashClaimId)) {
            journal.repository().find(crashClaimId).filter(c -> c.linkedClaimId() == null).ifPresent(c ->
                    journal.change(c, c.withLinkedClaim(reportedClaimId), at, ClaimIntake.SYSTEM, "LINKED",
                            "claim " + reportedClaimId + " reports the same impulse"));
        }
    }

    private record Fix(Instant time, GnssFix fix) {
    }

    private static Optional<Fix> nearestFix(List<Sample> window, Instant ref) {
        Fix best = null;
        long bestMs = Long.MAX_VALUE;
        for (Sample s : window) {
            if (s instanceof VehicleSample v && v.position() != null) {
                long d = Math.abs(Duration.between(ref, v.time()).toMillis());
                if (d < bestMs) {
                    bestMs = d;
                    best = new Fix(v.time(), v.position());
                }
            }
        }
        return Optional.ofNullable(best);
    }

    static double haversineKm(GnssFix a, GnssFix b) {
        double r = 6371.0088;
        double dLat = Math.toRadians(b.latitudeDeg() - a.latitudeDeg()), dLon = Math.toRadians(b.longitudeDeg() - a.longitudeDeg());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.latitudeDeg())) * Math.cos(Math.toRadians(b.latitudeDeg())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }
}
