package io.telerisk.agent.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class TlsSocketFactoriesTest {
    @TempDir
    Path dir;

    private void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
    }

    private Path deviceKeystore() throws Exception {
        Path ks = dir.resolve("device.p12");
        keytool("-genkeypair", "-alias", "car-1", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=acme/car-1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit");
        return ks;
    }

    @Test
    void loadsPemCaBundleAndClientKeystore() throws Exception {
        Path ks = deviceKeystore();
        Path pem = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "car-1", "-keystore", ks.toString(), "-storepass", "changeit", "-file", pem.toString());
        KeyStore trust = TlsSocketFactories.fromPem(pem);
        assertEquals(1, trust.size());
        assertNotNull(TlsSocketFactories.create(pem, null, ks, "changeit".toCharArray()));
        // a PKCS#12 file given as CA is read as a truststore
        assertNotNull(TlsSocketFactories.create(ks, "changeit".toCharArray(), null, null));
    }

    @Test
    void garbageCaFileIsRejectedNamingTheFile() throws Exception {
        Path bad = dir.resolve("ca.pem");
        Files.writeString(bad, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsSocketFactories.create(bad, null, null, null));
        assertTrue(e.getMessage().contains("ca.pem"), e.getMessage());
    }

    @Test
    void wrongKeystorePasswordIsRejectedNamingTheFile() throws Exception {
        Path ks = deviceKeystore();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsSocketFactories.create(null, null, ks, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("device.p12"), e.getMessage());
    }

    @Test
    void tokenNeverAppearsInToString() {
        DeviceCredentials c = DeviceCredentials.token("acme", "car-1", "hunter2");
        assertFalse(c.toString().contains("hunter2"));
        assertEquals("acme/car-1", ((DeviceCredentials.Token) c).username());
    }
}
