package io.telerisk.agent;

import io.telerisk.agent.mqtt.DeviceCredentials;
import io.telerisk.agent.mqtt.TlsSocketFactories;
import io.telerisk.model.DeviceEvent;
import io.telerisk.model.DeviceType;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * TLS with X.509 client certificates against a real Mosquitto. The testkit's broker has no TLS listener, so this
 * test starts its own mosquitto with certificates made by openssl; it fails (never skips) when either is missing.
 */
class TlsBrokerIntegrationTest {
    @TempDir
    Path dir;

    private Process broker;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + " failed (is openssl installed?): " + out);
    }

    /** CA, broker certificate for 127.0.0.1, and a device certificate (PKCS#12) signed by the CA. */
    private void makeCertificates() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Telerisk Test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "san.ext", "-out", "server.pem");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=acme.car-1", "-keyout", "device.key", "-out", "device.csr");
        run("openssl", "x509", "-req", "-in", "device.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-out", "device.pem");
        run("openssl", "pkcs12", "-export", "-inkey", "device.key", "-in", "device.pem", "-name", "device", "-passout", "pass:devpass",
                "-out", "device.p12");
    }

    private int startTlsBroker() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1",
                "cafile " + dir.resolve("ca.pem"),
                "certfile " + dir.resolve("server.pem"),
                "keyfile " + dir.resolve("server.key"),
                "require_certificate true",
                "use_identity_as_username true",
                "allow_anonymous false",
                "persistence false",
                "user " + System.getProperty("user.name"), ""));
        broker = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            try {
                new Socket("127.0.0.1", port).close();
                return port;
            } catch (IOException e) {
                assertTrue(broker.isAlive(), () -> "mosquitto exited: " + read("mosquitto.out"));
                Thread.sleep(50);
            }
        }
        fail("mosquitto TLS listener did not open: " + read("mosquitto.out"));
        return -1;
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void agentWithClientCertificatePublishesOverTlsAndOneWithoutIsRefused() throws Exception {
        makeCertificates();
        int port = startTlsBroker();
        String uri = "ssl://127.0.0.1:" + port;
        char[] pass = "devpass".toCharArray();
        var tls = TlsSocketFactories.create(dir.resolve("ca.pem"), null, dir.resolve("device.p12"), pass);

        // observer on the same broker, with the device certificate too (the listener requires one)
        MqttAsyncClient observer = new MqttAsyncClient(uri, "observer", new MemoryPersistence());
        List<String> topics = new CopyOnWriteArrayList<>();
        observer.setCallback(new SimpleCallback(topics));
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setSocketFactory(tls);
        observer.connect(o).waitForCompletion(15_000);
        observer.subscribe("v1/acme/vehicle/car-1/#", 1).waitForCompletion(15_000);

        Agent agent = Agent.start(AgentConfig.builder("acme", "car-1", DeviceType.VEHICLE).broker(uri).tls(tls)
                .credentials(new DeviceCredentials.ClientCertificate(dir.resolve("device.p12"), pass))
                .queueDirectory(dir.resolve("q1")).backoff(Duration.ofMillis(100), Duration.ofMillis(500)).randomSeed(1).build());
        agent.submitEvent(DeviceEvent.of("harsh_braking", Instant.parse("2026-03-15T10:00:00Z"), Map.of("peakDecelMps2", 4.0)));
        assertTrue(TestSubscriber.await(Duration.ofSeconds(30), () -> topics.contains("v1/acme/vehicle/car-1/events")),
                () -> "got " + topics + "; " + agent.linkStats() + "; broker: " + read("mosquitto.out"));
        assertTrue(TestSubscriber.await(Duration.ofSeconds(10), () -> agent.queueStats().pendingMessages() == 0));
        agent.close();

        // trusting the CA but presenting no certificate: the broker refuses the handshake, the agent keeps retrying
        var noCert = TlsSocketFactories.create(dir.resolve("ca.pem"), null, null, null);
        Agent anonymous = Agent.start(AgentConfig.builder("acme", "car-2", DeviceType.VEHICLE).broker(uri).tls(noCert)
                .queueDirectory(dir.resolve("q2")).backoff(Duration.ofMillis(100), Duration.ofMillis(300)).randomSeed(2).build());
        assertTrue(TestSubscriber.await(Duration.ofSeconds(30), () -> anonymous.linkStats().connectFailures() >= 2));
        assertFalse(anonymous.isConnected());
        anonymous.close();

        // and a device that does not trust the broker's CA never sends anything
        var wrongTrust = TlsSocketFactories.create(null, null, dir.resolve("device.p12"), pass);
        Agent distrustful = Agent.start(AgentConfig.builder("acme", "car-3", DeviceType.VEHICLE).broker(uri).tls(wrongTrust)
                .queueDirectory(dir.resolve("q3")).backoff(Duration.ofMillis(100), Duration.ofMillis(300)).randomSeed(3).build());
        assertTrue(TestSubscriber.await(Duration.ofSeconds(30), () -> distrustful.linkStats().connectFailures() >= 2));
        assertFalse(distrustful.isConnected());
        distrustful.close();
        observer.disconnect().waitForCompletion(5_000);
        observer.close(true);
    }

    private record SimpleCallback(List<String> topics) implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
        }

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
        }

        @Override
        public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
            topics.add(topic);
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {
        }

        @Override
        public void connectComplete(boolean reconnect, String uri) {
        }

        @Override
        public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
        }
    }
}
