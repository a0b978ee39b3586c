package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.AckTarget;
import io.telerisk.hub.ingest.EncodedCommand;
import io.telerisk.hub.ingest.InboundMessage;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.IngestPipeline;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.codec.RejectReason;
import io.telerisk.model.topic.Channel;
import io.telerisk.model.topic.Topic;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ingest from an external broker (Mosquitto, EMQX, HiveMQ) through MQTT 5 shared subscriptions
 * {@code $share/{group}/v1/+/+/+/{telemetry|events|status}}: every hub of a deployment joins the same group and
 * the broker hands each message to one of them.
 *
 * <p>Paho v5 with manual acknowledgements: the PUBACK for a message is sent only when the pipeline acknowledges
 * it (stored, spooled, dead-lettered or duplicate). The session is persistent (clean start off, session expiry),
 * so the broker redelivers what was unacknowledged when this hub reconnects or restarts, and its receive maximum
 * stops the broker sending once that many messages are unacknowledged: that is the backpressure here.
 *
 * <p>Acknowledgements of messages received before a reconnect are not sent on the new connection (packet ids
 * belong to a connection's flow); the broker redelivers those messages and dedup or the idempotent store absorbs
 * them.
 */
public final class SharedSubscriptionSource implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SharedSubscriptionSource.class.getName());
    /** How long the broker keeps this hub's session (and queues its share) while it is away. */
    static final long SESSION_EXPIRY_SECONDS = 3600;

    private final IngestConfig cfg;
    private final IngestPipeline pipeline;
    private final MqttAsyncClient client;
    private final AtomicLong generation = new AtomicLong();
    private final String source;
    private final java.util.concurrent.ScheduledExecutorService watchdog;

    private SharedSubscriptionSource(IngestConfig cfg, IngestPipeline pipeline) throws MqttException {
        this.cfg = cfg;
        this.pipeline = pipeline;
        this.source = "broker:" + cfg.externalBrokerUri();
        this.client = new MqttAsyncClient(cfg.externalBrokerUri(), cfg.clientId(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback());
        this.watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "broker-reconnect-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Paho's automatic reconnect occasionally gives up after a failed attempt while the broker restarts; this
     * nudges it every few seconds while the connection is down.
     */
    private void watch() {
        if (client.isConnected()) return;
        try {
            client.reconnect();
        } catch (MqttException e) {
            LOG.log(Level.FINE, "reconnect attempt to " + cfg.externalBrokerUri(), e);
        }
    }

    /** The shared-subscription filters this source subscribes to. */
    public static String[] filters(String group) {
        return new String[]{
                "$share/" + group + "/" + Topic.filterAll(Channel.TELEMETRY),
                "$share/" + group + "/" + Topic.filterAll(Channel.EVENTS),
                "$share/" + group + "/" + Topic.filterAll(Channel.STATUS)};
    }

    /**
     * Connects and subscribes; blocks up to 30 s for the first connection (call it from a worker thread). Later
     * connection losses are healed by Paho's automatic reconnect.
     */
    public static SharedSubscriptionSource start(IngestConfig cfg, IngestPipeline pipeline) throws MqttException {
        SharedSubscriptionSource s = new SharedSubscriptionSource(cfg, pipeline);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 10);
        o.setReceiveMaximum(cfg.receiveMaximum());
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        if (cfg.brokerUsername() != null) o.setUserName(cfg.brokerUsername());
        if (cfg.brokerPassword() != null) o.setPassword(cfg.brokerPassword().getBytes(StandardCharsets.UTF_8));
        s.client.connect(o).waitForCompletion(30_000);
        // connectComplete also subscribes; doing it here too makes start() fail fast on a refused subscription
        s.subscribe().waitForCompletion(30_000);
        s.watchdog.scheduleWithFixedDelay(s::watch, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        LOG.info("subscribed to " + String.join(", ", filters(cfg.sharedGroup())) + " at " + cfg.externalBrokerUri() + " as " + cfg.clientId());
        return s;
    }

    private IMqttToken subscribe() throws MqttException {
        String[] f = filters(cfg.sharedGroup());
        MqttSubscription[] subs = new MqttSubscription[f.length];
        for (int i = 0; i < f.length; i++) subs[i] = new MqttSubscription(f[i], 1);
        return client.subscribe(subs);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Publishes a command to the device's cmd topic through the broker at QoS 1; completes on the broker's PUBACK. */
    public CompletableFuture<Void> publish(DeviceKey device, EncodedCommand command) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttMessage m = new MqttMessage(command.payload(), 1, false, new MqttProperties());
        m.getProperties().setContentType(command.contentType());
        try {
            client.publish(Topic.of(device, Channel.CMD).render(), m, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken t) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken t, Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        try {
            if (client.isConnected()) client.disconnect(5_000).waitForCompletion(5_000);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "disconnecting from " + cfg.externalBrokerUri(), e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "closing the broker client", e);
        }
    }

    /** Acknowledges messages of one connection generation; stale ones are left to redelivery. */
    private final class Acks implements AckTarget {
        private final long gen;

        Acks(long gen) {
            this.gen = gen;
        }

        @Override
        public void acknowledge(int[] messageIds, RejectReason[] rejections, int count) {
            if (gen != generation.get() || !client.isConnected()) return;
            for (int i = 0; i < count; i++) {
                try {
                    client.messageArrivedComplete(messageIds[i], 1);
                } catch (MqttException e) {
                    LOG.log(Level.FINE, "PUBACK " + messageIds[i] + " not sent; the broker will redeliver", e);
                    return;
                }
            }
        }
    }

    private final class Callback implements MqttCallback {
        private volatile Acks acks = new Acks(0);

        @Override
        public void disconnected(MqttDisconnectResponse r) {
            generation.incrementAndGet();
            LOG.warning("lost the broker " + cfg.externalBrokerUri() + ": " + r + "; reconnecting");
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.log(Level.WARNING, "broker client error", e);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Acks a = acks;
            if (a.gen != generation.get()) acks = a = new Acks(generation.get());
            String ct = message.getProperties() == null ? null : message.getProperties().getContentType();
            pipeline.accept(new InboundMessage(topic, ct, message.getPayload(), null, null, source,
                    message.getQos() > 0 ? a : null, message.getId()));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (!reconnect) return;
            generation.incrementAndGet();
            LOG.info("reconnected to " + serverURI);
            try {
                subscribe(); // harmless when the session kept the subscriptions, needed when it did not
            } catch (MqttException e) {
                LOG.log(Level.WARNING, "re-subscribing after reconnect failed", e);
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
