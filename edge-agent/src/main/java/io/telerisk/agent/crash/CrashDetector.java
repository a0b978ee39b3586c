package io.telerisk.agent.crash;

import io.telerisk.agent.analytics.SampleWindow;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.EventTypes;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds crash candidates in a vehicle's samples: dynamic acceleration magnitude (gravity removed) above
 * {@link CrashConfig#impactThresholdG()}
 * for at least {@link CrashConfig#minImpactDuration()}, followed within the after-window by a speed drop of at
 * least {@link CrashConfig#minSpeedDropMps()}. The candidate goes out as a {@code crash_candidate} event with
 * the raw window (before and after the impact, full rate) as soon as the after-window is complete.
 * <p>The driver may then {@link #dismiss} it within {@link CrashConfig#cancelWindow()}: a {@code crash_dismissed}
 * event referencing the candidate follows; the candidate itself is never withdrawn (the hub decides).
 * When the device reports no speed at all around the impact, the candidate is still raised, labelled
 * {@code speedDrop=unknown}: a missed crash costs more than a false alarm that the driver can dismiss.
 * Not thread-safe, except {@link #dismiss}, which may be called from the UI thread.
 */
public final class CrashDetector {
    private final CrashConfig cfg;
    private final String deviceId;
    private final Consumer<DeviceEvent> sink;
    private final SampleWindow window;
    private final double thresholdMps2;
    private final List<Impact> impacts = new ArrayList<>();
    private final Map<String, Instant> open = new HashMap<>(); // candidate id -> raised at (device clock)

    private static final double GRAVITY_TAU_S = 2.0;

    private Instant episodeStart, episodeLast, lastAccelAt;
    private double gravityX, gravityY, gravityZ = CrashConfig.G_MPS2; // vehicle frame, z up
    private double episodePeak, episodeDeltaV, episodeFirstDt;
    private Double lastSpeedMps;

    private record Impact(Instant start, Instant end, Duration lasted, double peakMps2, double deltaVMps, Double speedBeforeMps) {
    }

    /**
     * @param deviceId names the candidates ({@code deviceId-epochMillis} of the impact)
     * @param sink     receives candidate and dismissal events
     */
    public CrashDetector(CrashConfig cfg, String deviceId, Consumer<DeviceEvent> sink) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.window = new SampleWindow(cfg.windowBefore().plus(cfg.windowAfter()).plusSeconds(2));
        this.thresholdMps2 = cfg.impactThresholdG() * CrashConfig.G_MPS2;
    }

    /** Feeds one sample (time order). */
    public void accept(VehicleSample s) {
        window.add(s);
        Instant t = s.time();
        if (s.acceleration() != null) {
            double dt = lastAccelAt == null ? 0.01 : Math.min(0.1, Math.max(0, Duration.between(lastAccelAt, t).toNanos() / 1e9));
            // Devices report acceleration with gravity included (docs/telemetry.md): judge the dynamic part, the
            // measured vector minus a slowly tracked gravity estimate (which also absorbs a tilted mounting).
            double ax = s.acceleration().xMps2(), ay = s.acceleration().yMps2(), az = s.acceleration().zMps2();
            double dx = ax - gravityX, dy = ay - gravityY, dz = az - gravityZ;
            double mag = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (episodeStart == null && mag <= thresholdMps2) {
                double alpha = dt / (GRAVITY_TAU_S + dt);
                gravityX += alpha * (ax - gravityX);
                gravityY += alpha * (ay - gravityY);
                gravityZ += alpha * (az - gravityZ);
            }
            if (mag > thresholdMps2) {
                if (episodeStart == null) {
                    episodeStart = t;
                    episodeFirstDt = dt;
                    episodePeak = 0;
                    episodeDeltaV = 0;
                }
                episodePeak = Math.max(episodePeak, mag);
                episodeDeltaV += mag * dt; // delta-V of the impact pulse, m/s
                episodeLast = t;
            } else if (episodeStart != null) {
                // a sample stands for the interval before it, so one 10 ms sample lasts 10 ms
                Duration lasted = Duration.between(episodeStart, episodeLast).plusNanos((long) (episodeFirstDt * 1e9));
                if (lasted.compareTo(cfg.minImpactDuration()) >= 0) {
                    impacts.add(new Impact(episodeStart, episodeLast, lasted, episodePeak, episodeDeltaV, lastSpeedMps));
                }
                episodeStart = null;
            }
            lastAccelAt = t;
        }
        if (s.speedMps() != null && episodeStart == null) lastSpeedMps = s.speedMps();
        for (Iterator<Impact> it = impacts.iterator(); it.hasNext(); ) {
            Impact i = it.next();
            if (t.isBefore(i.start().plus(cfg.windowAfter()))) continue;
            it.remove();
            judge(i, t);
        }
    }

    private void judge(Impact i, Instant now) {
        Instant to = i.start().plus(cfg.windowAfter());
        List<Sample> w = window.between(i.start().minus(cfg.windowBefore()), to);
        Double minAfter = null;
        for (Sample s : w) {
            if (s instanceof VehicleSample v && v.speedMps() != null && v.time().isAfter(i.end())) {
                minAfter = minAfter == null ? v.speedMps() : Math.min(minAfter, v.speedMps());
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("peakAccelG", round(i.peakMps2() / CrashConfig.G_MPS2));
        m.put("impactDurationMs", (double) i.lasted().toMillis());
        m.put("deltaVMps", round(i.deltaVMps()));
        Map<String, String> labels = new LinkedHashMap<>();
        String id = deviceId + "-" + i.start().toEpochMilli();
        labels.put("candidateId", id);
        if (i.speedBeforeMps() != null && minAfter != null) {
            double drop = i.speedBeforeMps() - minAfter;
            if (drop < cfg.minSpeedDropMps()) return; // the vehicle drove on: a pothole, a slammed door, a dropped unit
            m.put("speedBeforeMps", round(i.speedBeforeMps()));
            m.put("speedAfterMps", round(minAfter));
            m.put("speedDropMps", round(drop));
            labels.put("speedDrop", "observed");
        } else {
            labels.put("speedDrop", "unknown");
        }
        synchronized (open) {
            open.put(id, now);
        }
        sink.accept(new DeviceEvent(EventTypes.CRASH_CANDIDATE, i.start(), m, labels, w));
    }

    /**
     * The driver dismissed a candidate ("I'm fine"). Within the cancel window a {@code crash_dismissed} event
     * referencing it is sent and true returned; afterwards (or for an unknown id) nothing is sent and false returned.
     *
     * @param now the device clock now
     */
    public boolean dismiss(String candidateId, Instant now) {
        Instant raised;
        synchronized (open) {
            raised = open.get(candidateId);
            if (raised == null) return false;
            if (now.isAfter(raised.plus(cfg.cancelWindow()))) {
                open.remove(candidateId);
                return false;
            }
            open.remove(candidateId);
        }
        sink.accept(new DeviceEvent(EventTypes.CRASH_DISMISSED, now,
                Map.of("secondsAfterCandidate", Duration.between(raised, now).toMillis() / 1000.0),
                Map.of("candidateId", candidateId, "dismissedBy", "driver"), List.of()));
        return true;
    }

    /** Candidates that can still be dismissed at {@code now}. */
    public List<String> dismissible(Instant now) {
        synchronized (open) {
            List<String> ids = new ArrayList<>();
            open.forEach((id, at) -> {
                if (!now.isAfter(at.plus(cfg.cancelWindow()))) ids.add(id);
            });
            return ids;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
