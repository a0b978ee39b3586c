package io.telerisk.dist;

import io.telerisk.hub.Hub;
import io.telerisk.hub.config.HubConfig;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The haproxy example of the kit, run for real in front of two hubs: it terminates HTTPS for the API, passes MQTT
 * through to the hubs' built-in endpoints, and a hub stopped with its drain delay is taken out of rotation before it
 * stops, so clients of the proxy see no failed request.
 */
class HaproxyExampleTest {
    private static final Path EXAMPLE = Kit.CONF.resolve("haproxy").resolve("haproxy.cfg");

    @TempDir
    Path dir;

    @Test
    void theExampleIsAValidHaproxyConfiguration() throws Exception {
        Path cfg = configFor(new int[]{18081, 18082}, new int[]{11883, 11884}, 18443, 11883 + 100, makePem());
        Kit.Run r = Kit.run("apt-get install haproxy", List.of(haproxy(), "-c", "-f", cfg.toString()));
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void aDrainingHubLeavesRotationBeforeItStopsSoNoRequestThroughTheProxyFails() throws Exception {
        Path pem = makePem();
        HubConfig c1 = HubConfig.embedded(dir.resolve("hub1"));
        HubConfig c2 = HubConfig.embedded(dir.resolve("hub2"));
        Hub hub1 = Hub.start(c1.withApi(c1.api().withDrainDelay(Duration.ofSeconds(4))));
        Process haproxy = null;
        try (Hub hub2 = Hub.start(c2)) {
            int apiFront = freePort();
            int mqttFront = freePort();
            Path cfg = configFor(new int[]{hub1.apiPort(), hub2.apiPort()}, new int[]{hub1.mqttPort(), hub2.mqttPort()},
                    apiFront, mqttFront, pem);
            haproxy = new ProcessBuilder(haproxy(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("haproxy.log").toFile()).start();

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting())
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI api = URI.create("https://127.0.0.1:" + apiFront + "/api/v1/openapi.json");
            // both hubs up behind the proxy (haproxy starts with servers up, then checks every second)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (status(http, api) != 200) {
                assertTrue(haproxy.isAlive(), "haproxy stopped: " + Files.readString(dir.resolve("haproxy.log")));
                assertTrue(System.nanoTime() < deadline, "no answer through haproxy: " + Files.readString(dir.resolve("haproxy.log")));
                Thread.sleep(100);
            }
            assertMqttReachesAHub(mqttFront);

            AtomicBoolean run = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread client = new Thread(() -> {
                while (run.get()) {
                    int s = status(http, api);
                    if (s == 200) ok.incrementAndGet();
                    else failures.add(s == -1 ? "no answer" : "HTTP " + s);
                }
            }, "proxy-client");
            client.start();
            Thread.sleep(1000);
            int before = ok.get();
            hub1.close(); // readiness down, 4 s of drain while haproxy's checks (1 s × 2) take it out, then stop
            int during = ok.get() - before;
            Thread.sleep(2000); // hub1 is gone: everything must go to hub2
            run.set(false);
            client.join(10_000);

            assertEquals(List.of(), failures, "requests through haproxy failed while a hub drained and stopped ("
                    + ok.get() + " succeeded); haproxy log:\n" + Files.readString(dir.resolve("haproxy.log")));
            assertTrue(during > 0 && ok.get() > before + during, "requests kept flowing: " + before + " / " + during + " / " + ok.get());
            assertTrue(Files.readString(dir.resolve("haproxy.log")).contains("hubs_api/hub1 is DOWN"),
                    "haproxy took hub1 out of rotation: " + Files.readString(dir.resolve("haproxy.log")));
        } finally {
            hub1.close();
            if (haproxy != null) {
                haproxy.destroy();
                haproxy.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A connection through the proxy's MQTT port reaches a hub's endpoint: it answers CONNECT with a refusal. */
    private static void assertMqttReachesAHub(int port) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient("tcp://127.0.0.1:" + port, "kit-haproxy-probe", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("acme/nobody");
        o.setPassword("wrong".getBytes(StandardCharsets.UTF_8));
        o.setConnectionTimeout(10);
        MqttException e = assertThrows(MqttException.class, () -> c.connect(o).waitForCompletion(15_000));
        // 134 bad user name or password / 135 not authorized: an MQTT server answered, not a broken tunnel
        assertTrue(e.getReasonCode() == 134 || e.getReasonCode() == 135, "reason " + e.getReasonCode() + ": " + e);
        c.close(true);
    }

    /** The example with this test's addresses; fails if the example no longer has the lines it rewrites. */
    private Path configFor(int[] api, int[] mqtt, int apiFront, int mqttFront, Path pem) throws Exception {
        String cfg = Files.readString(EXAMPLE);
        cfg = replace(cfg, "bind :1883", "bind 127.0.0.1:" + mqttFront);
        cfg = replace(cfg, "bind :443 ssl crt /etc/haproxy/certs/telerisk-api.pem", "bind 127.0.0.1:" + apiFront + " ssl crt " + pem);
        for (int i = 0; i < 2; i++) {
            String host = "10.0.0.1" + (i + 1);
            cfg = replace(cfg, host + ":1883 check port 8080", "127.0.0.1:" + mqtt[i] + " check port " + api[i]);
            cfg = replace(cfg, host + ":8080 check", "127.0.0.1:" + api[i] + " check");
        }
        // two hubs here; the example lists three
        cfg = cfg.lines().filter(l -> !l.contains("server hub3")).reduce("", (a, b) -> a + b + "\n");
        // this machine's file-descriptor limit, not a production one
        cfg = replace(cfg, "maxconn 200000", "maxconn 1000");
        Path out = dir.resolve("haproxy-" + apiFront + ".cfg");
        Files.writeString(out, cfg);
        return out;
    }

    private static String replace(String text, String from, String to) {
        assertTrue(text.contains(from), "the haproxy example no longer contains '" + from + "'");
        return text.replace(from, to);
    }

    private Path makePem() throws Exception {
        Path cert = dir.resolve("api.crt");
        Path key = dir.resolve("api.key");
        if (!Files.exists(cert)) Kit.makeCertificate(cert, key);
        Path pem = dir.resolve("api.pem");
        Files.writeString(pem, Files.readString(cert) + Files.readString(key));
        return pem;
    }

    private SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("api.crt"))) {
            trust.setCertificateEntry("proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String haproxy() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
