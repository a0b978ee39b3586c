package io.telerisk.sim.publish;

import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.sim.truth.TruthSink;

import java.time.Duration;
import java.util.Objects;

/**
 * Publisher settings beyond the essentials.
 *
 * @param codec                  payload encoding; only JSON is meaningful over MQTT 3.1.1 (no content type)
 * @param maxInflightPerDevice   QoS 1 messages awaiting PUBACK per connection
 * @param connectConcurrency     connects in progress at once per shard (keeps a SYN storm off the broker)
 * @param shards                 event-loop shards (each a verticle with its own token bucket share)
 * @param ackTimeoutSeconds      PUBACK timeout after which a message is counted failed and resent
 * @param keepAliveSeconds       MQTT keep-alive
 * @param minOfflineWall         shortest wall-clock disconnect for an injected offline gap
 * @param truth                  where device summaries go at the end
 * @param tickMillis             pacing tick
 * @param mqtt5                  speak MQTT 5 (own framing over a Vert.x socket) so every message carries the codec's
 *                               content type; false uses the Vert.x MQTT client, which speaks 3.1.1 (JSON only)
 */
public record PublisherOptions(EnvelopeCodec codec, int maxInflightPerDevice, int connectConcurrency, int shards,
                               int ackTimeoutSeconds, int keepAliveSeconds, Duration minOfflineWall, TruthSink truth,
                               int tickMillis, boolean mqtt5) {
    public PublisherOptions {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(minOfflineWall, "minOfflineWall");
        Objects.requireNonNull(truth, "truth");
        if (maxInflightPerDevice < 1 || connectConcurrency < 1 || shards < 1 || ackTimeoutSeconds < 1
                || keepAliveSeconds < 1 || tickMillis < 1) {
            throw new IllegalArgumentException("publisher options must be positive");
        }
    }

    /** JSON, 8 in flight, 32 concurrent connects per shard, 2 × cores shards, 30 s ack timeout. */
    public static PublisherOptions defaults() {
        return new PublisherOptions(Codecs.json(), 8, 32, Math.max(1, 2 * Runtime.getRuntime().availableProcessors()),
                30, 60, Duration.ofMillis(200), TruthSink.NONE, 10, false);
    }

    public PublisherOptions withTruth(TruthSink t) {
        return new PublisherOptions(codec, maxInflightPerDevice, connectConcurrency, shards, ackTimeoutSeconds, keepAliveSeconds, minOfflineWall, t, tickMillis, mqtt5);
    }

    public PublisherOptions withCodec(EnvelopeCodec c) {
        return new PublisherOptions(c, maxInflightPerDevice, connectConcurrency, shards, ackTimeoutSeconds, keepAliveSeconds, minOfflineWall, truth, tickMillis, mqtt5);
    }

    public PublisherOptions withMaxInflightPerDevice(int n) {
        return new PublisherOptions(codec, n, connectConcurrency, shards, ackTimeoutSeconds, keepAliveSeconds, minOfflineWall, truth, tickMillis, mqtt5);
    }

    public PublisherOptions withShards(int n) {
        return new PublisherOptions(codec, maxInflightPerDevice, connectConcurrency, n, ackTimeoutSeconds, keepAliveSeconds, minOfflineWall, truth, tickMillis, mqtt5);
    }

    public PublisherOptions withMinOfflineWall(Duration d) {
        return new PublisherOptions(codec, maxInflightPerDevice, connectConcurrency, shards, ackTimeoutSeconds, keepAliveSeconds, d, truth, tickMillis, mqtt5);
    }

    /** MQTT 5 with content types (true) or the Vert.x 3.1.1 client (false). */
    public PublisherOptions withMqtt5(boolean on) {
        return new PublisherOptions(codec, maxInflightPerDevice, connectConcurrency, shards, ackTimeoutSeconds, keepAliveSeconds, minOfflineWall, truth, tickMillis, on);
    }
}
