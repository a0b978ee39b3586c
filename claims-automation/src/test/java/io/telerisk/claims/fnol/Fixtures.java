package io.telerisk.claims.fnol;

import io.telerisk.claims.assessment.AssessmentRules;
import io.telerisk.claims.assessment.Assessor;
import io.telerisk.claims.classifier.PhysicsRuleClassifier;
import io.telerisk.claims.crash.CrashConfirmer;
import io.telerisk.claims.crash.PulseAnalyzer;
import io.telerisk.claims.crash.PulseConfig;
import io.telerisk.claims.ledger.AuditLedger;
import io.telerisk.claims.ledger.InMemoryAuditLedgerStore;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A wired claims domain with in-memory ports and the physics-rule classifier (the TF model is tested on its own). */
final class Fixtures {
    static final DeviceKey CAR = new DeviceKey("acme", DeviceType.VEHICLE, "veh-1");
    static final DeviceKey UNKNOWN = new DeviceKey("acme", DeviceType.VEHICLE, "veh-404");
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    static final double G = 9.80665;

    final InMemoryClaimRepository claims = new InMemoryClaimRepository();
    final AuditLedger ledger = new AuditLedger(new InMemoryAuditLedgerStore());
    final InMemoryPolicyDirectory policies = new InMemoryPolicyDirectory();
    final ClaimJournal journal = new ClaimJournal(claims, ledger);
    final ClaimIntake intake = new ClaimIntake(journal, new Assessor(AssessmentRules.defaults()));
    final CrashConfirmer confirmer = new CrashConfirmer(new PulseAnalyzer(PulseConfig.defaults()), new PhysicsRuleClassifier(5), 0.5);
    /** The device's stored telemetry (what the hub's telemetry store would hold). */
    final InMemoryTelemetryWindowSource telemetry = new InMemoryTelemetryWindowSource();
    final CrashClaimService crashes = new CrashClaimService(confirmer, telemetry, policies, intake, "COLLISION");

    Fixtures(Instant inception) {
        policies.add(new Policy("POL-1", "Ada", CAR, inception, inception.plus(Duration.ofDays(365)),
                List.of(new Coverage("COLLISION", new BigDecimal("50000.00"), new BigDecimal("300.00"), "EUR"))));
    }

    Fixtures() {
        this(T0.minus(Duration.ofDays(200)));
    }

    /** A crash window: half-sine of delta-V at angle, pulse at {@code at}, 100 Hz, GNSS 1 Hz unless {@code gnss} false. */
    static List<Sample> crashWindow(Instant at, double deltaVKmh, double angleDeg, double speedBefore, double speedAfter, boolean gnss) {
        double dv = deltaVKmh / 3.6, dur = 0.1, peak = Math.PI * dv / (2 * dur);
        double th = Math.toRadians(angleDeg);
        List<Sample> out = new ArrayList<>();
        Instant start = at.minusSeconds(3);
        for (int i = 0; i < 800; i++) {
            double t = i / 100.0 + 0.004;
            double p = t - 3;
            double a = p >= 0 && p <= dur ? peak * Math.sin(Math.PI * p / dur) : 0;
            out.add(VehicleSample.acceleration(start.plusNanos((long) (t * 1e9)), new Acceleration(-a * Math.cos(th), -a * Math.sin(th), G)));
        }
        if (gnss) {
            for (int s = 0; s < 8; s++) {
                out.add(new VehicleSample(start.plusMillis(s * 1000 + 500), GnssFix.of(48.137, 11.575), s < 3 ? speedBefore : speedAfter, 0.0, null, null, true));
            }
        }
        return out;
    }

    /** A quiet 8 s window (driving, no impulse). */
    static List<Sample> quietWindow(Instant at) {
        List<Sample> out = new ArrayList<>();
        Instant start = at.minusSeconds(3);
        for (int i = 0; i < 800; i++) out.add(VehicleSample.acceleration(start.plusMillis(i * 10L + 4), new Acceleration(0.1, 0, G)));
        for (int s = 0; s < 8; s++) out.add(new VehicleSample(start.plusMillis(s * 1000 + 500), GnssFix.of(48.137, 11.575), 12.0, 0.0, null, null, true));
        return out;
    }
}
