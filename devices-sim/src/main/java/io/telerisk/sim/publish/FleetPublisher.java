package io.telerisk.sim.publish;

import io.telerisk.model.DeviceKey;
import io.telerisk.sim.SimClock;
import io.telerisk.sim.faults.FaultConfig;
import io.telerisk.sim.fleet.DeviceStream;
import io.telerisk.sim.fleet.Fleet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.telerisk.model.codec.JsonEnvelopeCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Publishes a fleet over real MQTT: one connection per device with its own credentials (username
 * {@code tenant/deviceId}, password from the credentials function), QoS 1 with a bounded number of messages in
 * flight per connection, paced by a token bucket and the simulation clock. Non-blocking: devices are spread over
 * shards (verticles), each on its own event loop, so thousands of connections fit in one process.
 *
 * <pre>{@code
 * PublisherHandle h = FleetPublisher.start(vertx, fleet, "127.0.0.1", 1883, key -> tokens.get(key),
 *         Rate.messagesPerSecond(2000), FaultConfig.NONE, SimClock.accelerated(fleet.start(), 60));
 * h.completion().onComplete(x -> h.stop());
 * }</pre>
 */
public final class FleetPublisher {
    private FleetPublisher() {
    }

    /**
     * Starts publishing with default options (JSON over MQTT 3.1.1, 8 in flight per device).
     *
     * @param credentials device → password (token), or null for none (anonymous brokers)
     */
    public static PublisherHandle start(Vertx vertx, Fleet fleet, String brokerHost, int port,
                                        Function<DeviceKey, String> credentials, Rate rate, FaultConfig faults,
                                        SimClock clock) {
        return start(vertx, fleet, brokerHost, port, credentials, rate, faults, clock, PublisherOptions.defaults());
    }

    /** Starts publishing; faults and the device summaries go to {@code opts.truth()}. */
    public static PublisherHandle start(Vertx vertx, Fleet fleet, String brokerHost, int port,
                                        Function<DeviceKey, String> credentials, Rate rate, FaultConfig faults,
                                        SimClock clock, PublisherOptions opts) {
        Objects.requireNonNull(fleet, "fleet");
        List<DeviceStream> streams = fleet.streams(opts.codec(), faults, opts.truth());
        return startStreams(vertx, streams, brokerHost, port, credentials, rate, clock, opts);
    }

    /** Starts publishing prepared device streams (e.g. a subset of a fleet). */
    public static PublisherHandle startStreams(Vertx vertx, List<DeviceStream> streams, String brokerHost, int port,
                                               Function<DeviceKey, String> credentials, Rate rate, SimClock clock,
                                               PublisherOptions opts) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(brokerHost, "brokerHost");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(opts, "opts");
        Function<DeviceKey, String> creds = credentials == null ? k -> null : credentials;
        if (!opts.mqtt5() && !JsonEnvelopeCodec.CONTENT_TYPE.equals(opts.codec().contentType())) {
            throw new IllegalArgumentException(opts.codec().contentType() + " needs MQTT 5 content types (PublisherOptions.withMqtt5): "
                    + "the Vert.x MQTT client speaks 3.1.1, and without a content type the hub decodes JSON");
        }
        NetClient net = opts.mqtt5() ? vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000).setTcpNoDelay(true)) : null;
        Supplier<MqttLink> links = opts.mqtt5()
                ? () -> new Mqtt5Link(vertx, net, opts.codec().contentType(), opts.ackTimeoutSeconds(), opts.keepAliveSeconds())
                : () -> new VertxMqttLink(vertx, opts.maxInflightPerDevice(), opts.ackTimeoutSeconds(), opts.keepAliveSeconds());
        int shardCount = Math.max(1, Math.min(opts.shards(), streams.size()));
        Rate shardRate = rate.share(shardCount);
        Counters counters = new Counters(streams.size());
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) shards.add(new Shard(clock, shardRate, opts));
        for (int i = 0; i < streams.size(); i++) {
            DeviceStream s = streams.get(i);
            Shard shard = shards.get(i % shardCount);
            shard.add(new DevicePublisher(s, creds.apply(s.key()), brokerHost, port, counters, opts, links, shard));
        }
        clock.start();
        List<Future<String>> deployments = new ArrayList<>();
        for (Shard s : shards) deployments.add(vertx.deployVerticle(s));
        Future<List<String>> deployed = Future.all(deployments).map(cf -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < cf.size(); i++) ids.add(cf.resultAt(i));
            return ids;
        });
        List<Future<Void>> dones = shards.stream().map(Shard::done).toList();
        Future<Void> completion = Future.all(dones).mapEmpty();
        return new Handle(vertx, shards, counters, deployed, completion, opts);
    }

    private static final class Handle implements PublisherHandle {
        private final Vertx vertx;
        private final List<Shard> shards;
        private final Counters counters;
        private final Future<List<String>> deployed;
        private final Future<Void> completion;
        private final PublisherOptions opts;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private volatile Future<Void> stopped;

        Handle(Vertx vertx, List<Shard> shards, Counters counters, Future<List<String>> deployed,
               Future<Void> completion, PublisherOptions opts) {
            this.vertx = vertx;
            this.shards = shards;
            this.counters = counters;
            this.deployed = deployed;
            this.completion = completion;
            this.opts = opts;
        }

        @Override
        public PublisherStats stats() {
            return counters.snapshot();
        }

        @Override
        public Future<Void> completion() {
            return completion;
        }

        @Override
        public synchronized Future<Void> stop() {
            if (stopping.compareAndSet(false, true)) {
                stopped = deployed.recover(e -> Future.succeededFuture(List.of()))
                        .compose(ids -> {
                            List<Future<Void>> fs = new ArrayList<>();
                            for (String id : ids) fs.add(vertx.undeploy(id));
                            return Future.join(fs);
                        })
                        .eventually(() -> {
                            for (Shard s : shards) {
                                for (DevicePublisher d : s.devices()) opts.truth().record(d.summary());
                            }
                            return Future.succeededFuture();
                        })
                        .mapEmpty();
            }
            return stopped;
        }
    }
}
