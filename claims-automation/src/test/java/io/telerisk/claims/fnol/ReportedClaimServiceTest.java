package io.telerisk.claims.fnol;

import io.telerisk.claims.assessment.FraudSignal;
import io.telerisk.model.GnssFix;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportedClaimServiceTest {
    private final Fixtures f = new Fixtures();
    private final InMemoryTelemetryWindowSource telemetry = new InMemoryTelemetryWindowSource();
    private final ReportedClaimService service = ReportedClaimService.withDefaults(telemetry, f.confirmer, f.policies, f.intake);
    private final GnssFix here = GnssFix.of(48.137, 11.575);

    private List<FraudSignal.Code> codes(Claim c) {
        return c.assessment().fraudSignals().stream().map(FraudSignal::code).toList();
    }

    @Test
    void reportMatchingTheTelemetryIsCorroborated() {
        telemetry.add(Fixtures.CAR, Fixtures.crashWindow(Fixtures.T0, 7, 180, 0, 2, true));
        Claim c = service.report(Fixtures.CAR, new ReportedLoss("Ada", Fixtures.T0.plusSeconds(120), here, true, null, "rear-ended at lights"),
                "COLLISION", Fixtures.T0.plusSeconds(3600));
        assertEquals(List.of(), codes(c));
        assertEquals(7, c.assessment().deltaVKmh(), 0.3);
        assertEquals(ClaimStatus.AUTO_APPROVED, c.status());
    }

    @Test
    void reportedTimeFarFromTheImpulseIsSignalled() {
        telemetry.add(Fixtures.CAR, Fixtures.crashWindow(Fixtures.T0, 7, 180, 0, 2, true));
        Claim c = service.report(Fixtures.CAR, new ReportedLoss("Ada", Fixtures.T0.plus(Duration.ofMinutes(50)), null, true, null, ""),
                "COLLISION", Fixtures.T0.plusSeconds(7200));
        assertEquals(List.of(FraudSignal.Code.REPORTED_TIME_INCONSISTENT), codes(c));
        assertTrue(c.assessment().fraudSignals().get(0).evidence().contains("49 min apart"));
        assertEquals(ClaimStatus.AWAITING_ADJUSTER, c.status());
    }

    @Test
    void reportedPlaceFarFromTheVehicleIsSignalled() {
        telemetry.add(Fixtures.CAR, Fixtures.crashWindow(Fixtures.T0, 7, 180, 0, 2, true));
        Claim c = service.report(Fixtures.CAR, new ReportedLoss("Ada", Fixtures.T0, GnssFix.of(48.3, 11.575), true, null, ""),
                "COLLISION", Fixtures.T0.plusSeconds(7200));
        assertEquals(List.of(FraudSignal.Code.REPORTED_PLACE_INCONSISTENT), codes(c));
        String said = c.assessment().fraudSignals().get(0).evidence();
        assertTrue(said.contains("more than 2.0 km"), said);
        // the filer chose the place and the time: neither the vehicle's fix nor the distance (18 km) is disclosed
        assertFalse(said.matches(".*\\d+\\.\\d{4,}.*") || said.contains("18."), said);
        assertTrue(c.assessment().evidence().stream().noneMatch(e -> e.contains("11.5") || e.contains("48.")), c.assessment().evidence().toString());
    }

    @Test
    void reportedCollisionWithoutImpulseIsSignalled() {
        telemetry.add(Fixtures.CAR, Fixtures.quietWindow(Fixtures.T0));
        Claim c = service.report(Fixtures.CAR, new ReportedLoss("Ada", Fixtures.T0, here, true, new BigDecimal("4000"), "hit a post"),
                "COLLISION", Fixtures.T0.plusSeconds(7200));
        assertEquals(List.of(FraudSignal.Code.NO_IMPULSE_FOR_REPORTED_COLLISION), codes(c));
    }

    @Test
    void reportWithoutTelemetryCannotBeCorroboratedAndGoesToAnAdjuster() {
        Claim c = service.report(Fixtures.CAR, new ReportedLoss("Ada", Fixtures.T0, here, true, null, ""), "COLLISION", Fixtures.T0);
        assertEquals(ClaimStatus.AWAITING_ADJUSTER, c.status());
        assertTrue(c.assessment().evidence().stream().anyMatch(e -> e.contains("cannot corroborate")));
    }

    @Test
    void repeatedReportsOnThePolicyAreSignalled() {
        for (int i = 1; i <= 3; i++) {
            Claim c = service.report(Fixtures.CAR, new ReportedLoss("Ada", Fixtures.T0.plus(Duration.ofDays(i * 10)), null, false, null, "vandalism"),
                    "COLLISION", Fixtures.T0.plus(Duration.ofDays(i * 10)));
            if (i == 3) assertTrue(codes(c).contains(FraudSignal.Code.REPEATED_CLAIMS), codes(c).toString());
        }
    }

    @Test
    void unknownDeviceOrCoverIsRefusedWithReason() {
        ReportedLoss loss = new ReportedLoss("Ada", Fixtures.T0, here, true, null, "");
        UnknownPolicyException e = assertThrows(UnknownPolicyException.class, () -> service.report(Fixtures.UNKNOWN, loss, "COLLISION", Fixtures.T0));
        assertTrue(e.getMessage().contains("veh-404"));
        assertThrows(UnknownPolicyException.class, () -> service.report(Fixtures.CAR, loss, "THEFT", Fixtures.T0));
    }

    @Test
    void reportedClaimIsNeverValuedAboveTheAmountClaimed() {
        telemetry.add(Fixtures.CAR, Fixtures.crashWindow(Fixtures.T0, 30, 0, 12, 2, true));
        Claim c = service.report(Fixtures.CAR, new ReportedLoss("Ada", Fixtures.T0, here, true, new BigDecimal("900.00"), "front bumper"),
                "COLLISION", Fixtures.T0.plusSeconds(600));
        assertEquals(new BigDecimal("900.00"), c.lossAmount(), "the repair band says thousands, the claimant asks 900");
        assertEquals(new BigDecimal("600.00"), c.amount(), "900 less the 300 deductible");
        assertEquals(new BigDecimal("600.00"), c.assessment().estimate());
    }
}
