package io.telerisk.claims.fnol;

import io.telerisk.claims.assessment.AssessmentInput;
import io.telerisk.claims.crash.CrashConfirmer;
import io.telerisk.claims.crash.CrashVerdict;
import io.telerisk.claims.crash.PulseMeasurement;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.EventTypes;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * First notice of loss from devices: the hub calls {@link #onCrashCandidate} for every {@code crash_candidate} event.
 * The raw window is judged (physics + classifier); a confirmed crash on a device with a policy in force opens a claim
 * with its evidence package, which is then assessed and routed. Redelivered events find the claim already opened
 * (the claim id derives from the device and the candidate id). Thread-safe; no I/O beyond the ports.
 */
public final class CrashClaimService {
    private final CrashConfirmer confirmer;
    private final TelemetryWindowSource telemetry;
    private final PolicyDirectory policies;
    private final ClaimIntake intake;
    private final String coverageCode;
    private final AtomicLong received = new AtomicLong(), opened = new AtomicLong(), duplicates = new AtomicLong(),
            notConfirmed = new AtomicLong(), rejected = new AtomicLong(), noPolicy = new AtomicLong();

    /**
     * @param telemetry    the device's stored telemetry: GNSS speeds and positions around the window complete it
     *                     ({@link StoredFixes}), so the device path judges the evidence the reported path judges
     * @param coverageCode the cover a crash is claimed under (e.g. {@code COLLISION}); a policy without it has no cover
     */
    public CrashClaimService(CrashConfirmer confirmer, TelemetryWindowSource telemetry, PolicyDirectory policies, ClaimIntake intake,
                             String coverageCode) {
        this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.coverageCode = Objects.requireNonNull(coverageCode, "coverageCode");
    }

    /** Counters since start. */
    public record Stats(long received, long opened, long duplicates, long notConfirmed, long rejected, long noPolicy) {
    }

    public Stats stats() {
        return new Stats(received.get(), opened.get(), duplicates.get(), notConfirmed.get(), rejected.get(), noPolicy.get());
    }

    /** The claim opened for (or already opened by) this candidate, if any. */
    public Optional<Claim> onCrashCandidate(DeviceKey device, DeviceEvent event, Instant receivedAt) {
        CandidateOutcome o = handle(device, event, receivedAt);
        if (o instanceof CandidateOutcome.Opened op) return Optional.of(op.claim());
        if (o instanceof CandidateOutcome.Duplicate d) return Optional.of(d.claim());
        return Optional.empty();
    }

    /** Handles one candidate and says what became of it. */
    public CandidateOutcome handle(DeviceKey device, DeviceEvent event, Instant receivedAt) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(receivedAt, "receivedAt");
        received.incrementAndGet();
        if (!EventTypes.CRASH_CANDIDATE.equals(event.type())) {
            rejected.incrementAndGet();
            return new CandidateOutcome.Rejected(CandidateOutcome.Reason.NOT_A_CRASH_CANDIDATE, "event type " + event.type());
        }
        String candidateId = event.labels().getOrDefault("candidateId", device.deviceId() + "-" + event.time().toEpochMilli());
        String claimId = "CRASH-" + device.tenant() + "-" + candidateId;
        Optional<Claim> seen = intake.journal().repository().find(claimId);
        if (seen.isPresent()) {
            duplicates.incrementAndGet();
            return new CandidateOutcome.Duplicate(seen.get());
        }
        CrashVerdict v = confirmer.judge(StoredFixes.complete(telemetry, device, event.window()));
        if (v.outcome() == CrashVerdict.Outcome.UNUSABLE) {
            rejected.incrementAndGet();
            return new CandidateOutcome.Rejected(CandidateOutcome.Reason.UNUSABLE_WINDOW, v.detail());
        }
        if (!v.confirmed()) {
            notConfirmed.incrementAndGet();
            return new CandidateOutcome.NotConfirmed(v);
        }
        PulseMeasurement m = v.measurement();
        Optional<Policy> policy = policies.policyFor(device, m.pulseStart());
        Optional<Coverage> cover = policy.flatMap(p -> p.coverage(coverageCode));
        if (cover.isEmpty()) {
            noPolicy.incrementAndGet();
            return new CandidateOutcome.NoPolicy(v, policy.isEmpty() ? "no policy in force for " + device + " at " + m.pulseStart()
                    : "policy " + policy.get().policyId() + " has no " + coverageCode + " cover");
        }
        Policy p = policy.get();
        Coverage c = cover.get();
        IncidentKind kind = IncidentKind.of(m);
        CrashEvidence evidence = new CrashEvidence(candidateId, m.pulseStart(), m.position(), m.speedBeforeMps(), m.speedAfterMps(),
                m.deltaVMps(), m.peakG(), m.durationMs(), m.impactAngleDeg(), m.direction(), v.crashProbability(), v.classifier(), event.window(),
                kind);
        Claim claim = Claim.open(claimId, ClaimSource.DEVICE_CRASH, device, p.policyId(), c, receivedAt, m.pulseStart(), evidence, null);
        AssessmentInput in = new AssessmentInput(m.deltaVKmh(), m.direction(), v.crashProbability(), v.classifier(), m.pulseStart(),
                p.inception(), c.limit(), c.deductible(), c.currency(), intake.otherClaimTimes(p.policyId(), claimId), List.of(),
                List.of("crash confirmed from device window completed with stored GNSS: " + v.detail(), kind.explain(m)), null);
        ClaimIntake.Result r = intake.intake(claim, in, String.format(java.util.Locale.ROOT,
                "FNOL from device crash candidate %s: %s, delta-V %.1f km/h, %s impact, policy %s cover %s", candidateId, kind,
                m.deltaVKmh(), m.direction().wireName(), p.policyId(), c.code()));
        if (r.duplicate()) {
            duplicates.incrementAndGet();
            return new CandidateOutcome.Duplicate(r.claim());
        }
        opened.incrementAndGet();
        return new CandidateOutcome.Opened(r.claim());
    }

    /** What became of a {@code crash_dismissed} event. */
    public enum Dismissal { RECORDED, NO_CLAIM, NOT_A_DISMISSAL }

    /**
     * The driver dismissed a candidate on the device ("I'm fine"). A dismissal says the occupants need no help, not
     * that nothing happened, so the claim is neither closed nor re-routed: the dismissal is written to the claim's
     * ledger as evidence for the adjuster. Returns {@link Dismissal#NO_CLAIM} when no claim was opened for the
     * candidate (not confirmed, or the dismissal arrived first).
     */
    public Dismissal onCrashDismissed(DeviceKey device, DeviceEvent event, Instant receivedAt) {
        if (!EventTypes.CRASH_DISMISSED.equals(event.type()) || !event.labels().containsKey("candidateId")) return Dismissal.NOT_A_DISMISSAL;
        String claimId = "CRASH-" + device.tenant() + "-" + event.labels().get("candidateId");
        ClaimJournal journal = intake.journal();
        synchronized (journal.lockOf(claimId)) {
            Optional<Claim> c = journal.repository().find(claimId);
            if (c.isEmpty()) return Dismissal.NO_CLAIM;
            Double after = event.measures().get("secondsAfterCandidate");
            journal.change(c.get(), c.get(), receivedAt, "device", "DRIVER_DISMISSED", "driver dismissed the candidate on the device at "
                    + event.time() + (after == null ? "" : " (" + after + " s after it was raised)") + "; claim kept for review");
            return Dismissal.RECORDED;
        }
    }
}
