package io.telerisk.launcher.bench;

import io.telerisk.launcher.bench.LoadGenerator.Device;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.sim.publish.MqttLink;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A device of the ingest bench's load generator that speaks MQTT 5 (protobuf, with its content type). */
final class Mqtt5BenchDevice {
    private Mqtt5BenchDevice() {
    }

    /**
     * Starts one device of {@code LoadGenerator publish} over MQTT 5 with the codec's content type on every PUBLISH:
     * the same window and schedule as the MQTT 3.1.1 devices, on {@code ctx}; {@code login} (id, username, token) or
     * null for an anonymous device. Closing Vert.x closes the link.
     */
    static void start(Vertx vertx, Context ctx, NetClient net, EnvelopeCodec codec, Device dev, String[] login, String host,
                      int port, String tenant, int window, long stopAt, int devices, int ratePerS,
                      AtomicLong published, AtomicLong acked, AtomicLong failed, CountDownLatch connected) {
        MqttLink link = MqttLink.mqtt5(vertx, net, codec.contentType(), 60, 30);
        Runnable[] sendOne = new Runnable[1];
        long intervalNanos = ratePerS > 0 ? (long) (1e9 * devices / ratePerS) : 0;
        long[] nextDue = {0};
        sendOne[0] = () -> {
            long now = System.nanoTime();
            if (now >= stopAt) return;
            if (intervalNanos > 0) {
                if (nextDue[0] == 0) nextDue[0] = now;
                if (now < nextDue[0]) {
                    vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextDue[0] - now)), t -> sendOne[0].run());
                    return;
                }
                nextDue[0] += intervalNanos;
            }
            published.incrementAndGet();
            link.publish(dev.topic, dev.next(codec, tenant)).onFailure(t -> failed.incrementAndGet());
        };
        link.onAck(id -> {
            acked.incrementAndGet();
            sendOne[0].run();
        });
        link.onRefused(id -> failed.incrementAndGet());
        link.onAckTimeout(id -> failed.incrementAndGet());
        ctx.runOnContext(v -> link.connect(host, port, login == null ? "bench-" + dev.id : dev.id,
                login == null ? null : login[1], login == null ? null : login[2]).onComplete(r -> {
            connected.countDown();
            if (r.failed()) {
                System.err.println("connect failed for " + dev.id + ": " + r.cause());
                return;
            }
            for (int i = 0; i < window; i++) sendOne[0].run();
        }));
    }
}
