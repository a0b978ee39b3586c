package io.telerisk.agent.mqtt;

import io.telerisk.agent.queue.DurableQueue;
import io.telerisk.agent.queue.Priority;
import io.telerisk.agent.queue.QueuedMessage;
import io.telerisk.agent.queue.ReplayScheduler;
import io.telerisk.model.DeviceStatus;
import io.telerisk.model.topic.Channel;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's MQTT v5 connection (Eclipse Paho): connects with a persistent session ({@code cleanStart=false},
 * session expiry), announces {@code online} (retained, {@link DeviceStatus} JSON) on the status topic with
 * {@code offline} as last will,
 * subscribes to the device's cmd topic, and publishes queued messages at QoS 1 with their MQTT 5 content type.
 * A message is acked in the queue only on PUBACK. Reconnects use {@link Backoff} (exponential, full jitter);
 * Paho's own automatic reconnect is off. One thread runs the loop.
 */
public final class MqttLink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MqttLink.class.getName());
    private static final String STATUS_CONTENT_TYPE = "application/json";

    private final LinkSettings settings;
    private final DurableQueue queue;
    private final ReplayScheduler scheduler;
    private final Map<Channel, String> topics;
    private final Consumer<CmdMessage> commands;
    private final Clock clock;
    private final Backoff backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final Thread thread;
    private final AtomicLong connects = new AtomicLong(), connectFailures = new AtomicLong(), published = new AtomicLong(),
            pubacks = new AtomicLong(), publishFailures = new AtomicLong(), commandsReceived = new AtomicLong();
    private volatile MqttAsyncClient client;
    private volatile boolean connected;
    private volatile boolean running = true;
    private volatile int generation;
    private volatile String lastError = "";
    private boolean signalled;

    /**
     * @param topics   topic per channel: TELEMETRY, EVENTS, STATUS and CMD must be present
     * @param commands receives commands from the cmd topic (called on Paho's thread: keep it short)
     * @param random   jitter source for the backoff
     */
    public MqttLink(LinkSettings settings, DurableQueue queue, ReplayScheduler scheduler, Map<Channel, String> topics,
                    Consumer<CmdMessage> commands, Random random, Clock clock) {
        for (Channel c : Channel.values()) if (!topics.containsKey(c)) throw new IllegalArgumentException("no topic for " + c);
        this.settings = settings;
        this.queue = queue;
        this.scheduler = scheduler;
        this.topics = Map.copyOf(topics);
        this.commands = commands;
        this.clock = clock;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffCap(), random);
        this.thread = new Thread(this::run, "mqtt-link-" + settings.clientId());
        this.thread.setDaemon(true);
    }

    /** Starts the connection loop. */
    public void start() {
        thread.start();
    }

    /** Wakes the loop (a message was enqueued). */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private long lastFailureLogNanos;

    /** Logs a failed connect as it happens: at once when the reason changes, else at most once a minute. */
    private void reportConnectFailure(String reason, long retryMillis) {
        long now = System.nanoTime();
        if (!reason.equals(lastError) || now - lastFailureLogNanos > 60_000_000_000L) {
            lastFailureLogNanos = now;
            LOG.log(Level.WARNING, "cannot connect to " + settings.brokerUri() + ": " + reason + " (attempt "
                    + backoff.attempts() + ", next in " + retryMillis + " ms)");
        }
    }

    /** Waits the whole backoff delay, whatever is enqueued meanwhile; returns early only when closing. */
    private void awaitBackoff(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) await(Math.max(1, left / 1_000_000L));
    }

    private void await(long millis) {
        lock.lock();
        try {
            long nanos = millis * 1_000_000L;
            while (!signalled && running && nanos > 0) nanos = signal.awaitNanos(nanos);
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                if (!connected) {
                    try {
                        connect();
                        backoff.reset();
                    } catch (MqttException | RuntimeException e) {
                        connectFailures.incrementAndGet();
                        String reason = ConnectFailure.describe(e);
                        long d = backoff.nextDelay().toMillis();
                        reportConnectFailure(reason, d);
                        lastError = reason;
                        closeQuietly();
                        // new messages do not cut the backoff short (they used to wake this wait, so every sample
                        // queued during an outage was another attempt); only close() or the delay ends it
                        awaitBackoff(Math.max(d, 1));
                        continue;
                    }
                }
                long held = holdUntilNanos - System.nanoTime();
                if (held > 0) {
                    await(Math.max(1, held / 1_000_000));
                    continue;
                }
                OptionalLong next = scheduler.next();
                if (next.isPresent()) {
                    publish(next.getAsLong());
                    continue;
                }
                long waitNanos = scheduler.nanosUntilBacklogToken();
                await(waitNanos == 0 ? 200 : Math.max(1, Math.min(200, waitNanos / 1_000_000)));
                queue.syncIfDue();
            } catch (IOException e) {
                // The queue's disk failed: keep the link alive, report, try again shortly.
                lastError = "queue: " + e.getMessage();
                LOG.log(Level.WARNING, "queue error", e);
                await(1000);
            }
        }
    }

    private record Context(long seq, Priority priority, int generation) {
    }

    /** MQTT 5 reason code 0x10: "the message is accepted but there are no subscribers". */
    private static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    private static final long NO_SUBSCRIBER_HOLD_NANOS = 1_000_000_000L;
    private final AtomicLong noSubscriberAcks = new AtomicLong();
    private volatile long holdUntilNanos;

    /** MQTT 5 reason code 0x97: the hub refused the message over the device's rate; resend it later. */
    private static final int QUOTA_EXCEEDED = 0x97;

    private static boolean noMatchingSubscribers(IMqttToken token) {
        return hasCode(token, NO_MATCHING_SUBSCRIBERS);
    }

    private static boolean hasCode(IMqttToken token, int code) {
        int[] codes = token == null ? null : token.getReasonCodes();
        if (codes == null) return false;
        for (int c : codes) {
            if (c == code) return true;
        }
        return false;
    }

    /** Over the hub's rate limit: not stored, so it stays queued; wait a second before publishing again. */
    private void holdForQuota(Context ctx, long seq) {
        lastError = "hub refused over the device's rate (PUBACK 0x97 Quota exceeded); holding and retrying";
        holdUntilNanos = System.nanoTime() + NO_SUBSCRIBER_HOLD_NANOS;
        if (ctx.generation() == generation) scheduler.onFailed(seq, ctx.priority());
        wake();
    }

    private void publish(long seq) throws IOException {
        QueuedMessage m = queue.read(seq).orElse(null);
        if (m == null) { // dropped by the disk bound or found corrupt since it was scheduled
            scheduler.onAcked(seq);
            return;
        }
        MqttMessage msg = new MqttMessage(m.payload());
        msg.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setContentType(m.contentType());
        msg.setProperties(props);
        Context ctx = new Context(seq, m.priority(), generation);
        try {
            client.publish(topics.get(m.channel()), msg, ctx, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (noMatchingSubscribers(token)) {
                        // The broker accepted the message but had nobody to give it to (e.g. Mosquitto forgets the
                        // hubs' $share subscriptions when it restarts): it is not delivered, so it stays queued.
                        noSubscriberAcks.incrementAndGet();
                        lastError = "broker had no matching subscriber (PUBACK 0x10); holding and retrying";
                        holdUntilNanos = System.nanoTime() + NO_SUBSCRIBER_HOLD_NANOS;
                        if (ctx.generation() == generation) scheduler.onFailed(seq, ctx.priority());
                        wake();
                        return;
                    }
                    if (hasCode(token, QUOTA_EXCEEDED)) {
                        holdForQuota(ctx, seq);
                        return;
                    }
                    pubacks.incrementAndGet();
                    try {
                        scheduler.onAcked(seq);
                    } catch (IOException e) {
                        lastError = "queue ack: " + e.getMessage();
                    }
                    wake();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    if (hasCode(token, QUOTA_EXCEEDED)
                            || exception instanceof MqttException e && e.getReasonCode() == QUOTA_EXCEEDED) {
                        holdForQuota(ctx, seq);
                        return;
                    }
                    publishFailures.incrementAndGet();
                    if (ctx.generation() == generation) scheduler.onFailed(seq, ctx.priority());
                    wake();
                }
            });
            published.incrementAndGet();
        } catch (MqttException | RuntimeException e) {
            publishFailures.incrementAndGet();
            scheduler.onFailed(seq, m.priority());
            lastError = String.valueOf(e.getMessage());
            if (client == null || !client.isConnected()) connected = false;
            else await(50); // e.g. Paho's in-flight window is full: give PUBACKs a moment
        }
    }

    private void connect() throws MqttException {
        closeQuietly();
        MqttAsyncClient c = new MqttAsyncClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
        int gen = generation + 1;
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
                if (generation == gen) {
                    connected = false;
                    lastError = "disconnected: " + r.getReasonString();
                    wake();
                }
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
                lastError = String.valueOf(e.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (!topic.equals(topics.get(Channel.CMD))) return;
                commandsReceived.incrementAndGet();
                String ct = message.getProperties() == null ? null : message.getProperties().getContentType();
                try {
                    commands.accept(new CmdMessage(topic, ct, message.getPayload()));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "command listener failed", e); // a listener bug must not drop the link
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout(10);
        o.setAutomaticReconnect(false);
        // The will carries the connect time (the broker publishes it later; the hub adds its receive time).
        MqttMessage will = new MqttMessage(DeviceStatus.offline(clock.instant()).toJson());
        will.setQos(1);
        will.setRetained(true);
        o.setWill(topics.get(Channel.STATUS), will);
        MqttProperties willProps = new MqttProperties();
        willProps.setContentType(STATUS_CONTENT_TYPE);
        o.setWillMessageProperties(willProps);
        if (settings.credentials() instanceof DeviceCredentials.Token t) {
            o.setUserName(t.username());
            char[] tok = t.token();
            o.setPassword(new String(tok).getBytes(StandardCharsets.UTF_8));
        }
        if (settings.socketFactory() != null) o.setSocketFactory(settings.socketFactory());
        client = c;
        c.connect(o).waitForCompletion(15_000);
        generation = gen;
        c.publish(topics.get(Channel.STATUS), status(DeviceStatus.online(clock.instant()))).waitForCompletion(15_000);
        c.subscribe(topics.get(Channel.CMD), 1).waitForCompletion(15_000);
        scheduler.startSession();
        connects.incrementAndGet();
        connected = true;
    }

    /** A retained QoS 1 status message in the platform's status JSON (docs/telemetry.md). */
    private static MqttMessage status(DeviceStatus s) {
        MqttMessage m = new MqttMessage(s.toJson());
        m.setQos(1);
        m.setRetained(true);
        MqttProperties p = new MqttProperties();
        p.setContentType(STATUS_CONTENT_TYPE);
        m.setProperties(p);
        return m;
    }

    private void closeQuietly() {
        MqttAsyncClient c = client;
        client = null;
        connected = false;
        if (c == null) return;
        try {
            if (c.isConnected()) c.disconnectForcibly(0, 1000, false);
        } catch (MqttException ignored) {
            // closing a broken connection
        }
        try {
            c.close(true);
        } catch (MqttException ignored) {
            // closing a broken connection
        }
    }

    /** Whether the link is connected right now. */
    public boolean isConnected() {
        return connected;
    }

    /** Counters of the link. */
    public LinkStats stats() {
        return new LinkStats(connected, connects.get(), connectFailures.get(), backoff.attempts(), published.get(),
                pubacks.get(), publishFailures.get(), commandsReceived.get(), noSubscriberAcks.get(), lastError);
    }

    /**
     * Drops the connection without a DISCONNECT packet, as a power cut or a lost radio would: the broker publishes
     * the last will ({@code offline}). The loop then reconnects with backoff unless closed.
     */
    public void dropConnectionAbruptly() {
        MqttAsyncClient c = client;
        if (c == null) return;
        try {
            c.disconnectForcibly(0, 1000, false);
        } catch (MqttException ignored) {
            // already gone
        }
    }

    /** Stops the loop without a goodbye: the broker sees the connection drop and publishes the will. */
    public void kill() {
        running = false;
        wake();
        dropConnectionAbruptly();
        joinQuietly();
        closeQuietly();
    }

    /** Publishes {@code offline} (retained), disconnects cleanly and stops the loop. */
    @Override
    public void close() {
        running = false;
        wake();
        joinQuietly();
        MqttAsyncClient c = client;
        if (c != null && c.isConnected()) {
            try {
                c.publish(topics.get(Channel.STATUS), status(DeviceStatus.offline(clock.instant()))).waitForCompletion(5_000);
                c.disconnect(5_000).waitForCompletion(5_000);
            } catch (MqttException e) {
                LOG.log(Level.FINE, "clean disconnect failed", e);
            }
        }
        closeQuietly();
    }

    private void joinQuietly() {
        if (Thread.currentThread() == thread) return;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
