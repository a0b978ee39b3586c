package io.telerisk.hub.mqtt;

import io.telerisk.hub.ingest.FileDeadLetterStore;
import io.telerisk.hub.ingest.InMemoryDeviceRegistry;
import io.telerisk.hub.ingest.InMemoryTelemetryStore;
import io.telerisk.hub.ingest.IngestConfig;
import io.telerisk.hub.ingest.IngestService;
import io.telerisk.hub.ingest.IngestStats;
import io.telerisk.model.topic.Channel;
import io.vertx.core.Vertx;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;

import static io.telerisk.hub.ingest.TestEnvelopes.*;
import static org.junit.jupiter.api.Assertions.*;

/** TLS on the built-in endpoint with a PEM certificate made by openssl for this test. */
class BuiltInMqttTlsTest {
    @TempDir
    Path dir;

    private void makeCertificate(Path cert, Path key) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("openssl is needed to make a test certificate: apt-get install openssl", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl failed: " + out);
    }

    @Test
    void devicesConnectOverTlsAndPlainTcpIsRefused() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        makeCertificate(cert, key);
        Vertx vertx = Vertx.vertx();
        var store = new InMemoryTelemetryStore();
        IngestConfig cfg = IngestConfig.defaults().withBuiltIn(true, "127.0.0.1", 0).withDataDir(dir.resolve("hub"))
                .withTls(cert.toString(), key.toString());
        var dl = FileDeadLetterStore.open(cfg);
        IngestService service = IngestService.start(vertx, cfg, store, new InMemoryDeviceRegistry().add(CAR, "token-1"),
                new IngestStats(), dl).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(cert)) {
                trust.setCertificateEntry("hub", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);

            var o = new MqttConnectionOptions();
            o.setUserName("acme/car-1");
            o.setPassword("token-1".getBytes(StandardCharsets.UTF_8));
            o.setSocketFactory(ssl.getSocketFactory());
            var tls = new MqttAsyncClient("ssl://127.0.0.1:" + service.builtInPort(), "tls-car", new MemoryPersistence());
            tls.connect(o).waitForCompletion(10_000);
            var props = new MqttProperties();
            props.setContentType(JSON);
            tls.publish(topic(CAR, Channel.TELEMETRY), new MqttMessage(json(telemetry(CAR, 1, 2)), 1, false, props)).waitForCompletion(10_000);
            assertEquals(1, store.envelopeCount());
            tls.disconnect().waitForCompletion(5_000);
            tls.close();

            var plain = new MqttAsyncClient("tcp://127.0.0.1:" + service.builtInPort(), "plain-car", new MemoryPersistence());
            var po = new MqttConnectionOptions();
            po.setUserName("acme/car-1");
            po.setPassword("token-1".getBytes(StandardCharsets.UTF_8));
            po.setConnectionTimeout(5);
            assertThrows(MqttException.class, () -> plain.connect(po).waitForCompletion(10_000));
            plain.close(true);
        } finally {
            service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            dl.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
