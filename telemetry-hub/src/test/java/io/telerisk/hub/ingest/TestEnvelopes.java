package io.telerisk.hub.ingest;

import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.VehicleSample;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Envelopes and payloads for ingest tests. */
public final class TestEnvelopes {
    public static final DeviceKey CAR = new DeviceKey("acme", DeviceType.VEHICLE, "car-1");
    public static final DeviceKey OTHER_CAR = new DeviceKey("acme", DeviceType.VEHICLE, "car-2");
    public static final String JSON = "application/json";
    public static final String PROTOBUF = "application/x-protobuf";

    /** Fixed for the JVM, so the same (device, sequence) always has the same sample times, as a resend does. */
    private static final Instant ANCHOR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.DAYS);

    private TestEnvelopes() {
    }

    /** A telemetry envelope of {@code points} one-second samples; sample times derive from the sequence, so they are distinct. */
    public static Envelope telemetry(DeviceKey device, long sequence, int points) {
        Instant base = ANCHOR.plusSeconds(sequence * points);
        List<VehicleSample> samples = new ArrayList<>();
        for (int i = 0; i < points; i++)
            samples.add(new VehicleSample(base.plusSeconds(i), null, 12.5 + i % 10, 90.0, null, 1000.0 + sequence, true));
        return Envelope.telemetry(device.tenant(), device.deviceId(), device.type(), sequence, base.plusSeconds(points), samples);
    }

    public static Envelope event(DeviceKey device, long sequence) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        return Envelope.events(device.tenant(), device.deviceId(), device.type(), sequence, t,
                List.of(DeviceEvent.of("harsh_braking", t, Map.of("peakDecelMps2", 6.1))));
    }

    /** An envelope with one event of the given type (e.g. a crash candidate, which takes the urgent lane). */
    public static Envelope event(DeviceKey device, long sequence, String type) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        return Envelope.events(device.tenant(), device.deviceId(), device.type(), sequence, t,
                List.of(DeviceEvent.of(type, t, Map.of("peakAccelMps2", 80.0))));
    }

    public static byte[] json(Envelope e) {
        return Codecs.json().encode(e);
    }

    public static byte[] protobuf(Envelope e) {
        return Codecs.protobuf().encode(e);
    }

    public static String topic(DeviceKey device, Channel channel) {
        return Topic.of(device, channel).render();
    }

    public static byte[] garbage() {
        return "{\"schemaVersion\": 1, \"tenant\": ".getBytes(StandardCharsets.UTF_8);
    }
}
