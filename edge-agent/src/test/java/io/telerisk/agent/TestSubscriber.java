package io.telerisk.agent;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A Paho v5 subscriber with a persistent session that reconnects by itself, recording what arrives. */
final class TestSubscriber implements AutoCloseable {
    record Received(String topic, byte[] payload, String contentType, boolean retained) {
    }

    private final MqttAsyncClient client;
    private final List<Received> received = new ArrayList<>();

    TestSubscriber(String uri, String clientId, String filter) throws MqttException {
        this(uri, clientId, filter, null, null);
    }

    static TestSubscriber withLogin(String uri, String clientId, String filter, String user, String password) throws MqttException {
        return new TestSubscriber(uri, clientId, filter, user, password);
    }

    private TestSubscriber(String uri, String clientId, String filter, String user, String password) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                synchronized (received) {
                    received.add(new Received(topic, m.getPayload(),
                            m.getProperties() == null ? null : m.getProperties().getContentType(), m.isRetained()));
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    try {
                        client.subscribe(filter, 1);
                    } catch (MqttException ignored) {
                        // the persistent session still holds the subscription
                    }
                }
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 1);
        o.setConnectionTimeout(5); // an attempt against a broker still starting must not hang for the default 30 s
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(filter, 1).waitForCompletion(10_000);
        // Paho's automatic reconnect can stall after a failed attempt ("connect already in progress"); nudge it, as
        // the hub's SharedSubscriptionSource does, so a broker restart never leaves the subscriber offline for good.
        watchdog.scheduleWithFixedDelay(() -> {
            if (closed || client.isConnected()) return;
            try {
                client.reconnect();
            } catch (MqttException | RuntimeException ignored) {
                // an attempt is already running, or the broker is still down: next round
            }
        }, 3, 3, java.util.concurrent.TimeUnit.SECONDS);
    }

    private final java.util.concurrent.ScheduledExecutorService watchdog =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "test-subscriber-watchdog");
                t.setDaemon(true);
                return t;
            });
    private volatile boolean closed;

    List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    void publish(String topic, byte[] payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m).waitForCompletion(10_000);
    }

    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws MqttException {
        closed = true;
        watchdog.shutdownNow();
        try {
            if (client.isConnected()) client.disconnect().waitForCompletion(5_000);
        } finally {
            client.close(true);
        }
    }
}
