/*
 * Cross-check of the hub's crash confirmation on devices-sim's own output (not part of the Maven build, so that
 * claims-automation has no dependency on devices-sim): runs VehicleSimulator with a raised crash rate, feeds every
 * crash_candidate event the simulated edge raises to PulseAnalyzer + the TF model, and compares the measured
 * delta-V with the simulator's truth records. Usage (after building claims-automation and devices-sim):
 *   CP=claims-automation/target/classes:devices-sim/target/classes:edge-agent/target/classes:$(cat claims-automation/target/cp.txt)
 *   javac -cp $CP -d /tmp/simcheck claims-automation/tools/SimCrossCheck.java
 *   java -cp /tmp/simcheck:$CP SimCrossCheck MODEL_DIR VEHICLES
 */
import io.telerisk.claims.classifier.*;
import io.telerisk.claims.crash.*;
import io.telerisk.model.*;
import io.telerisk.sim.*;
import io.telerisk.sim.truth.*;
import io.telerisk.sim.vehicle.*;
import java.nio.file.Path;
import java.time.*;
import java.util.*;

public class SimCrossCheck {
    public static void main(String[] a) throws Exception {
        int vehicles = Integer.parseInt(a[1]);
        TfCrashClassifier tf = TfCrashClassifier.load(Path.of(a[0]));
        PulseAnalyzer an = new PulseAnalyzer(PulseConfig.defaults());
        List<Double> errs = new ArrayList<>();
        int crashes = 0, crashEvents = 0, confirmedCrash = 0, otherEvents = 0, confirmedOther = 0, unusable = 0, bigCrash = 0, bigConfirmed = 0;
        for (int v = 0; v < vehicles; v++) {
            InMemoryTruth truth = new InMemoryTruth();
            DeviceKey k = new DeviceKey("sim", DeviceType.VEHICLE, "veh-" + v);
            DriverProfile p = DriverProfile.draw(new Rng(v), 48.1, 11.5, 20, 400);
            Instant start = Instant.parse("2026-05-01T00:00:00Z");
            VehicleSimulator sim = new VehicleSimulator(k, p, VehicleConfig.defaults().withCrashRateMultiplier(400).withImpulseRateMultiplier(3), v, start,
                    start.plus(Duration.ofDays(3)), truth, VehicleObserver.NONE);
            List<DeviceEvent> evs = new ArrayList<>();
            while (true) { Batch b = sim.next(); if (b == null || (b.isEmpty() && b.readyAt().isAfter(start.plus(Duration.ofDays(3))))) break; evs.addAll(b.events()); if (b.readyAt().isAfter(start.plus(Duration.ofDays(3)).minusSeconds(1))) break; }
            List<TruthRecord> cr = truth.ofType("crash");
            crashes += cr.size();
            for (DeviceEvent e : evs) {
                if (!e.type().equals(EventTypes.CRASH_CANDIDATE)) continue;
                TruthRecord match = null;
                for (TruthRecord t : cr) {
                    Instant ti = Instant.parse(t.getString("time"));
                    if (!ti.isBefore(e.window().get(0).time()) && !ti.isAfter(e.window().get(e.window().size() - 1).time())) match = t;
                }
                PulseResult r = an.analyze(e.window());
                boolean conf = false;
                if (r instanceof PulseResult.Measured m) {
                    conf = tf.crashProbability(CrashFeatures.of(m.measurement())) >= tf.threshold();
                    if (match != null) errs.add(100 * Math.abs(m.measurement().deltaVMps() - match.getDouble("deltaVMps")) / match.getDouble("deltaVMps"));
                } else if (!(r instanceof PulseResult.NoImpulse)) unusable++;
                if (match != null) { crashEvents++; if (conf) confirmedCrash++; if (match.getDouble("deltaVMps") * 3.6 >= 8) { bigCrash++; if (conf) bigConfirmed++; } }
                else { otherEvents++; if (conf) confirmedOther++; }
            }
        }
        Collections.sort(errs);
        System.out.printf("vehicles %d (3 days each), truth crashes %d, candidate events with a crash %d (confirmed %d; >=8 km/h %d/%d), other candidate events %d (confirmed %d), unusable %d%n",
                vehicles, crashes, crashEvents, confirmedCrash, bigConfirmed, bigCrash, otherEvents, confirmedOther, unusable);
        if (!errs.isEmpty()) System.out.printf("delta-V error vs truth: median %.2f %%, p95 %.2f %%, max %.2f %%, n=%d%n", errs.get(errs.size()/2), errs.get((int)(errs.size()*0.95)), errs.get(errs.size()-1), errs.size());
        tf.close();
    }
}
