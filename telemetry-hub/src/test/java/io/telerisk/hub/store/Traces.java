package io.telerisk.hub.store;

import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.FarmSample;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.SleepStage;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.WearableSample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Synthetic envelopes with known content for store and summary tests. */
public final class Traces {
    private Traces() {
    }

    /** A vehicle sample with position, speed and ignition on. */
    public static VehicleSample fix(Instant t, double lat, double lon, double speedMps) {
        return new VehicleSample(t, new GnssFix(lat, lon, 12.5, 0.9, 9), speedMps, 90.0, null, 1234.5, true);
    }

    /** Envelopes of a vehicle driving east along a parallel at constant speed, 1 Hz, {@code perEnvelope} samples each. */
    public static List<Envelope> drive(String tenant, String device, Instant start, int seconds, double speedMps,
                                       double lat, double lon0, long firstSeq, int perEnvelope) {
        List<Envelope> out = new ArrayList<>();
        double mPerDegLon = 111_195.0 * Math.cos(Math.toRadians(lat));
        List<Sample> batch = new ArrayList<>();
        long seq = firstSeq;
        for (int i = 0; i <= seconds; i++) {
            double lon = lon0 + i * speedMps / mPerDegLon;
            batch.add(fix(start.plusSeconds(i), lat, lon, speedMps));
            if (batch.size() == perEnvelope || i == seconds) {
                out.add(Envelope.telemetry(tenant, device, DeviceType.VEHICLE, seq++, batch.get(batch.size() - 1).time(), batch));
                batch = new ArrayList<>();
            }
        }
        return out;
    }

    public static Envelope vehicle(String tenant, String device, long seq, Sample... samples) {
        return Envelope.telemetry(tenant, device, DeviceType.VEHICLE, seq, samples[samples.length - 1].time(), List.of(samples));
    }

    public static Envelope accel(String tenant, String device, long seq, Instant start, int n) {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < n; i++) s.add(VehicleSample.acceleration(start.plusMillis(10L * i), new Acceleration(0.1 * i, -0.2, 9.81)));
        return Envelope.telemetry(tenant, device, DeviceType.VEHICLE, seq, start, s);
    }

    public static Envelope wearable(String tenant, String device, long seq, Instant t, Integer hr, Integer steps,
                                    SleepStage stage, Double spo2) {
        return Envelope.telemetry(tenant, device, DeviceType.WEARABLE, seq, t, List.of(new WearableSample(t, hr, steps, stage, spo2)));
    }

    public static Envelope farm(String tenant, String device, long seq, FarmSample... s) {
        return Envelope.telemetry(tenant, device, DeviceType.FARM_SENSOR, seq, s[s.length - 1].time(), List.of(s));
    }

    public static Envelope event(String tenant, String device, long seq, String type, Instant t, Map<String, Double> measures) {
        return Envelope.events(tenant, device, DeviceType.VEHICLE, seq, t, List.of(DeviceEvent.of(type, t, measures)));
    }
}
