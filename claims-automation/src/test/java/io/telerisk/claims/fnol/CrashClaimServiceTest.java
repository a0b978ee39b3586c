package io.telerisk.claims.fnol;

import io.telerisk.claims.assessment.FraudSignal;
import io.telerisk.claims.assessment.Priority;
import io.telerisk.claims.assessment.Severity;
import io.telerisk.claims.crash.ImpactDirection;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.EventTypes;
import io.telerisk.model.Sample;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrashClaimServiceTest {
    private static DeviceEvent candidate(String id, List<Sample> window) {
        return new DeviceEvent(EventTypes.CRASH_CANDIDATE, Fixtures.T0, Map.of("peakAccelG", 9.0), Map.of("candidateId", id), window);
    }

    @Test
    void confirmedCrashOpensClaimWithEvidencePackage() {
        Fixtures f = new Fixtures();
        DeviceEvent e = candidate("veh-1-1", Fixtures.crashWindow(Fixtures.T0, 20, 0, 14, 2, true));
        Claim c = f.crashes.onCrashCandidate(Fixtures.CAR, e, Fixtures.T0.plusSeconds(9)).orElseThrow();
        assertEquals("POL-1", c.policyId());
        assertEquals("COLLISION", c.coverageCode());
        CrashEvidence ev = c.crash();
        assertEquals(20, ev.deltaVKmh(), 0.6);
        assertEquals(ImpactDirection.FRONT, ev.direction());
        assertEquals(14, ev.speedBeforeMps());
        assertEquals(2, ev.speedAfterMps());
        assertNotNull(ev.position());
        assertEquals(Fixtures.T0.toEpochMilli(), ev.impactTime().toEpochMilli(), 20);
        assertEquals(e.window().size(), ev.window().size());
        assertEquals(ClaimStatus.AWAITING_ADJUSTER, c.status()); // 20 km/h: structural band, above the straight-through amount
        assertNotNull(c.assessment());
        assertEquals(Severity.MINOR, c.assessment().severity());
        assertEquals(List.of("OPEN", "ASSESSED", "AWAITING_ADJUSTER"), f.ledger.history(c.claimId()).stream().map(x -> x.toState()).toList());
        assertTrue(f.ledger.verify().valid());
    }

    @Test
    void minorRearImpactIsApprovedStraightThrough() {
        Fixtures f = new Fixtures();
        Claim c = f.crashes.onCrashCandidate(Fixtures.CAR, candidate("c2", Fixtures.crashWindow(Fixtures.T0, 7, 180, 0, 2, true)),
                Fixtures.T0.plusSeconds(9)).orElseThrow();
        assertEquals(ClaimStatus.AUTO_APPROVED, c.status(), c.assessment().routing().reasons().toString());
        assertEquals(new BigDecimal("600.00"), c.amount());
        assertEquals(ImpactDirection.REAR, c.crash().direction());
    }

    @Test
    void redeliveredCandidateFindsTheSameClaim() {
        Fixtures f = new Fixtures();
        DeviceEvent e = candidate("c3", Fixtures.crashWindow(Fixtures.T0, 20, 0, 14, 2, true));
        Claim a = f.crashes.onCrashCandidate(Fixtures.CAR, e, Fixtures.T0).orElseThrow();
        assertInstanceOf(CandidateOutcome.Duplicate.class, f.crashes.handle(Fixtures.CAR, e, Fixtures.T0.plusSeconds(5)));
        assertEquals(a.claimId(), f.crashes.onCrashCandidate(Fixtures.CAR, e, Fixtures.T0).orElseThrow().claimId());
        assertEquals(1, f.claims.byPolicy("POL-1").size());
        assertEquals(3, f.ledger.history(a.claimId()).size());
    }

    @Test
    void concurrentRedeliveriesOpenOneClaim() {
        Fixtures f = new Fixtures();
        DeviceEvent e = candidate("c4", Fixtures.crashWindow(Fixtures.T0, 20, 0, 14, 2, true));
        IntStream.range(0, 16).parallel().forEach(i -> f.crashes.onCrashCandidate(Fixtures.CAR, e, Fixtures.T0));
        assertEquals(1, f.claims.byPolicy("POL-1").size());
        assertEquals(3, f.ledger.history(f.claims.byPolicy("POL-1").get(0).claimId()).size());
        assertTrue(f.ledger.verify().valid());
    }

    @Test
    void quietWindowIsNotConfirmed() {
        Fixtures f = new Fixtures();
        CandidateOutcome o = f.crashes.handle(Fixtures.CAR, candidate("c5", Fixtures.quietWindow(Fixtures.T0)), Fixtures.T0);
        assertInstanceOf(CandidateOutcome.NotConfirmed.class, o);
        assertEquals(1, f.crashes.stats().notConfirmed());
        assertTrue(f.claims.byPolicy("POL-1").isEmpty());
    }

    @Test
    void truncatedWindowIsRejectedWithReason() {
        Fixtures f = new Fixtures();
        List<Sample> w = Fixtures.crashWindow(Fixtures.T0, 20, 0, 14, 2, false).subList(0, 305);
        CandidateOutcome.Rejected r = assertInstanceOf(CandidateOutcome.Rejected.class, f.crashes.handle(Fixtures.CAR, candidate("c6", w), Fixtures.T0));
        assertEquals(CandidateOutcome.Reason.UNUSABLE_WINDOW, r.reason());
        assertTrue(r.detail().contains("TRUNCATED"), r.detail());
        assertInstanceOf(CandidateOutcome.Rejected.class, f.crashes.handle(Fixtures.CAR, candidate("c7", List.of()), Fixtures.T0));
        assertEquals(2, f.crashes.stats().rejected());
    }

    @Test
    void crashWithoutGnssStillOpensClaimButSpeedsAreUnknown() {
        Fixtures f = new Fixtures();
        Claim c = f.crashes.onCrashCandidate(Fixtures.CAR, candidate("c8", Fixtures.crashWindow(Fixtures.T0, 25, 90, 0, 0, false)), Fixtures.T0).orElseThrow();
        assertEquals(null, c.crash().speedBeforeMps());
        assertEquals(null, c.crash().position());
        assertEquals(ImpactDirection.LEFT, c.crash().direction());
    }

    @Test
    void unknownDeviceOpensNoClaimAndIsCounted() {
        Fixtures f = new Fixtures();
        CandidateOutcome.NoPolicy o = assertInstanceOf(CandidateOutcome.NoPolicy.class,
                f.crashes.handle(Fixtures.UNKNOWN, candidate("c9", Fixtures.crashWindow(Fixtures.T0, 20, 0, 14, 2, true)), Fixtures.T0));
        assertTrue(o.detail().contains("no policy"), o.detail());
        assertEquals(1, f.crashes.stats().noPolicy());
    }

    @Test
    void crashBeforeInceptionFindsNoPolicy() {
        Fixtures f = new Fixtures(Fixtures.T0.plusSeconds(3600));
        assertEquals(Optional.empty(), f.crashes.onCrashCandidate(Fixtures.CAR, candidate("c10",
                Fixtures.crashWindow(Fixtures.T0, 20, 0, 14, 2, true)), Fixtures.T0));
    }

    @Test
    void otherEventTypesAreRejected() {
        Fixtures f = new Fixtures();
        DeviceEvent e = new DeviceEvent(EventTypes.HARSH_BRAKING, Fixtures.T0, Map.of(), Map.of(), List.of());
        CandidateOutcome.Rejected r = assertInstanceOf(CandidateOutcome.Rejected.class, f.crashes.handle(Fixtures.CAR, e, Fixtures.T0));
        assertEquals(CandidateOutcome.Reason.NOT_A_CRASH_CANDIDATE, r.reason());
    }

    @Test
    void crashSoonAfterInceptionGoesToAdjusterWithSignal() {
        Fixtures f = new Fixtures(Fixtures.T0.minus(Duration.ofDays(2)));
        Claim c = f.crashes.onCrashCandidate(Fixtures.CAR, candidate("c11", Fixtures.crashWindow(Fixtures.T0, 7, 180, 0, 2, true)), Fixtures.T0).orElseThrow();
        assertEquals(ClaimStatus.AWAITING_ADJUSTER, c.status());
        assertEquals(Priority.P2, c.priority());
        assertEquals(FraudSignal.Code.CLAIM_SOON_AFTER_INCEPTION, c.assessment().fraudSignals().get(0).code());
    }

    @Test
    void driverDismissalIsRecordedOnTheClaimWithoutClosingIt() {
        Fixtures f = new Fixtures();
        Claim c = f.crashes.onCrashCandidate(Fixtures.CAR, candidate("c12", Fixtures.crashWindow(Fixtures.T0, 20, 0, 14, 2, true)), Fixtures.T0).orElseThrow();
        DeviceEvent dismissed = new DeviceEvent(EventTypes.CRASH_DISMISSED, Fixtures.T0.plusSeconds(8), Map.of("secondsAfterCandidate", 3.0),
                Map.of("candidateId", "c12", "dismissedBy", "driver"), List.of());
        assertEquals(CrashClaimService.Dismissal.RECORDED, f.crashes.onCrashDismissed(Fixtures.CAR, dismissed, Fixtures.T0.plusSeconds(9)));
        var last = f.ledger.history(c.claimId()).get(3);
        assertEquals("DRIVER_DISMISSED", last.reasonCode());
        assertEquals(c.status().name(), last.toState());
        assertEquals(c.status(), f.claims.find(c.claimId()).orElseThrow().status());
        DeviceEvent other = new DeviceEvent(EventTypes.CRASH_DISMISSED, Fixtures.T0, Map.of(), Map.of("candidateId", "nope"), List.of());
        assertEquals(CrashClaimService.Dismissal.NO_CLAIM, f.crashes.onCrashDismissed(Fixtures.CAR, other, Fixtures.T0));
        assertEquals(CrashClaimService.Dismissal.NOT_A_DISMISSAL, f.crashes.onCrashDismissed(Fixtures.CAR, candidate("x", List.of()), Fixtures.T0));
        assertTrue(f.ledger.verify().valid());
    }

    /** A kerb strike while parking: lateral 9 km/h delta-V over 40 ms, no speed drop; the burst carries no GNSS. */
    private static List<Sample> kerbStrikeBurst() {
        return Fixtures.crashWindow(Fixtures.T0, 9, 90, 0, 0, false);
    }

    /** The stored 1 Hz telemetry around it: standing still at the kerb. */
    private static List<Sample> parkedFixes() {
        return IntStream.range(-20, 20).mapToObj(i -> (Sample) new io.telerisk.model.VehicleSample(Fixtures.T0.plusSeconds(i).plusMillis(500),
                io.telerisk.model.GnssFix.of(48.137, 11.575), 0.1, 0.0, null, null, true)).toList();
    }

    @Test
    void theDevicePathJudgesTheImpulseWithTheStoredGnssSpeedAsAReportWould() {
        Fixtures f = new Fixtures();
        f.telemetry.add(Fixtures.CAR, parkedFixes());
        CandidateOutcome o = f.crashes.handle(Fixtures.CAR, candidate("kerb-1", kerbStrikeBurst()), Fixtures.T0.plusSeconds(5));
        CandidateOutcome.NotConfirmed nc = assertInstanceOf(CandidateOutcome.NotConfirmed.class, o,
                "a stationary knock is not a moving collision: " + o);
        assertEquals(0.1, nc.verdict().measurement().speedBeforeMps(), 1e-9, "the speed came from the stored telemetry");

        // the same impulse reported by a person, judged on the stored telemetry: the same probability
        f.telemetry.add(Fixtures.CAR, kerbStrikeBurst());
        ReportedClaimService reported = ReportedClaimService.withDefaults(f.telemetry, f.confirmer, f.policies, f.intake);
        Claim r = reported.report(Fixtures.CAR, new ReportedLoss("Ada", Fixtures.T0, null, true, null, "knock"), "COLLISION", Fixtures.T0.plusSeconds(60));
        assertEquals(nc.verdict().crashProbability(), r.assessment().confidence(), 1e-9);
        assertTrue(r.assessment().evidence().stream().anyMatch(e -> e.contains("parked-vehicle damage")), r.assessment().evidence().toString());
    }

    @Test
    void aStationaryVehicleStruckHardIsParkedVehicleDamageNeverAMovingCollision() {
        Fixtures f = new Fixtures();
        Claim c = f.crashes.onCrashCandidate(Fixtures.CAR, candidate("parked-hit", Fixtures.crashWindow(Fixtures.T0, 15, 180, 0, 3, true)),
                Fixtures.T0.plusSeconds(9)).orElseThrow();
        assertEquals(IncidentKind.PARKED_VEHICLE_DAMAGE, c.crash().incident());
        Claim moving = f.crashes.onCrashCandidate(Fixtures.CAR, candidate("moving-hit", Fixtures.crashWindow(Fixtures.T0.plusSeconds(600), 15, 0, 14, 2, true)),
                Fixtures.T0.plusSeconds(609)).orElseThrow();
        assertEquals(IncidentKind.MOVING_COLLISION, moving.crash().incident());
    }

    @Test
    void aReportOfTheSameImpulseIsLinkedToTheDeviceCrashClaim() {
        Fixtures f = new Fixtures();
        List<Sample> window = Fixtures.crashWindow(Fixtures.T0, 20, 0, 14, 2, true);
        Claim crash = f.crashes.onCrashCandidate(Fixtures.CAR, candidate("linked-1", window), Fixtures.T0.plusSeconds(9)).orElseThrow();
        f.telemetry.add(Fixtures.CAR, window);
        ReportedClaimService reported = ReportedClaimService.withDefaults(f.telemetry, f.confirmer, f.policies, f.intake);
        Claim r = reported.report(Fixtures.CAR, new ReportedLoss("Ada", Fixtures.T0.plusSeconds(30), null, true, new BigDecimal("6000.00"), "front"),
                "COLLISION", Fixtures.T0.plusSeconds(3600));
        assertEquals(crash.claimId(), r.linkedClaimId());
        assertTrue(r.assessment().fraudSignals().stream().anyMatch(s -> s.code() == FraudSignal.Code.SAME_LOSS_AS_OTHER_CLAIM));
        assertEquals(r.claimId(), f.claims.find(crash.claimId()).orElseThrow().linkedClaimId());
        assertEquals("LINKED", f.ledger.history(crash.claimId()).get(f.ledger.history(crash.claimId()).size() - 1).reasonCode());
        assertTrue(f.ledger.verify().valid());
    }
}
