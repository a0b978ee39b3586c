package io.telerisk.claims.fnol;

import io.telerisk.claims.crash.ImpactDirection;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;

import java.time.Instant;
import java.util.List;

/**
 * The evidence package of a crash: what the physics and the classifier found in the device's raw window.
 *
 * @param candidateId      the edge's candidate id, or a derived one
 * @param impactTime       start of the crash pulse
 * @param position         GNSS fix nearest the impact, or {@code null}
 * @param speedBeforeMps   GNSS speed before, or {@code null}
 * @param speedAfterMps    GNSS speed after, or {@code null}
 * @param deltaVMps        measured delta-V, m/s
 * @param peakG            peak dynamic acceleration, g
 * @param pulseDurationMs  pulse duration, ms
 * @param impactAngleDeg   0 front, 90 left, ±180 rear, −90 right
 * @param direction        struck side
 * @param crashProbability classifier output
 * @param classifier       classifier name and version
 * @param window           the raw telemetry window as received
 * @param incident         moving collision, parked-vehicle damage, or speed unknown (from the GNSS speed before the
 *                         impulse, window or stored telemetry), or {@code null} for claims stored before it was kept
 */
public record CrashEvidence(String candidateId, Instant impactTime, GnssFix position, Double speedBeforeMps, Double speedAfterMps,
                            double deltaVMps, double peakG, double pulseDurationMs, double impactAngleDeg,
                            ImpactDirection direction, double crashProbability, String classifier, List<Sample> window,
                            IncidentKind incident) {
    public CrashEvidence {
        window = List.copyOf(window);
    }

    public double deltaVKmh() {
        return deltaVMps * 3.6;
    }
}
