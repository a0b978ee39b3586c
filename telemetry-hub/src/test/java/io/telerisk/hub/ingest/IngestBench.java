package io.telerisk.hub.ingest;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import static io.telerisk.hub.ingest.TestEnvelopes.*;

/**
 * Ingest throughput, not a test: {@code java ... io.telerisk.hub.ingest.IngestBench}. Stores into the in-memory
 * store fixture, so it measures the hub's own cost (decode, handlers, batching, acks, MQTT), not a database.
 * Scenarios: (1) pipeline only, single-point JSON messages; (2) pipeline only, 100-point envelopes;
 * (3) end to end over the built-in MQTT endpoint with Paho v5 clients at QoS 1. Prints the median of 3 runs.
 */
public final class IngestBench {
    private static final int DEVICES = 8;

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Vertx vertx = Vertx.vertx();
        try {
            report("pipeline, single-point JSON", messages, 1, () -> pipelineRun(vertx, messages, 1));
            report("pipeline, 100-point JSON envelopes", messages / 50, 100, () -> pipelineRun(vertx, messages / 50, 100));
            report("MQTT QoS 1 end to end, single-point JSON", messages / 2, 1, () -> mqttRun(vertx, messages / 2, 1));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    interface Run {
        double seconds() throws Exception;
    }

    private static void report(String name, int messages, int points, Run run) throws Exception {
        run.seconds(); // warm-up
        double[] s = new double[3];
        for (int i = 0; i < 3; i++) s[i] = run.seconds();
        Arrays.sort(s);
        System.out.printf("%-45s %,10.0f msgs/s %,12.0f points/s (median of 3; %d msgs of %d points)%n",
                name, messages / s[1], messages * (double) points / s[1], messages, points);
    }

    private static List<byte[]> payloads(int messages, int points) {
        List<byte[]> out = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) out.add(json(telemetry(device(i % DEVICES), i / DEVICES + 1, points)));
        return out;
    }

    private static DeviceKey device(int d) {
        return new DeviceKey("bench", DeviceType.VEHICLE, "car-" + d);
    }

    private static IngestService start(Vertx vertx, boolean builtIn, InMemoryDeviceRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("ingest-bench");
        IngestConfig cfg = IngestConfig.defaults().withBuiltIn(builtIn, "127.0.0.1", 0).withDataDir(dir);
        return IngestService.start(vertx, cfg, new InMemoryTelemetryStore(), registry, new IngestStats(), FileDeadLetterStore.open(cfg))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static InMemoryDeviceRegistry registry() {
        var r = new InMemoryDeviceRegistry();
        for (int d = 0; d < DEVICES; d++) r.add(device(d), "t" + d);
        return r;
    }

    private static double pipelineRun(Vertx vertx, int messages, int points) throws Exception {
        List<byte[]> payloads = payloads(messages, points);
        IngestService s = start(vertx, false, registry());
        LongAdder acked = new LongAdder();
        AckTarget acks = (ids, rejections, n) -> {
            for (int i = 0; i < n; i++) if (rejections[i] != null) throw new IllegalStateException("rejected: " + rejections[i]);
            acked.add(n);
        };
        String[] topics = new String[DEVICES];
        for (int d = 0; d < DEVICES; d++) topics[d] = topic(device(d), Channel.TELEMETRY);
        long t0 = System.nanoTime();
        Thread[] producers = new Thread[2];
        for (int p = 0; p < producers.length; p++) {
            int first = p;
            producers[p] = new Thread(() -> {
                for (int i = first; i < messages; i += producers.length) {
                    s.pipeline().accept(new InboundMessage(topics[i % DEVICES], JSON, payloads.get(i), device(i % DEVICES),
                            InMemoryDeviceRegistry.REGISTERED_AT, "bench", acks, i % 65535 + 1));
                    while (s.status().paused()) Thread.onSpinWait(); // like a paused socket
                }
            });
            producers[p].start();
        }
        for (Thread t : producers) t.join();
        while (acked.sum() < messages) Thread.sleep(1);
        double secs = (System.nanoTime() - t0) / 1e9;
        s.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return secs;
    }

    private static double mqttRun(Vertx vertx, int messages, int points) throws Exception {
        int clients = 4;
        List<List<byte[]>> perClient = new ArrayList<>();
        for (int d = 0; d < clients; d++) {
            List<byte[]> l = new ArrayList<>();
            for (int i = d; i < messages; i += clients) l.add(json(telemetry(device(d), i / clients + 1, points)));
            perClient.add(l);
        }
        IngestService s = start(vertx, true, registry());
        List<MqttAsyncClient> cs = new ArrayList<>();
        for (int d = 0; d < clients; d++) {
            var c = new MqttAsyncClient("tcp://127.0.0.1:" + s.builtInPort(), "bench-" + d, new MemoryPersistence());
            var o = new MqttConnectionOptions();
            o.setUserName("bench/car-" + d);
            o.setPassword(("t" + d).getBytes(StandardCharsets.UTF_8));
            c.connect(o).waitForCompletion(10_000);
            cs.add(c);
        }
        long t0 = System.nanoTime();
        Thread[] ts = new Thread[clients];
        for (int d = 0; d < clients; d++) {
            int dev = d;
            ts[d] = new Thread(() -> {
                try {
                    var props = new MqttProperties();
                    props.setContentType(JSON);
                    ArrayDeque<IMqttToken> window = new ArrayDeque<>();
                    String topic = topic(device(dev), Channel.TELEMETRY);
                    for (byte[] p : perClient.get(dev)) {
                        if (window.size() >= 500) window.poll().waitForCompletion(30_000);
                        window.add(cs.get(dev).publish(topic, new MqttMessage(p, 1, false, props)));
                    }
                    for (IMqttToken t : window) t.waitForCompletion(30_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ts[d].start();
        }
        for (Thread t : ts) t.join();
        double secs = (System.nanoTime() - t0) / 1e9;
        for (var c : cs) {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
        s.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return secs;
    }
}
