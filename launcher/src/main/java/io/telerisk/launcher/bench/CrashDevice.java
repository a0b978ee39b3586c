package io.telerisk.launcher.bench;

import io.telerisk.hub.registry.DeviceCredential;
import io.telerisk.model.Acceleration;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.Envelope;
import io.telerisk.model.EventTypes;
import io.telerisk.model.GnssFix;
import io.telerisk.model.Sample;
import io.telerisk.model.VehicleSample;
import io.telerisk.sim.vehicle.HalfSinePulse;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A vehicle of {@code bench claims}: its MQTT 5 connection to the hub's built-in endpoint and the crash candidates it sends. */
final class CrashDevice implements AutoCloseable {
    private static final double G = HalfSinePulse.G;

    final DeviceKey key;
    final AtomicLong sequence = new AtomicLong();
    private final MqttAsyncClient client;
    private final String topic;

    private CrashDevice(DeviceKey key, MqttAsyncClient client) {
        this.key = key;
        this.client = client;
        this.topic = "v1/" + key.tenant() + "/vehicle/" + key.deviceId() + "/events";
    }

    static CrashDevice connect(String uri, DeviceKey key, DeviceCredential c) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, key.deviceId(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(c.username());
        o.setPassword(c.token().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        client.connect(o).waitForCompletion(10_000);
        return new CrashDevice(key, client);
    }

    /** QoS 1, not waiting for the acknowledgement (the latency is to the claim, not to PUBACK). */
    void publish(byte[] payload) throws Exception {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        m.setProperties(props);
        client.publish(topic, m);
    }

    /**
     * A crash candidate whose 5 s window just ended: 100 Hz accelerometer with a 120 ms half-sine pulse of
     * {@code deltaVMps} from the front 2 s in (gravity on z; samples are the pulse's mean over each 10 ms period),
     * GNSS at 1 Hz slowing from 14 m/s by the delta-V.
     */
    Envelope crashCandidate(String candidateId, double deltaVMps) {
        Instant t0 = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        double t0Ms = t0.toEpochMilli();
        HalfSinePulse pulse = HalfSinePulse.ofDeltaV(t0Ms + 2000, 0.12, deltaVMps, -1, 0, 0);
        List<Sample> window = new ArrayList<>(505);
        for (int i = 0; i < 500; i++) {
            double a = pulse.meanOver(t0Ms + i * 10, t0Ms + (i + 1) * 10);
            window.add(VehicleSample.acceleration(t0.plusMillis((i + 1) * 10L), new Acceleration(pulse.ux() * a, pulse.uy() * a, G + pulse.uz() * a)));
        }
        double after = Math.max(0, 14.0 - deltaVMps);
        for (int s = 0; s < 5; s++) {
            window.add(new VehicleSample(t0.plusMillis(s * 1000L + 500), GnssFix.of(48.1, 11.5), s < 2 ? 14.0 : after, 0.0, null, null, true));
        }
        DeviceEvent ev = new DeviceEvent(EventTypes.CRASH_CANDIDATE, t0.plusSeconds(2), Map.of("peakG", pulse.peakMps2() / G),
                Map.of("candidateId", candidateId), window);
        return Envelope.events(key.tenant(), key.deviceId(), DeviceType.VEHICLE, sequence.incrementAndGet(), t0.plusSeconds(5), List.of(ev));
    }

    @Override
    public void close() {
        try {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        } catch (Exception ignored) {
            // the bench is over
        }
    }
}
