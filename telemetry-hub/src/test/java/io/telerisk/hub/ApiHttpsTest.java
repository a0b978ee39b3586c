package io.telerisk.hub;

import io.telerisk.hub.config.ApiTls;
import io.telerisk.hub.config.HubConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** HTTPS on the REST API with a certificate made by openssl for this test, as PEM files and as a PKCS#12 keystore. */
class ApiHttpsTest {
    @TempDir
    Path dir;

    @Test
    void servesHttpsWithAPemCertificateAndRefusesPlainHttp() throws Exception {
        Path cert = dir.resolve("api.crt");
        Path key = dir.resolve("api.key");
        makeCertificate(cert, key);
        HubConfig c = HubConfig.embedded(dir.resolve("data"));
        try (Hub hub = Hub.start(c.withApi(c.api().withTls(ApiTls.pem(cert.toString(), key.toString()))))) {
            assertTrue(hub.apiUrl().startsWith("https://"), hub.apiUrl());
            assertServesHttpsOnly(hub, cert);
        }
    }

    @Test
    void servesHttpsWithAPkcs12Keystore() throws Exception {
        Path cert = dir.resolve("api.crt");
        Path key = dir.resolve("api.key");
        makeCertificate(cert, key);
        Path p12 = dir.resolve("api.p12");
        run("openssl", "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-out", p12.toString(),
                "-passout", "pass:s3cret", "-name", "api");
        HubConfig c = HubConfig.embedded(dir.resolve("data"));
        try (Hub hub = Hub.start(c.withApi(c.api().withTls(ApiTls.pkcs12(p12.toString(), "s3cret"))))) {
            assertServesHttpsOnly(hub, cert);
        }
    }

    @Test
    void aWrongKeystorePasswordStopsTheStartWithAReason() throws Exception {
        Path cert = dir.resolve("api.crt");
        Path key = dir.resolve("api.key");
        makeCertificate(cert, key);
        Path p12 = dir.resolve("api.p12");
        run("openssl", "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-out", p12.toString(),
                "-passout", "pass:s3cret", "-name", "api");
        HubConfig c = HubConfig.embedded(dir.resolve("data"));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Hub.start(c.withApi(c.api().withTls(ApiTls.pkcs12(p12.toString(), "wrong")))));
        assertNotNull(e.getMessage());
    }

    private static void assertServesHttpsOnly(Hub hub, Path cert) throws Exception {
        HttpClient tls = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(cert))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = tls.send(HttpRequest.newBuilder(URI.create(hub.apiUrl() + "/health/live"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.sslSession().isPresent(), "answered without TLS");

        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest overHttp = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/health/live"))
                .timeout(Duration.ofSeconds(10)).build();
        assertThrows(IOException.class, () -> plain.send(overHttp, HttpResponse.BodyHandlers.ofString()));
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("hub", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private static void makeCertificate(Path cert, Path key) throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString());
    }

    private static void run(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("openssl is needed to make a test certificate: apt-get install openssl", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + " failed: " + out);
    }
}
