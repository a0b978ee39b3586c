package io.telerisk.launcher.bench;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: a bare Paho QoS 1 subscriber that stores nothing. It only counts and reads {@code sentAt} out of
 * the JSON bytes (no full decode) for the delivery latency.
 */
final class RawSubscriber implements MqttCallback, RawReferenceRuns.RawReference {
    private static final byte[] SENT_AT = "\"sentAt\":\"".getBytes(StandardCharsets.US_ASCII);

    private final MqttAsyncClient client;
    private final LatencyHistogram latency;
    private final AtomicLong received = new AtomicLong();

    private RawSubscriber(MqttAsyncClient client, LatencyHistogram latency) {
        this.client = client;
        this.latency = latency;
    }

    static RawSubscriber start(String uri, LatencyHistogram latency) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(uri, "bench-raw-subscriber", new MemoryPersistence());
        RawSubscriber s = new RawSubscriber(c, latency);
        c.setCallback(s);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(1000); // what the hub announces too
        c.connect(o).waitForCompletion(10_000);
        c.subscribe("v1/+/+/+/telemetry", 1).waitForCompletion(10_000);
        return s;
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.incrementAndGet();
        recordLatency(message.getPayload(), latency);
    }

    /** Publish-to-delivered latency from the envelope's {@code sentAt}, read out of the JSON bytes without decoding. */
    static void recordLatency(byte[] p, LatencyHistogram latency) {
        int at = indexOf(p, SENT_AT);
        if (at >= 0) {
            int from = at + SENT_AT.length;
            int to = from;
            while (to < p.length && p[to] != '"') to++;
            try {
                latency.recordMillis(System.currentTimeMillis() - Instant.parse(new String(p, from, to - from, StandardCharsets.US_ASCII)).toEpochMilli());
            } catch (RuntimeException ignored) {
                // not our JSON: counted, no latency
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }

    @Override
    public void disconnected(MqttDisconnectResponse r) {
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
