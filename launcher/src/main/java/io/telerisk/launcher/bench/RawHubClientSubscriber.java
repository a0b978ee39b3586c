package io.telerisk.launcher.bench;

import io.telerisk.hub.ingest.InboundMessage;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.mqtt.SharedSubscriptionSource;
import io.telerisk.model.codec.RejectReason;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The second baseline: the hub's own MQTT 5 client ({@link SharedSubscriptionSource}) with nothing behind it. It
 * counts, reads {@code sentAt} for the latency and acknowledges each message at once. Against it, hub/raw measures
 * the pipeline and the store, not the difference between two MQTT clients.
 */
final class RawHubClientSubscriber implements RawReferenceRuns.RawReference {
    private static final RejectReason[] ACCEPTED = new RejectReason[1];
    private final Vertx vertx;
    private final SharedSubscriptionSource source;
    private final AtomicLong received;

    private RawHubClientSubscriber(Vertx vertx, SharedSubscriptionSource source, AtomicLong received) {
        this.vertx = vertx;
        this.source = source;
        this.received = received;
    }

    static RawHubClientSubscriber start(String uri, LatencyHistogram latency) throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicLong received = new AtomicLong();
        IngestConfig cfg = IngestConfig.defaults().withBuiltIn(false, "127.0.0.1", 0)
                .withExternalBroker(uri, "bench-raw", "bench-raw-hub-client", null, null);
        try {
            SharedSubscriptionSource s = SharedSubscriptionSource.start(vertx, cfg, (InboundMessage m) -> {
                received.incrementAndGet();
                RawSubscriber.recordLatency(m.payload(), latency);
                if (m.needsAck()) m.ackTarget().acknowledge(new int[]{m.messageId()}, ACCEPTED, 1);
            }).toCompletionStage().toCompletableFuture().get(40, TimeUnit.SECONDS);
            return new RawHubClientSubscriber(vertx, s, received);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public void close() throws Exception {
        try {
            source.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        }
    }
}
